// Store contract, part 3: installs, timers, engagement ledger, audit, cursors.
import { describe, expect, it } from '@jest/globals';
import type { TimerRecord } from '../../../src/store/types.ts';
import type { ContractContext } from './contract.ts';
import { OTHER, T0, TENANT, evaluation, install } from './fixtures.ts';

export function runRecordsContract(ctx: ContractContext): void {
  describe('installs', () => {
    it('saves, reads back, upserts and lists by CRM', async () => {
      const store = ctx.store();
      expect(await store.getInstall(TENANT)).toBeNull();
      await store.saveInstall(install());
      expect(await store.getInstall(TENANT)).toStrictEqual(install());
      const updated = install({ credentials: 'v1:rotated', meta: { apiDomain: 'eu1.hubapi.com' }, updatedAt: T0 + 5 });
      await store.saveInstall(updated);
      expect(await store.getInstall(TENANT)).toStrictEqual(updated);
      await store.saveInstall(install({ tenant: 'pipedrive:9', crm: 'pipedrive', externalId: '9', meta: {} }));
      await store.saveInstall(install({ tenant: OTHER, externalId: '12' }));
      expect((await store.listInstalls()).map((i) => i.tenant)).toEqual([TENANT, OTHER, 'pipedrive:9']);
      expect((await store.listInstalls('hubspot')).map((i) => i.tenant)).toEqual([TENANT, OTHER]);
      expect(await store.listInstalls('pipedrive')).toStrictEqual([install({ tenant: 'pipedrive:9', crm: 'pipedrive', externalId: '9', meta: {} })]);
    });
  });

  describe('timers', () => {
    it('claims due timers once, oldest first, up to the limit, with their payload', async () => {
      const store = ctx.store();
      const late = await store.scheduleTimer({ tenant: TENANT, leadId: 'l1', kind: 'sla', dueAt: T0 + 300, payload: { round: 0 } });
      const early = await store.scheduleTimer({ tenant: OTHER, leadId: 'l2', kind: 'sla', dueAt: T0 + 100, payload: { round: 1, owner: 'a@x' } });
      const future = await store.scheduleTimer({ tenant: TENANT, leadId: 'l3', kind: 'sla', dueAt: T0 + 10_000, payload: {} });
      expect(new Set([late, early, future]).size).toBe(3);
      expect(await store.claimDueTimers(T0 + 99, 10)).toEqual([]);
      expect(await store.claimDueTimers(T0 + 300, 1)).toStrictEqual([
        { id: early, tenant: OTHER, leadId: 'l2', kind: 'sla', dueAt: T0 + 100, payload: { round: 1, owner: 'a@x' } },
      ]);
      expect((await store.claimDueTimers(T0 + 300, 10)).map((t) => t.id)).toEqual([late]);
      expect(await store.claimDueTimers(T0 + 300, 10)).toEqual([]);
      expect(await store.claimDueTimers(T0 + 20_000, 0)).toEqual([]);
      expect((await store.claimDueTimers(T0 + 20_000, 10)).map((t) => t.id)).toEqual([future]);
    });

    it('cancels a lead\'s timers, all or of one kind', async () => {
      const store = ctx.store();
      await store.scheduleTimer({ tenant: TENANT, leadId: 'l1', kind: 'sla', dueAt: T0, payload: {} });
      await store.scheduleTimer({ tenant: TENANT, leadId: 'l1', kind: 'reminder', dueAt: T0, payload: {} });
      await store.scheduleTimer({ tenant: TENANT, leadId: 'l2', kind: 'sla', dueAt: T0, payload: {} });
      await store.scheduleTimer({ tenant: OTHER, leadId: 'l1', kind: 'sla', dueAt: T0, payload: {} });
      await store.cancelTimers(TENANT, 'l1', 'sla');
      const kinds = (ts: TimerRecord[]) => ts.map((t) => `${t.tenant}/${t.leadId}/${t.kind}`).sort();
      const rest = await store.claimDueTimers(T0, 100);
      expect(kinds(rest)).toEqual([`${OTHER}/l1/sla`, `${TENANT}/l1/reminder`, `${TENANT}/l2/sla`].sort());
      await store.scheduleTimer({ tenant: TENANT, leadId: 'l1', kind: 'sla', dueAt: T0, payload: {} });
      await store.scheduleTimer({ tenant: TENANT, leadId: 'l1', kind: 'reminder', dueAt: T0, payload: {} });
      await store.cancelTimers(TENANT, 'l1');
      expect(await store.claimDueTimers(T0, 100)).toEqual([]);
    });

    it('never fires one timer for two concurrent claimers', async () => {
      const stores = await ctx.stores();
      for (let i = 0; i < 120; i++) await stores[0]!.scheduleTimer({ tenant: TENANT, leadId: `l${i}`, kind: 'sla', dueAt: T0 + (i % 13), payload: { i } });
      const claimed = await Promise.all(
        Array.from({ length: 8 }, async (_, w) => {
          const got: number[] = [];
          for (;;) {
            const ts = await stores[w % stores.length]!.claimDueTimers(T0 + 100, 5);
            if (ts.length === 0) return got;
            got.push(...ts.map((t) => Number(t.payload.i)));
          }
        }),
      );
      const all = claimed.flat();
      expect(all.length).toBe(120);
      expect(new Set(all).size).toBe(120);
    });
  });

  describe('engagement ledger', () => {
    it('dedupes on event id, else on (type, at, props) whatever the key order; counts inserts', async () => {
      const store = ctx.store();
      expect(await store.appendEngagement(TENANT, 'l1', [])).toBe(0);
      const n = await store.appendEngagement(TENANT, 'l1', [
        { type: 'email_open', at: T0 + 20, id: 'e-1' },
        { type: 'email_open', at: T0 + 20, id: 'e-1' },
        { type: 'page_view', at: T0 + 10, props: { url: '/pricing', n: 2, new: true } },
        { type: 'page_view', at: T0 + 10, props: { new: true, n: 2, url: '/pricing' } },
        { type: 'page_view', at: T0 + 10, props: { url: '/docs' } },
        { type: 'webinar', at: T0 + 5 },
      ]);
      expect(n).toBe(4);
      expect(
        await store.appendEngagement(TENANT, 'l1', [
          { type: 'email_open', at: T0 + 99, id: 'e-1' }, // same id: same event
          { type: 'webinar', at: T0 + 5, props: {} }, // no props == empty props
          { type: 'webinar', at: T0 + 6 },
        ]),
      ).toBe(1);
      expect(await store.appendEngagement(TENANT, 'l2', [{ type: 'email_open', at: T0, id: 'e-1' }])).toBe(1);
      expect(await store.appendEngagement(OTHER, 'l1', [{ type: 'webinar', at: T0 + 5 }])).toBe(1);
    });

    it('reads many leads at once, each sorted by time, exactly as appended', async () => {
      const store = ctx.store();
      await store.appendEngagement(TENANT, 'l1', [
        { type: 'b', at: T0 + 30, id: 'x' },
        { type: 'a', at: T0 + 10, props: { url: '/p', score: 1.5, ok: false } },
        { type: 'c', at: T0 + 20 },
      ]);
      await store.appendEngagement(TENANT, 'l2', [{ type: 'z', at: T0 }]);
      await store.appendEngagement(OTHER, 'l1', [{ type: 'other', at: T0 }]);
      const got = await store.getEngagement(TENANT, ['l1', 'l2', 'none', 'l1']);
      expect([...got.keys()].sort()).toEqual(['l1', 'l2', 'none']);
      expect(got.get('l1')).toStrictEqual([
        { type: 'a', at: T0 + 10, props: { url: '/p', score: 1.5, ok: false } },
        { type: 'c', at: T0 + 20 },
        { type: 'b', at: T0 + 30, id: 'x' },
      ]);
      expect(got.get('l2')).toStrictEqual([{ type: 'z', at: T0 }]);
      expect(got.get('none')).toEqual([]);
      expect((await store.getEngagement(TENANT, [])).size).toBe(0);
    });
  });

  describe('audit', () => {
    it('appends many and reads a lead\'s latest first, with a limit, evaluation intact', async () => {
      const store = ctx.store();
      await store.appendAudit([]);
      await store.appendAudit([
        { tenant: TENANT, leadId: 'l1', at: T0 + 10, evaluation: evaluation('l1', 10) },
        { tenant: TENANT, leadId: 'l1', at: T0 + 30, evaluation: evaluation('l1', 30) },
        { tenant: TENANT, leadId: 'l2', at: T0 + 40, evaluation: evaluation('l2', 40) },
        { tenant: OTHER, leadId: 'l1', at: T0 + 50, evaluation: evaluation('l1', 50) },
      ]);
      await store.appendAudit([{ tenant: TENANT, leadId: 'l1', at: T0 + 20, evaluation: evaluation('l1', 20) }]);
      const all = await store.getAudit(TENANT, 'l1');
      expect(all.map((a) => a.at)).toEqual([T0 + 30, T0 + 20, T0 + 10]);
      expect(all[0]).toStrictEqual({ tenant: TENANT, leadId: 'l1', at: T0 + 30, evaluation: evaluation('l1', 30) });
      expect((await store.getAudit(TENANT, 'l1', 2)).map((a) => a.evaluation.score.total)).toEqual([30, 20]);
      expect(await store.getAudit(TENANT, 'nobody')).toEqual([]);
    });
  });

  describe('cursors', () => {
    it('gets null for an unknown key, sets and overwrites', async () => {
      const store = ctx.store();
      expect(await store.getCursor('hubspot:1:backfill')).toBeNull();
      await store.setCursor('hubspot:1:backfill', 'after=100');
      await store.setCursor('global', '');
      await store.setCursor('hubspot:1:backfill', 'after=200');
      expect(await store.getCursor('hubspot:1:backfill')).toBe('after=200');
      expect(await store.getCursor('global')).toBe('');
    });
  });
}
