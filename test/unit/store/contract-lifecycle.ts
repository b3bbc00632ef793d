// Store contract, part 4: privacy deletion, merges, uninstall.
import { describe, expect, it } from '@jest/globals';
import type { Store } from '../../../src/store/types.ts';
import type { ContractContext } from './contract.ts';
import { OTHER, T0, TENANT, assignment, evaluation, inboxEvent, install } from './fixtures.ts';

/** Everything the store keeps about one lead, through the public API only. */
async function footprint(store: Store, tenant: string, leadId: string) {
  const claimed = await store.inboxClaim({ tenant, limit: 1000, leaseMs: 1, now: T0 + 10_000_000, worker: 'probe' });
  if (claimed.length) await store.inboxRetry(claimed.map((r) => r.id), 'probe', T0); // put them back
  return {
    assignment: await store.getAssignment(tenant, leadId),
    engagement: (await store.getEngagement(tenant, [leadId])).get(leadId),
    audit: (await store.getAudit(tenant, leadId)).map((a) => a.at),
    inbox: claimed.filter((r) => r.objectId === leadId).map((r) => r.dedupeKey).sort(),
  };
}

/** One lead with a bit of everything. */
async function seedLead(store: Store, tenant: string, leadId: string, at: number): Promise<void> {
  await store.inboxAppend([inboxEvent({ tenant, dedupeKey: `${leadId}-ev`, objectId: leadId })], T0);
  await store.appendEngagement(tenant, leadId, [{ type: 'open', at, id: `${leadId}-open` }, { type: 'shared', at: T0, id: 'same' }]);
  await store.appendAudit([{ tenant, leadId, at, evaluation: evaluation(leadId, 50) }]);
  await store.scheduleTimer({ tenant, leadId, kind: 'sla', dueAt: at, payload: { leadId } });
  const a = assignment({ tenant, leadId, assignedAt: at });
  await store.routeAtomically(tenant, leadId, [], [], () => ({ result: null, assignment: a }));
}

