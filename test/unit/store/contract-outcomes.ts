// Store contract, part 8: outcomes (deals linked to leads). Deal fields follow the newest CRM
// change; the attributed decision is kept from the first time it was set; outcomes follow
// the lead through merges, privacy deletion and uninstall.
import { describe, expect, it } from '@jest/globals';
import type { OutcomeInput } from '../../../src/store/types.ts';
import type { ContractContext } from './contract.ts';
import { OTHER, T0, TENANT, assignment } from './fixtures.ts';

const decision = { decidedAt: T0 - 1000, owner: 'anna@x.test', rule: 'enterprise', tier: 'hot', score: 82, configVersion: 'v3' };

export const outcome = (over: Partial<OutcomeInput> = {}): OutcomeInput => ({
  tenant: TENANT,
  leadId: 'l1',
  dealId: 'd1',
  status: 'open',
  amount: 1200.5,
  currency: 'EUR',
  dealCreatedAt: T0,
  closedAt: null,
  lostReason: null,
  observedAt: T0,
  decision,
  ...over,
});

export function runOutcomesContract(ctx: ContractContext): void {
  describe('outcomes', () => {
    it('records a deal once per (deal, lead), newest change wins, decision kept from the first', async () => {
      const store = ctx.store();
      await store.upsertOutcome(outcome());
      const won = outcome({ status: 'won', amount: 1500, closedAt: T0 + 50, observedAt: T0 + 50, decision: { ...decision, owner: 'bob@x.test', decidedAt: T0 + 40 } });
      await store.upsertOutcome(won);
      // an older change delivered late does not undo the win
      await store.upsertOutcome(outcome({ observedAt: T0 + 10 }));
      expect(await store.listOutcomes(TENANT)).toStrictEqual([{ ...won, decision }]);
    });

    it('fills in a decision that was missing, lists by lead and by deal creation time, per tenant', async () => {
      const store = ctx.store();
      await store.upsertOutcome(outcome({ decision: null }));
      await store.upsertOutcome(outcome({ observedAt: T0 + 1 }));
      await store.upsertOutcome(outcome({ dealId: 'd2', leadId: 'l2', dealCreatedAt: null, observedAt: T0 - 5, status: 'lost', lostReason: 'price', closedAt: T0 - 5 }));
      await store.upsertOutcome(outcome({ tenant: OTHER }));
      expect((await store.listOutcomes(TENANT)).map((o) => [o.dealId, o.leadId, o.decision?.owner])).toEqual([
        ['d2', 'l2', 'anna@x.test'],
        ['d1', 'l1', 'anna@x.test'],
      ]);
      expect((await store.listOutcomes(TENANT, { since: T0 })).map((o) => o.dealId)).toEqual(['d1']);
      expect((await store.listOutcomes(TENANT, { leadId: 'l2' }))[0]).toMatchObject({ status: 'lost', lostReason: 'price', dealCreatedAt: null });
      expect(await store.listOutcomes(OTHER)).toHaveLength(1);
    });

    it('rejects an unknown status', async () => {
      await expect(ctx.store().upsertOutcome(outcome({ status: 'maybe' as OutcomeInput['status'] }))).rejects.toMatchObject({ code: 'STORE_ERROR' });
    });

    it('moves with a merge (a deal on both records stays once) and goes with a purge or an uninstall', async () => {
      const store = ctx.store();
      await store.upsertOutcome(outcome({ leadId: 'a', dealId: 'shared' }));
      await store.upsertOutcome(outcome({ leadId: 'b', dealId: 'shared' }));
      await store.upsertOutcome(outcome({ leadId: 'a', dealId: 'only-a' }));
      await store.rekeyLead(TENANT, 'a', 'b');
      expect((await store.listOutcomes(TENANT)).map((o) => `${o.leadId}/${o.dealId}`).sort()).toEqual(['b/only-a', 'b/shared']);
      await store.purgeLead(TENANT, 'b');
      expect(await store.listOutcomes(TENANT)).toEqual([]);
      await store.upsertOutcome(outcome());
      await store.deleteTenant(TENANT);
      expect(await store.listOutcomes(TENANT)).toEqual([]);
    });

    it('lists assignments made since a time, oldest first, with their first touch', async () => {
      const store = ctx.store();
      for (const [leadId, at] of [['l1', T0 + 20], ['l2', T0 - 20], ['l3', T0 + 10]] as const) {
        await store.routeAtomically(TENANT, leadId, [], [], () => ({ result: null, assignment: assignment({ leadId, assignedAt: at, rotation: undefined }) }));
      }
      await store.recordFirstTouch(TENANT, 'l3', T0 + 70);
      const rows = await store.listAssignmentsSince(TENANT, T0);
      expect(rows.map((r) => [r.leadId, r.assignedAt, r.firstTouchAt])).toEqual([
        ['l3', T0 + 10, T0 + 70],
        ['l1', T0 + 20, null],
      ]);
      expect(await store.listAssignmentsSince(OTHER, 0)).toEqual([]);
    });
  });
}
