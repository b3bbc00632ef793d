// Store contract, part 2: routing state, atomic assignment, first touch.
import { describe, expect, it } from '@jest/globals';
import type { OwnerPeriod, RoutingTransaction, Store } from '../../../src/store/types.ts';
import type { ContractContext } from './contract.ts';
import { OTHER, T0, TENANT, assignment } from './fixtures.ts';

const DAY = 86_400_000;
const anna: OwnerPeriod = { owner: 'anna@x.test', dayStart: T0, weekStart: T0 - 3 * DAY };
const ben: OwnerPeriod = { owner: 'ben@x.test', dayStart: T0 + 1000, weekStart: T0 - 6 * DAY };

/** Read the routing state without changing anything. */
async function peek(store: Store, owners: OwnerPeriod[], teams: string[], leadId = 'probe', tenant = TENANT): Promise<RoutingTransaction> {
  return store.routeAtomically(tenant, leadId, owners, teams, (tx) => ({ result: structuredClone(tx) }));
}

async function assign(store: Store, over: Parameters<typeof assignment>[0]): Promise<void> {
  const a = assignment(over);
  await store.routeAtomically(a.tenant, a.leadId, [], [], () => ({ result: null, assignment: a }));
}

export function runRoutingContract(ctx: ContractContext): void {
  describe('routing', () => {
    it('starts empty: zero loads for every owner, virtual time 0 for every team, no current', async () => {
      const tx = await peek(ctx.store(), [anna, ben], ['sales', 'pharma']);
      expect(tx).toStrictEqual({
        state: {
          loads: {
            'anna@x.test': { assignedToday: 0, assignedThisWeek: 0, openLeads: 0 },
            'ben@x.test': { assignedToday: 0, assignedThisWeek: 0, openLeads: 0 },
          },
          rotations: { sales: { virtualTime: 0, pointers: {} }, pharma: { virtualTime: 0, pointers: {} } },
        },
        current: null,
        seq: expect.any(Number),
      });
      expect(await ctx.store().getAssignment(TENANT, 'probe')).toBeNull();
    });

    it('stores the returned assignment and returns the result', async () => {
      const store = ctx.store();
      const result = await store.routeAtomically(TENANT, 'lead-1', [anna], ['sales'], (tx) => {
        expect(tx.current).toBeNull();
        return { result: { picked: 'anna' }, assignment: assignment({ round: 0 }) };
      });
      expect(result).toEqual({ picked: 'anna' });
      expect(await store.getAssignment(TENANT, 'lead-1')).toStrictEqual({
        tenant: TENANT,
        leadId: 'lead-1',
        owner: 'anna@x.test',
        team: 'sales',
        rule: 'default',
        tier: 'A',
        assignedAt: T0,
        firstTouchAt: null,
        slaDeadline: T0 + 3_600_000,
        round: 0,
        closed: false,
        nurture: null,
        endedAt: null,
        endReason: null,
        origin: 'engine',
      });
    });

    it("counts each owner's loads in that owner's own day and week", async () => {
      const store = ctx.store();
      await assign(store, { leadId: 'l1', assignedAt: T0 - 4 * DAY }); // anna: outside her week
      await assign(store, { leadId: 'l2', assignedAt: T0 - 2 * DAY }); // anna: week
      await assign(store, { leadId: 'l3', assignedAt: T0 }); // anna: day + week (boundary inclusive)
      await assign(store, { leadId: 'l4', assignedAt: T0 + 500, owner: 'ben@x.test' }); // ben: before his day start
      await assign(store, { leadId: 'l5', assignedAt: T0 + 2000, owner: 'ben@x.test' }); // ben: day
      await assign(store, { leadId: 'l6', assignedAt: T0 + 2000, owner: null }); // unassigned: nobody's load
      await assign(store, { leadId: 'l7', assignedAt: T0, tenant: OTHER }); // other tenant
      const { state } = await peek(store, [anna, ben], []);
      expect(state.loads).toStrictEqual({
        'anna@x.test': { assignedToday: 1, assignedThisWeek: 2, openLeads: 3 },
        'ben@x.test': { assignedToday: 1, assignedThisWeek: 2, openLeads: 2 },
      });
      expect(await store.getAssignment(TENANT, 'l6')).toMatchObject({ owner: null, closed: false });
    });

    it('reassignment closes the previous assignment: current is passed in, open capacity moves', async () => {
      const store = ctx.store();
      await assign(store, { leadId: 'lead-1', owner: 'anna@x.test', assignedAt: T0 + 10 });
      const seen = await store.routeAtomically(TENANT, 'lead-1', [anna, ben], [], (tx) => ({
        result: tx.current,
        assignment: assignment({ leadId: 'lead-1', owner: 'ben@x.test', assignedAt: T0 + 2000, round: 1, rule: null, team: null, slaDeadline: null }),
      }));
      expect(seen).toMatchObject({ owner: 'anna@x.test', round: 0, closed: false });
      expect(await store.getAssignment(TENANT, 'lead-1')).toMatchObject({ owner: 'ben@x.test', round: 1, rule: null, team: null, slaDeadline: null, closed: false });
      const { state } = await peek(store, [anna, ben], []);
      // anna's assignment still counts as assigned today, but no longer as open
      expect(state.loads['anna@x.test']).toEqual({ assignedToday: 1, assignedThisWeek: 1, openLeads: 0 });
      expect(state.loads['ben@x.test']).toEqual({ assignedToday: 1, assignedThisWeek: 1, openLeads: 1 });
    });

    it('applies the rotation update with the assignment; only the asked teams of the tenant come back', async () => {
      const store = ctx.store();
      await assign(store, { leadId: 'l1', rotation: { team: 'sales', owner: 'anna@x.test', pointer: 1.5, virtualTime: 0.5 } });
      await assign(store, { leadId: 'l2', rotation: { team: 'sales', owner: 'ben@x.test', pointer: 2, virtualTime: 1.5 } });
      await assign(store, { leadId: 'l3', rotation: { team: 'sales', owner: 'anna@x.test', pointer: 3, virtualTime: 2 } });
      await assign(store, { leadId: 'l4', rotation: { team: 'pharma', owner: 'cy@x.test', pointer: 9, virtualTime: 8 } });
      await assign(store, { leadId: 'l5', tenant: OTHER, rotation: { team: 'sales', owner: 'anna@x.test', pointer: 99, virtualTime: 98 } });
      const { state } = await peek(store, [], ['sales', 'empty']);
      expect(state.rotations).toStrictEqual({
        sales: { virtualTime: 2, pointers: { 'anna@x.test': 3, 'ben@x.test': 2 } },
        empty: { virtualTime: 0, pointers: {} },
      });
    });

    it('writes nothing when the callback returns no assignment', async () => {
      const store = ctx.store();
      expect(await store.routeAtomically(TENANT, 'lead-1', [anna], ['sales'], () => ({ result: 42 }))).toBe(42);
      expect(await store.getAssignment(TENANT, 'lead-1')).toBeNull();
    });

    it('rolls back when the callback throws, and rethrows its error unchanged', async () => {
      const store = ctx.store();
      await assign(store, { leadId: 'lead-1', rotation: { team: 'sales', owner: 'anna@x.test', pointer: 1, virtualTime: 0 } });
      const boom = new TypeError('engine bug');
      await expect(store.routeAtomically(TENANT, 'lead-1', [anna], ['sales'], () => { throw boom; })).rejects.toBe(boom);
      // an assignment for another lead is refused, and nothing of it is written
      await expect(
        store.routeAtomically(TENANT, 'lead-1', [anna], ['sales'], () => ({
          result: 1,
          assignment: assignment({ leadId: 'lead-2', rotation: { team: 'sales', owner: 'anna@x.test', pointer: 7, virtualTime: 7 } }),
        })),
      ).rejects.toThrow(/lead-2/);
      const { state, current } = await peek(store, [anna], ['sales'], 'lead-1');
      expect(current).toMatchObject({ owner: 'anna@x.test', closed: false });
      expect(state.rotations.sales).toEqual({ virtualTime: 0, pointers: { 'anna@x.test': 1 } });
      expect(await store.getAssignment(TENANT, 'lead-2')).toBeNull();
    });

    it('serializes concurrent routing of one tenant: 50 read-pointer/write-pointer+1 calls end at 50, numbered in that order', async () => {
      const stores = await ctx.stores();
      const results = await Promise.all(
        Array.from({ length: 50 }, (_, i) =>
          stores[i % stores.length]!.routeAtomically(TENANT, 'hot-lead', [anna], ['sales'], ({ state, seq }) => {
            const pointer = state.rotations.sales?.pointers['anna@x.test'] ?? 0;
            return {
              result: { pointer, seq },
              assignment: assignment({ leadId: 'hot-lead', assignedAt: T0 + i, round: i, rotation: { team: 'sales', owner: 'anna@x.test', pointer: pointer + 1, virtualTime: pointer } }),
            };
          }),
        ),
      );
      // every call saw a different pointer: no lost update
      const inOrder = [...results].sort((a, b) => a.pointer - b.pointer);
      expect(inOrder.map((r) => r.pointer)).toEqual(Array.from({ length: 50 }, (_, i) => i));
      // the routing order (what preview replays in) is the order the calls held the tenant's lock
      for (let i = 1; i < inOrder.length; i++) expect(inOrder[i]!.seq).toBeGreaterThan(inOrder[i - 1]!.seq);
      const { state } = await peek(stores[0]!, [anna], ['sales']);
      expect(state.rotations.sales).toEqual({ virtualTime: 49, pointers: { 'anna@x.test': 50 } });
      // each call closed the previous one: 50 assigned today, exactly one open
      expect(state.loads['anna@x.test']).toEqual({ assignedToday: 50, assignedThisWeek: 50, openLeads: 1 });
    });

    it('numbers routing in order, across tenants and decisions made without a transaction; a rolled-back number is not reused by an earlier one', async () => {
      const store = ctx.store();
      const seqOf = (tenant: string) => store.routeAtomically(tenant, 'lead-1', [anna], ['sales'], ({ seq }) => ({ result: seq }));
      const a = await seqOf(TENANT);
      const b = await store.nextRoutingSeq(TENANT);
      const c = await seqOf(OTHER);
      await expect(store.routeAtomically(TENANT, 'lead-1', [], [], () => { throw new Error('no'); })).rejects.toThrow('no');
      const d = await seqOf(TENANT);
      expect(a).toBeGreaterThan(0);
      expect(b).toBeGreaterThan(a);
      expect(c).toBeGreaterThan(b);
      expect(d).toBeGreaterThan(c);
    });

    it('records the first touch once, on the current assignment, freeing open capacity', async () => {
      const store = ctx.store();
      expect(await store.recordFirstTouch(TENANT, 'lead-1', T0)).toBe(false);
      await assign(store, { leadId: 'lead-1' });
      await assign(store, { leadId: 'lead-2' });
      expect(await store.recordFirstTouch(TENANT, 'lead-1', T0 + 60_000)).toBe(true);
      expect(await store.recordFirstTouch(TENANT, 'lead-1', T0 + 90_000)).toBe(false);
      expect(await store.getAssignment(TENANT, 'lead-1')).toMatchObject({ firstTouchAt: T0 + 60_000, closed: false });
      expect(await store.recordFirstTouch(OTHER, 'lead-2', T0)).toBe(false);
      const { state } = await peek(store, [anna], []);
      expect(state.loads['anna@x.test']).toEqual({ assignedToday: 2, assignedThisWeek: 2, openLeads: 1 });
      // a new round starts untouched
      await assign(store, { leadId: 'lead-1', round: 1, assignedAt: T0 + 100_000 });
      expect(await store.getAssignment(TENANT, 'lead-1')).toMatchObject({ firstTouchAt: null, round: 1 });
      expect(await store.recordFirstTouch(TENANT, 'lead-1', T0 + 200_000)).toBe(true);
    });
  });
}
