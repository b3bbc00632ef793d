// Store contract: the console's Team and Health facts (reps' load, webhook intake, failed inbox
// rows and their re-queue), each strictly per tenant.
import { describe, expect, it } from '@jest/globals';
import type { AssignmentInput, Store } from '../../../src/store/types.ts';
import type { ContractContext } from './contract.ts';
import { OTHER, T0, TENANT, assignment, inboxEvent } from './fixtures.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

async function assign(store: Store, a: AssignmentInput): Promise<void> {
  await store.routeAtomically(a.tenant, a.leadId, [], [], () => ({ result: null, assignment: a }));
}

export function runTeamHealthContract(ctx: ContractContext): void {
  describe('team and health facts', () => {
    it("counts each owner's open leads, today and this week, in this tenant only", async () => {
      const store = ctx.store();
      await assign(store, assignment({ leadId: 'l1', assignedAt: T0 - 3 * DAY })); // this week, not today
      await assign(store, assignment({ leadId: 'l2', assignedAt: T0 + HOUR })); // today
      await assign(store, assignment({ leadId: 'l3', assignedAt: T0 + 2 * HOUR })); // today, touched
      await store.recordFirstTouch(TENANT, 'l3', T0 + 3 * HOUR);
      await assign(store, assignment({ leadId: 'l4', assignedAt: T0 - 9 * DAY })); // last week
      await assign(store, assignment({ leadId: 'l5', owner: 'ben@x.test', assignedAt: T0 + HOUR }));
      await assign(store, assignment({ tenant: OTHER, leadId: 'l6', assignedAt: T0 + HOUR }));
      const window = (owner: string) => ({ owner, dayStart: T0, weekStart: T0 - 4 * DAY });
      const loads = await store.ownerLoads(TENANT, [window('anna@x.test'), window('ben@x.test'), window('cleo@x.test')]);
      expect(loads).toStrictEqual({
        'anna@x.test': { openLeads: 3, assignedToday: 2, assignedThisWeek: 3 },
        'ben@x.test': { openLeads: 1, assignedToday: 1, assignedThisWeek: 1 },
        'cleo@x.test': { openLeads: 0, assignedToday: 0, assignedThisWeek: 0 },
      });
      expect(await store.ownerLoads(OTHER, [window('anna@x.test')])).toStrictEqual({ 'anna@x.test': { openLeads: 1, assignedToday: 1, assignedThisWeek: 1 } });
      expect(await store.ownerLoads(TENANT, [])).toStrictEqual({});
    });

    it('reports intake per source since a time and the last event received', async () => {
      const store = ctx.store();
      expect(await store.inboxIntake(TENANT, T0)).toStrictEqual({ recent: [], lastReceivedAt: null });
      await store.inboxAppend([inboxEvent({ dedupeKey: 'old' })], T0 - 2 * HOUR);
      await store.inboxAppend([inboxEvent({ dedupeKey: 'a' }), inboxEvent({ dedupeKey: 'b' })], T0 + 1000);
      await store.inboxAppend([inboxEvent({ dedupeKey: 'c', source: 'backfill' })], T0 + 2000);
      await store.inboxAppend([inboxEvent({ dedupeKey: 'x', tenant: OTHER })], T0 + 5000);
      expect(await store.inboxIntake(TENANT, T0)).toStrictEqual({
        recent: [
          { source: 'backfill', received: 1, lastReceivedAt: T0 + 2000 },
          { source: 'hubspot-webhook', received: 2, lastReceivedAt: T0 + 1000 },
        ],
        lastReceivedAt: T0 + 2000,
      });
      expect(await store.inboxIntake(TENANT, T0 + HOUR)).toStrictEqual({ recent: [], lastReceivedAt: T0 + 2000 });
    });

    it("counts the tenant's pending, processing and failed rows (not done ones)", async () => {
      const store = ctx.store();
      expect(await store.inboxDepth(TENANT)).toStrictEqual({ pending: 0, processing: 0, failed: 0, oldestPendingAt: null });
      await store.inboxAppend([inboxEvent({ dedupeKey: 'p1' }), inboxEvent({ dedupeKey: 'p2' })], T0 + 5);
      await store.inboxAppend([inboxEvent({ dedupeKey: 'p3' }), inboxEvent({ dedupeKey: 'd1' })], T0 + 9);
      await store.inboxAppend([inboxEvent({ dedupeKey: 'x', tenant: OTHER })], T0);
      const [first] = await store.inboxClaim({ tenant: TENANT, limit: 1, leaseMs: 60_000, now: T0 + 10, worker: 'w' });
      const rest = await store.inboxClaim({ tenant: TENANT, limit: 3, leaseMs: 60_000, now: T0 + 10, worker: 'w' });
      await store.inboxComplete([rest.find((r) => r.dedupeKey === 'd1')!.id]);
      await store.inboxRetry(rest.filter((r) => r.dedupeKey !== 'd1').map((r) => r.id), 'again', T0 + 20);
      expect(first!.dedupeKey).toBe('p1');
      expect(await store.inboxDepth(TENANT)).toStrictEqual({ pending: 2, processing: 1, failed: 0, oldestPendingAt: T0 + 5 });
      expect(await store.inboxDepth(OTHER)).toStrictEqual({ pending: 1, processing: 0, failed: 0, oldestPendingAt: T0 });
    });

    it("lists the tenant's failed rows newest first and re-queues only those asked for", async () => {
      const store = ctx.store();
      await store.inboxAppend([inboxEvent({ dedupeKey: 'f1', objectId: 'c1' }), inboxEvent({ dedupeKey: 'f2', objectId: 'c2' }), inboxEvent({ dedupeKey: 'ok' })], T0);
      await store.inboxAppend([inboxEvent({ dedupeKey: 'f3', tenant: OTHER })], T0);
      const claimed = await store.inboxClaim({ limit: 10, leaseMs: 60_000, now: T0, worker: 'w' });
      const id = (key: string) => claimed.find((r) => r.dedupeKey === key)!.id;
      await store.inboxFail([id('f1'), id('f3')], 'HubSpot answered 400: property "x" does not exist');
      await store.inboxFail([id('f2')], 'attempts exhausted');
      await store.inboxComplete([id('ok')]);
      expect(await store.inboxDepth(TENANT)).toStrictEqual({ pending: 0, processing: 0, failed: 2, oldestPendingAt: null });

      const failed = await store.listFailedInbox(TENANT, 10);
      expect(failed.map((r) => [r.objectId, r.lastError, r.attempts])).toEqual([
        ['c2', 'attempts exhausted', 1],
        ['c1', 'HubSpot answered 400: property "x" does not exist', 1],
      ]);
      expect(failed[0]).toStrictEqual({ id: id('f2'), source: 'hubspot-webhook', kind: 'contact.propertyChange', objectId: 'c2', occurredAt: T0, receivedAt: T0, attempts: 1, lastError: 'attempts exhausted' });
      expect(await store.listFailedInbox(TENANT, 1)).toHaveLength(1);

      // another tenant's id and a done row are not re-queued through this tenant
      expect(await store.inboxRequeueFailed(TENANT, [id('f3'), id('ok'), id('f1')], T0 + HOUR)).toBe(1);
      expect((await store.listFailedInbox(TENANT, 10)).map((r) => r.objectId)).toEqual(['c2']);
      expect((await store.listFailedInbox(OTHER, 10)).map((r) => r.id)).toEqual([id('f3')]);
      const again = await store.inboxClaim({ tenant: TENANT, limit: 10, leaseMs: 60_000, now: T0 + HOUR, worker: 'w' });
      expect(again.map((r) => [r.dedupeKey, r.attempts])).toEqual([['f1', 1]]); // attempts reset, then claimed once
      expect(await store.inboxRequeueFailed(TENANT, null, T0 + HOUR)).toBe(1);
      expect(await store.listFailedInbox(TENANT, 10)).toEqual([]);
      expect(await store.inboxStats(OTHER)).toMatchObject({ failed: 1 });
      expect(await store.inboxDepth(OTHER)).toStrictEqual({ pending: 0, processing: 0, failed: 1, oldestPendingAt: null });
    });
  });
}
