// Store contract, part 6: the engine input kept with each audited decision, and reading a
// tenant's decisions in the order they were made (what preview replays).
import { describe, expect, it } from '@jest/globals';
import type { ContractContext } from './contract.ts';
import { OTHER, T0, TENANT, evaluation } from './fixtures.ts';

const input = (n: number) => ({
  snapshot: { id: `l${n}`, fields: { job_title: 'CFO', employees: 1200, nothing: null }, ownerId: null },
  events: [{ type: 'page_view', at: T0 - n, props: { url: '/pricing' } }],
  state: { loads: { 'anna@x.test': { assignedToday: n, assignedThisWeek: n, openLeads: 1 } }, rotations: {} },
  now: T0 + n,
});

export function runDecisionInputContract(ctx: ContractContext): void {
  describe('decision input', () => {
    it('keeps the input with the decision and reads it back intact', async () => {
      const store = ctx.store();
      await store.appendAudit([{ tenant: TENANT, leadId: 'l1', at: T0, evaluation: evaluation('l1', 10), configVersion: 'v2', input: input(1) }]);
      expect(await store.getAudit(TENANT, 'l1')).toStrictEqual([
        { tenant: TENANT, leadId: 'l1', at: T0, evaluation: evaluation('l1', 10), configVersion: 'v2', input: input(1) },
      ]);
    });

    it('lists a tenant\'s decisions since a time, oldest first, in pages', async () => {
      const store = ctx.store();
      await store.appendAudit([
        { tenant: TENANT, leadId: 'l3', at: T0 + 30, evaluation: evaluation('l3', 3), input: input(3) },
        { tenant: TENANT, leadId: 'l1', at: T0 + 10, evaluation: evaluation('l1', 1), input: input(1) },
        { tenant: OTHER, leadId: 'l9', at: T0 + 20, evaluation: evaluation('l9', 9) },
        { tenant: TENANT, leadId: 'old', at: T0 - 1, evaluation: evaluation('old', 0) },
      ]);
      await store.appendAudit([{ tenant: TENANT, leadId: 'l2', at: T0 + 30, evaluation: evaluation('l2', 2) }]);
      const all = await store.listAuditSince(TENANT, T0, { limit: 10 });
      expect(all.map((a) => a.leadId)).toEqual(['l1', 'l3', 'l2']); // same time: in the order appended
      expect(all[0]).toStrictEqual({ id: all[0]!.id, tenant: TENANT, leadId: 'l1', at: T0 + 10, evaluation: evaluation('l1', 1), input: input(1) });
      const page1 = await store.listAuditSince(TENANT, T0, { limit: 2 });
      const last = page1.at(-1)!;
      const page2 = await store.listAuditSince(TENANT, last.at, { afterId: last.id, limit: 2 });
      expect([...page1, ...page2].map((a) => a.leadId)).toEqual(['l1', 'l3', 'l2']);
      expect(await store.listAuditSince(TENANT, T0 + 31, { limit: 10 })).toEqual([]);
    });

    it('keeps a routing state apart and puts it back; preview reads the outcome and a lean input', async () => {
      const store = ctx.store();
      const routed = (n: number) => ({ ...input(n), routing: { state: { loads: { 'anna@x.test': { assignedToday: n, assignedThisWeek: n, openLeads: 0 } }, rotations: {} }, current: null } });
      await store.appendAudit([
        { tenant: TENANT, leadId: 'l1', at: T0 + 1, evaluation: evaluation('l1', 1), input: routed(1) },
        { tenant: TENANT, leadId: 'l2', at: T0 + 2, evaluation: evaluation('l2', 2), input: routed(2) },
        { tenant: TENANT, leadId: 'l3', at: T0 + 3, evaluation: evaluation('l3', 3) },
      ]);
      expect((await store.getAudit(TENANT, 'l1'))[0]!.input).toStrictEqual(routed(1));
      const e = evaluation('l1', 1);
      const recorded = { owner: e.route.owner, tier: e.tier, grade: e.grade, rule: e.route.rule, target: e.route.target, reasons: e.reasons };
      const withState = await store.listPreviewSince(TENANT, T0, { limit: 10, withState: true });
      expect(withState.map((p) => p.leadId)).toEqual(['l1', 'l2', 'l3']);
      expect(withState[0]).toStrictEqual({ id: withState[0]!.id, leadId: 'l1', at: T0 + 1, seq: 0, recorded, input: routed(1) });
      expect(withState[2]!.input).toBeNull();
      const lean = await store.listPreviewSince(TENANT, T0, { after: withState[0]!, limit: 1, withState: false });
      expect(lean).toStrictEqual([{ id: withState[1]!.id, leadId: 'l2', at: T0 + 2, seq: 0, recorded: { ...recorded, reasons: 'score 2' }, input: { ...input(2), routing: { current: null } } }]);
    });

    it('hands preview the decisions in routing order, from the first one routed since the window began, in pages', async () => {
      const store = ctx.store();
      const row = (leadId: string, at: number, routingSeq?: number, tenant = TENANT) => ({ tenant, leadId, at, evaluation: evaluation(leadId, 1), ...(routingSeq ? { routingSeq } : {}) });
      await store.appendAudit([
        row('before', T0 - 5, 3), // routed before the window: out
        row('late-batch', T0 - 1, 8), // its batch took its time before the window, routed inside it: in
        row('b', T0 + 20, 5), // routed first of the window, though a later batch time than c
        row('c', T0 + 10, 9),
        row('other', T0 + 1, 6, OTHER),
        row('legacy-2', T0 + 3), // no routing order recorded (before migration 20): first, by time
        row('legacy-old', T0 - 2),
      ]);
      await store.appendAudit([row('a', T0 + 10, 7), row('legacy-1', T0 + 2)]);
      const expected = ['legacy-1', 'legacy-2', 'b', 'a', 'late-batch', 'c'];
      const all = await store.listPreviewSince(TENANT, T0, { limit: 100, withState: false });
      expect(all.map((p) => p.leadId)).toEqual(expected);
      expect(all.map((p) => p.seq)).toEqual([0, 0, 5, 7, 8, 9]);
      for (const limit of [1, 2, 4]) {
        const paged: string[] = [];
        let after: (typeof all)[number] | undefined;
        for (;;) {
          const page = await store.listPreviewSince(TENANT, T0, { ...(after ? { after } : {}), limit, withState: false });
          paged.push(...page.map((p) => p.leadId));
          if (page.length < limit) break;
          after = page.at(-1)!;
        }
        expect(paged).toEqual(expected);
      }
      expect((await store.listPreviewSince(TENANT, T0 + 15, { limit: 100, withState: false })).map((p) => p.leadId)).toEqual(['b', 'a', 'late-batch', 'c']);
      expect(await store.listPreviewSince(TENANT, T0 + 21, { limit: 100, withState: false })).toEqual([]);
    });

    it('keeps one preview row per audit row: the owner ids apart and shared, pruned, purged, rekeyed and deleted with it', async () => {
      const store = ctx.store();
      const ownerIds = { 'anna@x.test': '7', 'ben@x.test': null };
      const withIds = (n: number) => ({ ...input(n), ownerIds: n === 3 ? { 'anna@x.test': '8' } : { ...ownerIds }, routing: { state: { loads: {}, rotations: { sales: { virtualTime: n, pointers: {} } } }, current: null } });
      await store.appendAudit([1, 2, 3, 4].map((n) => ({ tenant: TENANT, leadId: `l${n}`, at: T0 + n, evaluation: evaluation(`l${n}`, n), input: withIds(n) })));
      await store.appendAudit([{ tenant: OTHER, leadId: 'l1', at: T0 + 1, evaluation: evaluation('l1', 1), input: withIds(1) }]);
      const lean = (n: number) => ({ ...withIds(n), routing: { current: null } });
      const leadsOf = async (tenant: string) => (await store.listPreviewSince(tenant, T0, { limit: 10, withState: false })).map((p) => p.leadId);
      const all = await store.listPreviewSince(TENANT, T0, { limit: 10, withState: true });
      expect(all.map((p) => p.input)).toStrictEqual([withIds(1), lean(2), lean(3), lean(4)]);
      // Decisions that saw the same owner ids share one parsed copy (the replay keeps its directory).
      const ids = all.map((p) => (p.input as { ownerIds: unknown }).ownerIds);
      expect(ids[1]).toBe(ids[0]);
      expect(ids[2]).not.toBe(ids[1]);
      expect(ids[3]).toStrictEqual(ids[1]);
      await store.rekeyLead(TENANT, 'l2', 'l2b');
      expect(await leadsOf(TENANT)).toEqual(['l1', 'l2b', 'l3', 'l4']);
      await store.purgeLead(TENANT, 'l3');
      expect(await leadsOf(TENANT)).toEqual(['l1', 'l2b', 'l4']);
      await store.pruneExpired({ doneInboxBefore: 0, historyBefore: T0 + 2, limit: 100 });
      expect(await leadsOf(TENANT)).toEqual(['l2b', 'l4']);
      expect(await leadsOf(OTHER)).toEqual([]);
      // The window's first decision still gets its routing state from the audit row.
      expect((await store.listPreviewSince(TENANT, T0, { limit: 10, withState: true }))[0]!.input).toStrictEqual(withIds(2));
      await store.deleteTenant(TENANT);
      expect(await leadsOf(TENANT)).toEqual([]);
    });
  });
}
