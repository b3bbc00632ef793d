// Store contract: the nurture program an assignment put the lead in (migration 15). The routing
// transaction hands it back as the lead's current assignment, a new assignment replaces it, and
// it follows the lead through a merge.
import { describe, expect, it } from '@jest/globals';
import type { Store } from '../../../src/store/types.ts';
import type { ContractContext } from './contract.ts';
import { T0, TENANT, assignment } from './fixtures.ts';

async function assign(store: Store, over: Parameters<typeof assignment>[0]): Promise<void> {
  const a = assignment(over);
  await store.routeAtomically(a.tenant, a.leadId, [], [], () => ({ result: null, assignment: a }));
}

export function runNurtureContract(ctx: ContractContext): void {
  describe('nurture assignments', () => {
    it('keeps the program of an unassigned nurture decision and hands it to the next transaction', async () => {
      const store = ctx.store();
      await assign(store, { leadId: 'cold-1', owner: null, team: null, rule: null, tier: 'cold', slaDeadline: null, nurture: 'cold-leads' });
      expect(await store.getAssignment(TENANT, 'cold-1')).toMatchObject({ owner: null, tier: 'cold', nurture: 'cold-leads', closed: false });
      const seen = await store.routeAtomically(TENANT, 'cold-1', [], [], (tx) => ({ result: tx.current?.nurture ?? null }));
      expect(seen).toBe('cold-leads');
    });

    it('a re-engaged routing replaces it; a plain assignment has none', async () => {
      const store = ctx.store();
      await assign(store, { leadId: 'cold-2', owner: null, team: null, rule: null, slaDeadline: null, nurture: 'cold-leads' });
      await assign(store, { leadId: 'cold-2', assignedAt: T0 + 1000 });
      expect(await store.getAssignment(TENANT, 'cold-2')).toMatchObject({ owner: 'anna@x.test', nurture: null });
    });

    it('follows the lead through a merge', async () => {
      const store = ctx.store();
      await assign(store, { leadId: 'old', owner: null, team: null, rule: null, slaDeadline: null, nurture: 'cold-leads' });
      await store.rekeyLead(TENANT, 'old', 'new');
      expect(await store.getAssignment(TENANT, 'new')).toMatchObject({ nurture: 'cold-leads' });
    });
  });
}