export function runLifecycleContract(ctx: ContractContext): void {
  describe('lead lifecycle', () => {
    it('purgeLead deletes ledger, assignments, audit, timers and inbox rows of that lead only', async () => {
      const store = ctx.store();
      await seedLead(store, TENANT, 'gone', T0 + 1);
      await seedLead(store, TENANT, 'kept', T0 + 2);
      await seedLead(store, OTHER, 'gone', T0 + 3);
      await store.purgeLead(TENANT, 'gone');
      expect(await footprint(store, TENANT, 'gone')).toEqual({ assignment: null, engagement: [], audit: [], inbox: [] });
      expect(await footprint(store, TENANT, 'kept')).toMatchObject({ audit: [T0 + 2], inbox: ['kept-ev'] });
      expect(await footprint(store, OTHER, 'gone')).toMatchObject({ audit: [T0 + 3], inbox: ['gone-ev'] });
      const timers = await store.claimDueTimers(T0 + 100, 100);
      expect(timers.map((t) => `${t.tenant}/${t.leadId}`).sort()).toEqual([`${OTHER}/gone`, `${TENANT}/kept`].sort());
    });

    it('rekeyLead moves everything to the surviving id without duplicating its ledger', async () => {
      const store = ctx.store();
      await seedLead(store, TENANT, 'from', T0 + 1);
      await store.appendEngagement(TENANT, 'to', [{ type: 'shared', at: T0, id: 'same' }, { type: 'own', at: T0 + 5 }]);
      await store.rekeyLead(TENANT, 'from', 'to');
      expect(await footprint(store, TENANT, 'from')).toEqual({ assignment: null, engagement: [], audit: [], inbox: [] });
      const to = await footprint(store, TENANT, 'to');
      expect(to.engagement).toStrictEqual([
        { type: 'shared', at: T0, id: 'same' },
        { type: 'open', at: T0 + 1, id: 'from-open' },
        { type: 'own', at: T0 + 5 },
      ]);
      expect(to.audit).toEqual([T0 + 1]);
      expect(to.inbox).toEqual(['from-ev']);
      // the target had no assignment: the merged one becomes its current, timers follow it
      expect(to.assignment).toMatchObject({ leadId: 'to', assignedAt: T0 + 1, closed: false });
      expect((await store.claimDueTimers(T0 + 100, 10)).map((t) => t.leadId)).toEqual(['to']);
      await store.rekeyLead(TENANT, 'to', 'to'); // no-op
      expect((await store.getEngagement(TENANT, ['to'])).get('to')).toHaveLength(3);
    });

    it('rekeyLead keeps the survivor\'s own open assignment and drops the merged SLA timers', async () => {
      const store = ctx.store();
      await seedLead(store, TENANT, 'from', T0 + 1);
      await seedLead(store, TENANT, 'to', T0 + 2);
      await store.rekeyLead(TENANT, 'from', 'to');
      expect(await store.getAssignment(TENANT, 'to')).toMatchObject({ assignedAt: T0 + 2, closed: false });
      const { state } = await store.routeAtomically(TENANT, 'probe', [{ owner: 'anna@x.test', dayStart: T0, weekStart: T0 }], [], (tx) => ({ result: tx }));
      expect(state.loads['anna@x.test']).toEqual({ assignedToday: 2, assignedThisWeek: 2, openLeads: 1 });
      expect((await store.claimDueTimers(T0 + 100, 10)).map((t) => t.payload.leadId)).toEqual(['to']);
      expect((await store.getAudit(TENANT, 'to')).map((a) => a.at)).toEqual([T0 + 2, T0 + 1]);
    });

    it('deleteTenant removes the install and every row of the tenant, nothing of others', async () => {
      const store = ctx.store();
      for (const tenant of [TENANT, OTHER]) {
        await store.saveInstall(install({ tenant }));
        await seedLead(store, tenant, 'l1', T0 + 1);
        await store.routeAtomically(tenant, 'l2', [], [], () => ({
          result: null,
          assignment: assignment({ tenant, leadId: 'l2', rotation: { team: 'sales', owner: 'anna@x.test', pointer: 4, virtualTime: 3 } }),
        }));
        await store.setCursor(`${tenant}:backfill:contacts`, 'after=1');
      }
      await store.setCursor('global:reconcile', 'x');
      await store.deleteTenant(TENANT);

      expect(await store.getInstall(TENANT)).toBeNull();
      expect(await footprint(store, TENANT, 'l1')).toEqual({ assignment: null, engagement: [], audit: [], inbox: [] });
      expect(await store.inboxStats(TENANT)).toEqual({ pending: 0, processing: 0, done: 0, failed: 0, oldestPendingAt: null });
      expect(await store.getCursor(`${TENANT}:backfill:contacts`)).toBeNull();
      const owners = [{ owner: 'anna@x.test', dayStart: 0, weekStart: 0 }];
      const gone = await store.routeAtomically(TENANT, 'x', owners, ['sales'], (tx) => ({ result: tx.state }));
      expect(gone).toEqual({ loads: { 'anna@x.test': { assignedToday: 0, assignedThisWeek: 0, openLeads: 0 } }, rotations: { sales: { virtualTime: 0, pointers: {} } } });
      expect((await store.claimDueTimers(T0 + 100, 10)).map((t) => t.tenant)).toEqual([OTHER]);

      // the other tenant ("hubspot:12" starts with "hubspot:1") is untouched
      expect(await store.getInstall(OTHER)).not.toBeNull();
      expect(await store.getCursor(`${OTHER}:backfill:contacts`)).toBe('after=1');
      expect(await store.getCursor('global:reconcile')).toBe('x');
      expect(await footprint(store, OTHER, 'l1')).toMatchObject({ audit: [T0 + 1], inbox: ['l1-ev'], assignment: { tenant: OTHER } });
      const kept = await store.routeAtomically(OTHER, 'x', owners, ['sales'], (tx) => ({ result: tx.state }));
      expect(kept.rotations.sales).toEqual({ virtualTime: 3, pointers: { 'anna@x.test': 4 } });
      expect(kept.loads['anna@x.test']?.openLeads).toBe(2);
    });
  });
}
