// Store contract, CRM truth: owner changes made in the CRM move a lead between owners' open
// loads (with implicit wrong-owner feedback), worked-out leads stop counting as open, lead
// statuses are kept as outcomes attributed like deals.
import { describe, expect, it } from '@jest/globals';
import type { CrmOwnerChange, OwnerPeriod, Store } from '../../../src/store/types.ts';
import type { ContractContext } from './contract.ts';
import { OTHER, T0, TENANT, assignment } from './fixtures.ts';

const anna: OwnerPeriod = { owner: 'anna@x.test', dayStart: T0 - 1000, weekStart: T0 - 1000 };
const ben: OwnerPeriod = { owner: 'ben@x.test', dayStart: T0 - 1000, weekStart: T0 - 1000 };

async function assign(store: Store, over: Parameters<typeof assignment>[0]): Promise<void> {
  const a = assignment(over);
  await store.routeAtomically(a.tenant, a.leadId, [], [], () => ({ result: null, assignment: a }));
}

async function openLoads(store: Store, tenant = TENANT): Promise<Record<string, number>> {
  const { state } = await store.routeAtomically(tenant, 'probe', [anna, ben], [], (tx) => ({ result: structuredClone(tx) }));
  return Object.fromEntries(Object.entries(state.loads).map(([o, l]) => [o, l.openLeads]));
}

const change = (over: Partial<CrmOwnerChange> = {}): CrmOwnerChange => ({
  tenant: TENANT, leadId: 'lead-1', owner: 'ben@x.test', at: T0 + 60_000, userId: 'user-9', ...over,
});

