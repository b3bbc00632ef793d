// Store contract, part 5: retention (pruneExpired). Expired rows go oldest first in batches of
// at most `limit` per table; everything still needed (live or failed inbox rows, a lead's
// current assignment, recent history) stays.
import { describe, expect, it } from '@jest/globals';
import type { Store } from '../../../src/store/types.ts';
import type { ContractContext } from './contract.ts';
import { OTHER, T0, TENANT, assignment, evaluation, inboxEvent } from './fixtures.ts';

const DAY = 86_400_000;
const NONE = { inbox: 0, audit: 0, assignments: 0 };

async function assign(store: Store, over: Parameters<typeof assignment>[0]): Promise<void> {
  const a = assignment(over);
  await store.routeAtomically(a.tenant, a.leadId, [], [], () => ({ result: null, assignment: a }));
}

/** Append `keys` at `now` and move them to done (claimed by one worker, completed). */
async function doneRows(store: Store, keys: string[], now: number, tenant = TENANT): Promise<void> {
  await store.inboxAppend(keys.map((k) => inboxEvent({ tenant, dedupeKey: k })), now);
  const rows = await store.inboxClaim({ tenant, limit: keys.length, leaseMs: 1000, now, worker: 'w' });
  await store.inboxComplete(rows.map((r) => r.id));
}

export function runRetentionContract(ctx: ContractContext): void {
  describe('retention', () => {
    it('deletes done inbox rows received before the cutoff, oldest first, at most limit per call', async () => {
      const store = ctx.store();
      await doneRows(store, ['old-1', 'old-2'], T0 - 3 * DAY);
      await doneRows(store, ['old-3'], T0 - 2 * DAY, OTHER);
      await doneRows(store, ['recent'], T0);
      const req = { doneInboxBefore: T0 - DAY, historyBefore: 0, limit: 2 };
      expect(await store.pruneExpired(req)).toEqual({ ...NONE, inbox: 2 });
      // old-1 / old-2 went first: only old-3 is still a duplicate
      expect(await store.inboxAppend([inboxEvent({ dedupeKey: 'old-1' }), inboxEvent({ dedupeKey: 'old-2' })], T0)).toEqual({ inserted: 2, duplicates: 0 });
      expect(await store.inboxAppend([inboxEvent({ tenant: OTHER, dedupeKey: 'old-3' })], T0)).toEqual({ inserted: 0, duplicates: 1 });
      expect(await store.pruneExpired(req)).toEqual({ ...NONE, inbox: 1 });
      expect(await store.pruneExpired(req)).toEqual(NONE);
      // the recent done row still deduplicates redeliveries
      expect(await store.inboxAppend([inboxEvent({ dedupeKey: 'recent' })], T0 + 1)).toEqual({ inserted: 0, duplicates: 1 });
      expect(await store.inboxStats()).toMatchObject({ pending: 2, done: 1 });
    });

    it('keeps pending, processing and failed inbox rows whatever their age', async () => {
      const store = ctx.store();
      const old = T0 - 30 * DAY;
      await store.inboxAppend(['p', 'c', 'f'].map((k) => inboxEvent({ dedupeKey: k })), old);
      const rows = await store.inboxClaim({ limit: 2, leaseMs: 1000, now: old, worker: 'w' });
      await store.inboxFail([rows[0]!.id], 'boom');
      expect(await store.pruneExpired({ doneInboxBefore: T0, historyBefore: T0, limit: 100 })).toEqual(NONE);
      expect(await store.inboxStats()).toMatchObject({ pending: 1, processing: 1, failed: 1, done: 0 });
    });

    it('deletes audit rows decided before the cutoff in batches, newer ones stay readable', async () => {
      const store = ctx.store();
      await store.appendAudit([
        { tenant: TENANT, leadId: 'l1', at: T0 - 200 * DAY, evaluation: evaluation('l1', 10) },
        { tenant: OTHER, leadId: 'l2', at: T0 - 190 * DAY, evaluation: evaluation('l2', 20) },
        { tenant: TENANT, leadId: 'l1', at: T0 - 10 * DAY, evaluation: evaluation('l1', 30) },
      ]);
      const req = { doneInboxBefore: 0, historyBefore: T0 - 180 * DAY, limit: 1 };
      expect(await store.pruneExpired(req)).toEqual({ ...NONE, audit: 1 });
      expect((await store.getAudit(OTHER, 'l2')).map((a) => a.evaluation.score.total)).toEqual([20]);
      expect(await store.pruneExpired(req)).toEqual({ ...NONE, audit: 1 });
      expect(await store.pruneExpired(req)).toEqual(NONE);
      expect(await store.getAudit(OTHER, 'l2')).toEqual([]);
      expect((await store.getAudit(TENANT, 'l1')).map((a) => a.evaluation.score.total)).toEqual([30]);
    });

    it('deletes old superseded assignments but keeps every lead\'s current one and its loads', async () => {
      const store = ctx.store();
      await assign(store, { leadId: 'l1', assignedAt: T0 - 300 * DAY, owner: 'old@x.test' }); // superseded below
      await assign(store, { leadId: 'l1', assignedAt: T0 - 250 * DAY }); // current, however old
      await assign(store, { leadId: 'l2', assignedAt: T0 - 260 * DAY });
      await assign(store, { leadId: 'l2', assignedAt: T0 - DAY }); // supersedes the one above
      await assign(store, { leadId: 'l3', assignedAt: T0 - 2 * DAY });
      await assign(store, { leadId: 'l3', assignedAt: T0 - DAY }); // supersedes a recent one: kept
      expect(await store.pruneExpired({ doneInboxBefore: 0, historyBefore: T0 - 180 * DAY, limit: 10 })).toEqual({ ...NONE, assignments: 2 });
      expect(await store.getAssignment(TENANT, 'l1')).toMatchObject({ assignedAt: T0 - 250 * DAY, owner: 'anna@x.test' });
      expect(await store.getAssignment(TENANT, 'l2')).toMatchObject({ assignedAt: T0 - DAY });
      const loads = await store.routeAtomically(TENANT, 'l9', [{ owner: 'anna@x.test', dayStart: T0, weekStart: T0 - 7 * DAY }], [], (tx) => ({ result: tx.state.loads }));
      expect(loads['anna@x.test']).toEqual({ assignedToday: 0, assignedThisWeek: 3, openLeads: 3 });
      expect(await store.pruneExpired({ doneInboxBefore: 0, historyBefore: T0 - 180 * DAY, limit: 10 })).toEqual(NONE);
    });

    it('prunes each expired row once when two processes prune at the same time', async () => {
      const stores = await ctx.stores();
      const keys = Array.from({ length: 60 }, (_, i) => `k${i}`);
      await doneRows(stores[0]!, keys, T0 - 10 * DAY);
      const req = { doneInboxBefore: T0, historyBefore: 0, limit: 7 };
      let total = 0;
      for (;;) {
        const counts = await Promise.all(stores.map((s) => s.pruneExpired(req)));
        const n = counts.reduce((sum, c) => sum + c.inbox, 0);
        if (n === 0) break;
        total += n;
      }
      expect(total).toBe(60);
      expect(await stores[0]!.inboxStats()).toMatchObject({ done: 0, pending: 0 });
    });

    it('does nothing with limit 0', async () => {
      const store = ctx.store();
      await doneRows(store, ['a'], T0 - 10 * DAY);
      expect(await store.pruneExpired({ doneInboxBefore: T0, historyBefore: T0, limit: 0 })).toEqual(NONE);
      expect(await store.inboxStats()).toMatchObject({ done: 1 });
    });
  });
}
