// backfillOutcomes: pages of deals become outcomes; the cursor is saved after every page, so a
// run that fails mid-way resumes at the failed page and stores nothing twice; a dry run stores
// nothing and saves no cursor.
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import type { DealOutcome } from '../../../src/crm/interpret.ts';
import type { CrmTenantClient } from '../../../src/crm/types.ts';
import { backfillOutcomes } from '../../../src/pipeline/jobs/backfill-outcomes.ts';
import { createSqliteStore } from '../../../src/store/sqlite/create-sqlite-store.ts';
import type { Store } from '../../../src/store/types.ts';

const TENANT = 'pipedrive:1';
const deal = (i: number): DealOutcome => ({
  dealId: `d${i}`, leadIds: [`p${i % 3}`], status: i % 2 ? 'won' : 'open', amount: i, currency: 'EUR', createdAt: 1_000 + i, closedAt: i % 2 ? 2_000 : null, lostReason: null, observedAt: 3_000,
});

function pagedClient(total: number, failAtPage?: number) {
  const asked: (string | null)[] = [];
  let fail = failAtPage;
  const client = {
    tenant: TENANT,
    async listDeals({ cursor, limit }: { cursor: string | null; limit: number }) {
      asked.push(cursor);
      const start = cursor === null ? 0 : Number(cursor);
      if (fail !== undefined && start / limit === fail) {
        fail = undefined;
        throw new Error('503 from the CRM');
      }
      const deals = Array.from({ length: Math.min(limit, total - start) }, (_, i) => deal(start + i));
      return { deals, next: start + limit < total ? String(start + limit) : null };
    },
  } as unknown as CrmTenantClient;
  return { client, asked };
}

describe('backfillOutcomes', () => {
  let store: Store;
  beforeEach(async () => {
    store = createSqliteStore(':memory:');
    await store.migrate();
  });
  afterEach(() => store.close());

  it('resumes an interrupted run at the page that failed', async () => {
    const { client, asked } = pagedClient(25, 2);
    const first = backfillOutcomes({ store, client, cursorKey: 'k', pageSize: 10 });
    await expect(first).rejects.toThrow('503 from the CRM');
    expect(await store.listOutcomes(TENANT)).toHaveLength(20);
    const seen: number[] = [];
    const second = await backfillOutcomes({ store, client, cursorKey: 'k', pageSize: 10, onProgress: (p) => seen.push(p.deals) });
    expect(second).toEqual({ pages: 1, deals: 5, stored: 5, done: true });
    expect(seen).toEqual([5]);
    expect(asked).toEqual([null, '10', '20', '20']);
    expect(await store.listOutcomes(TENANT)).toHaveLength(25);
    expect(await backfillOutcomes({ store, client, cursorKey: 'k', pageSize: 10 })).toEqual({ pages: 0, deals: 0, stored: 0, done: true });
  });

  it('stores nothing and keeps no cursor in a dry run', async () => {
    const { client } = pagedClient(12);
    expect(await backfillOutcomes({ store, client, cursorKey: 'k', pageSize: 10, dryRun: true })).toEqual({ pages: 2, deals: 12, stored: 0, done: true });
    expect(await store.listOutcomes(TENANT)).toEqual([]);
    expect(await store.getCursor('k')).toBeNull();
  });

  it('refuses a client that cannot list deals', async () => {
    await expect(backfillOutcomes({ store, client: { tenant: TENANT } as CrmTenantClient, cursorKey: 'k' })).rejects.toThrow(/cannot list deals/);
  });
});