export function runCrmTruthContract(ctx: ContractContext): void {
  describe('crm truth', () => {
    it('a manager reassigning in the CRM moves the open lead and records implicit wrong-owner feedback', async () => {
      const store = ctx.store();
      await assign(store, { leadId: 'lead-1', tier: 'hot' });
      await assign(store, { leadId: 'lead-2' });
      expect(await openLoads(store)).toEqual({ 'anna@x.test': 2, 'ben@x.test': 0 });

      expect(await store.applyCrmOwnerChange(change())).toEqual({ outcome: 'reassigned', previousOwner: 'anna@x.test' });
      expect(await openLoads(store)).toEqual({ 'anna@x.test': 1, 'ben@x.test': 1 });
      expect(await store.getAssignment(TENANT, 'lead-1')).toMatchObject({
        owner: 'ben@x.test', origin: 'crm', rule: null, team: null, tier: 'hot', assignedAt: T0 + 60_000, slaDeadline: null, closed: false, endedAt: null,
      });
      const history = await store.listAssignmentsSince(TENANT, 0);
      expect(history.filter((a) => a.leadId === 'lead-1').map((a) => [a.owner, a.closed, a.endReason ?? null, a.origin])).toEqual([
        ['anna@x.test', true, 'crm_owner_change', 'engine'],
        ['ben@x.test', false, null, 'crm'],
      ]);
      expect(await store.listFeedback(TENANT, 'lead-1')).toEqual([
        { tenant: TENANT, leadId: 'lead-1', at: T0 + 60_000, userId: 'user-9', kind: 'wrong_owner', note: 'owner changed in the CRM: anna@x.test -> ben@x.test', source: 'owner_change',
          // the decision the manager overrode: the superseded assignment
          decision: { decidedAt: T0, owner: 'anna@x.test', rule: 'default', tier: 'hot', score: 0, configVersion: null } },
      ]);
    });

    it('an echo of the owner we recorded, a replay, a stale change and an untracked lead change nothing', async () => {
      const store = ctx.store();
      await assign(store, { leadId: 'lead-1', assignedAt: T0 });
      expect(await store.applyCrmOwnerChange(change({ owner: 'anna@x.test' }))).toEqual({ outcome: 'echo', previousOwner: 'anna@x.test' });
      expect(await store.applyCrmOwnerChange(change({ at: T0 - 1 }))).toEqual({ outcome: 'stale', previousOwner: 'anna@x.test' });
      expect(await store.applyCrmOwnerChange(change({ leadId: 'never-routed' }))).toEqual({ outcome: 'untracked', previousOwner: null });
      expect(await store.applyCrmOwnerChange(change({ tenant: OTHER }))).toEqual({ outcome: 'untracked', previousOwner: null });
      expect(await store.listFeedback(TENANT, 'lead-1')).toEqual([]);
      await store.applyCrmOwnerChange(change());
      expect(await store.applyCrmOwnerChange(change())).toEqual({ outcome: 'echo', previousOwner: 'ben@x.test' }); // redelivery
      expect(await store.listFeedback(TENANT, 'lead-1')).toHaveLength(1);
      expect(await openLoads(store)).toEqual({ 'anna@x.test': 0, 'ben@x.test': 1 });
    });

    it('lists the leads whose routing a manager overrode in the CRM: reassigned, or closed by a lead status before a touch', async () => {
      const store = ctx.store();
      for (const leadId of ['moved', 'unqualified', 'archived', 'touched', 'won', 'stage', 'plain', 'old']) await assign(store, { leadId, assignedAt: leadId === 'old' ? T0 - 10 : T0 });
      await store.applyCrmOwnerChange(change({ leadId: 'moved' }));
      await store.endAssignment(TENANT, 'unqualified', T0 + 5, 'lead_status:UNQUALIFIED');
      await store.endAssignment(TENANT, 'archived', T0 + 5, 'lead_archived');
      await store.recordFirstTouch(TENANT, 'touched', T0 + 2);
      await store.endAssignment(TENANT, 'touched', T0 + 5, 'lead_status:UNQUALIFIED'); // worked, then closed
      await store.endAssignment(TENANT, 'won', T0 + 5, 'deal_created'); // progress, not an override
      await store.endAssignment(TENANT, 'stage', T0 + 5, 'lifecycle_stage:opportunity');
      await store.applyCrmOwnerChange(change({ leadId: 'old' })); // moved in the window, first assigned before it
      // moved, then the new owner's assignment closed unworked too
      await assign(store, { leadId: 'both', assignedAt: T0 });
      await store.applyCrmOwnerChange(change({ leadId: 'both' }));
      await store.endAssignment(TENANT, 'both', T0 + 70_000, 'lead_status:BAD_TIMING');
      await assign(store, { tenant: OTHER, leadId: 'moved', assignedAt: T0 });
      await store.applyCrmOwnerChange(change({ tenant: OTHER, leadId: 'moved' }));
      expect(await store.listRoutingOverrides(TENANT, T0)).toEqual([
        { leadId: 'archived', reassignedInCrm: false, closedUnworked: true },
        { leadId: 'both', reassignedInCrm: true, closedUnworked: true },
        { leadId: 'moved', reassignedInCrm: true, closedUnworked: false },
        { leadId: 'old', reassignedInCrm: true, closedUnworked: false },
        { leadId: 'unqualified', reassignedInCrm: false, closedUnworked: true },
      ]);
      // assignments made before the window do not count
      expect((await store.listRoutingOverrides(TENANT, T0 + 1)).map((o) => o.leadId)).toEqual(['both', 'moved', 'old']);
      expect(await store.listRoutingOverrides(OTHER, T0)).toEqual([{ leadId: 'moved', reassignedInCrm: true, closedUnworked: false }]);
      expect(await store.listRoutingOverrides('hubspot:404', 0)).toEqual([]);
    });

    it('rep feedback keeps source rep', async () => {
      const store = ctx.store();
      await store.appendFeedback({ tenant: TENANT, leadId: 'lead-1', at: T0, userId: '7', kind: 'bad_fit', note: null });
      expect((await store.listFeedback(TENANT, 'lead-1'))[0]).toMatchObject({ kind: 'bad_fit', source: 'card' });
    });

    it('a worked-out lead stops counting as open but stays the lead\'s assignment; an older status ends nothing', async () => {
      const store = ctx.store();
      await assign(store, { leadId: 'lead-1', assignedAt: T0 });
      await assign(store, { leadId: 'lead-2', assignedAt: T0 });
      expect(await store.endAssignment(TENANT, 'lead-1', T0 - 5, 'lead_status:UNQUALIFIED')).toBe(false);
      expect(await store.endAssignment(OTHER, 'lead-1', T0 + 5, 'deal_created')).toBe(false);
      expect(await store.endAssignment(TENANT, 'lead-1', T0 + 5, 'deal_created')).toBe(true);
      expect(await store.endAssignment(TENANT, 'lead-1', T0 + 9, 'lead_status:UNQUALIFIED')).toBe(false); // already ended
      expect(await openLoads(store)).toEqual({ 'anna@x.test': 1, 'ben@x.test': 0 });
      expect(await store.getAssignment(TENANT, 'lead-1')).toMatchObject({ owner: 'anna@x.test', closed: false, endedAt: T0 + 5, endReason: 'deal_created' });
      expect(await store.endAssignment(TENANT, 'none', T0, 'deal_created')).toBe(false);
    });

    it('keeps the newest lead status per (lead, kind, record) with the decision set once; purge and tenant delete remove them', async () => {
      const store = ctx.store();
      const decision = { decidedAt: T0, owner: 'anna@x.test', rule: 'default', tier: 'A', score: 70, configVersion: 'v2' };
      const base = { tenant: TENANT, leadId: 'lead-1', kind: 'lifecycle_stage' as const, recordId: '', decision };
      await store.upsertLeadStatus({ ...base, value: 'salesqualifiedlead', observedAt: T0 + 10 });
      await store.upsertLeadStatus({ ...base, value: 'lead', observedAt: T0 + 5, decision: null }); // late, older: ignored
      await store.upsertLeadStatus({ ...base, value: 'customer', observedAt: T0 + 20, decision: { ...decision, owner: 'ben@x.test' } });
      await store.upsertLeadStatus({ ...base, kind: 'lead_archived', recordId: 'uuid-1', value: 'true', observedAt: T0 + 30 });
      await store.upsertLeadStatus({ ...base, tenant: OTHER, value: 'other', observedAt: T0 });
      expect(await store.listLeadStatuses(TENANT)).toEqual([
        { ...base, value: 'customer', observedAt: T0 + 20 },
        { ...base, kind: 'lead_archived', recordId: 'uuid-1', value: 'true', observedAt: T0 + 30 },
      ]);
      expect(await store.listLeadStatuses(TENANT, { since: T0 + 25 })).toHaveLength(1);
      await store.rekeyLead(TENANT, 'lead-1', 'lead-9');
      expect((await store.listLeadStatuses(TENANT, { leadId: 'lead-9' })).map((s) => s.kind)).toEqual(['lifecycle_stage', 'lead_archived']);
      await store.purgeLead(TENANT, 'lead-9');
      expect(await store.listLeadStatuses(TENANT)).toEqual([]);
      await store.deleteTenant(OTHER);
      expect(await store.listLeadStatuses(OTHER)).toEqual([]);
    });

    it('owner changes of two stores on one database apply once', async () => {
      const stores = await ctx.stores();
      await assign(stores[0]!, { leadId: 'lead-1' });
      const results = await Promise.all(stores.flatMap((s) => [s.applyCrmOwnerChange(change()), s.applyCrmOwnerChange(change())]));
      expect(results.filter((r) => r.outcome === 'reassigned')).toHaveLength(1);
      expect(await stores[0]!.listFeedback(TENANT, 'lead-1')).toHaveLength(1);
    });
  });
}
