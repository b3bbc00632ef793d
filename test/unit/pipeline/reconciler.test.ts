import { describe, expect, it } from '@jest/globals';
import type { CrmTenantClient } from '../../../src/crm/types.ts';
import { startReconciler } from '../../../src/pipeline/jobs/reconcile-leads.ts';
import { createSqliteStore } from '../../../src/store/sqlite/create-sqlite-store.ts';

const DAY = 86_400_000;

/** A CRM with records updated at known times; listLeadIds pages 2 at a time, filtered by since. */
function fakeCrm(records: { id: string; updatedAt: number }[]) {
  const calls: { since?: number; cursor: string | null }[] = [];
  const client = {
    tenant: 'pipedrive:1',
    async listLeadIds({ cursor, since }: { cursor: string | null; since?: number; limit: number }) {
      calls.push({ since, cursor });
      const matching = records.filter((r) => since === undefined || r.updatedAt >= since).map((r) => r.id);
      const start = cursor ? Number(cursor) : 0;
      const ids = matching.slice(start, start + 2);
      return { ids, next: start + 2 < matching.length ? String(start + 2) : null };
    },
  } as unknown as CrmTenantClient;
  return { client, calls };
}

describe('reconciler', () => {
  it('queues the leads changed since the last pass (events lost during a webhook ban), then only newer ones', async () => {
    const store = createSqliteStore(':memory:');
    await store.migrate();
    let now = 10 * DAY;
    const records = [
      { id: 'old', updatedAt: 2 * DAY },
      { id: 'a', updatedAt: now - 3_600_000 },
      { id: 'b', updatedAt: now - 600_000 },
      { id: 'c', updatedAt: now - 120_000 }, // outside the next pass's minute of overlap
    ];
    const crm = fakeCrm(records);
    const r = startReconciler({ store, client: async () => crm.client, tenant: 'pipedrive:1', everyMs: 3_600_000, now: () => now, onError: (e) => { throw e; } });
    try {
      // First pass: the last 24 h (no watermark yet), paged to the end.
      expect(await r.runOnce()).toBe(3);
      const rows = await store.inboxClaim({ limit: 10, leaseMs: 1000, now, worker: 't' });
      expect(rows.map((x) => x.objectId).sort()).toEqual(['a', 'b', 'c']);
      expect(rows.every((x) => x.kind === 'lead.rescore' && x.tenant === 'pipedrive:1')).toBe(true);

      // Next pass an hour later: only what changed since (with a minute of overlap).
      now += 3_600_000;
      records.push({ id: 'd', updatedAt: now - 5_000 });
      expect(await r.runOnce()).toBe(1);
      expect(crm.calls.at(-1)!.since).toBe(now - 3_600_000 - 60_000);
    } finally {
      r.stop();
      await store.close();
    }
  });
});
