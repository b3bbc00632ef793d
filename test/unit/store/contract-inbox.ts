// Store contract, part 1: the durable inbox.
import { describe, expect, it } from '@jest/globals';
import type { InboxRow, Store } from '../../../src/store/types.ts';
import type { ContractContext } from './contract.ts';
import { OTHER, T0, TENANT, inboxEvent } from './fixtures.ts';

const LEASE = 30_000;

function claim(store: Store, now: number, over: { limit?: number; tenant?: string; worker?: string; leaseMs?: number } = {}) {
  return store.inboxClaim({ limit: over.limit ?? 100, leaseMs: over.leaseMs ?? LEASE, now, worker: over.worker ?? 'w1', ...(over.tenant ? { tenant: over.tenant } : {}) });
}

const keys = (rows: InboxRow[]) => rows.map((r) => r.dedupeKey);

export function runInboxContract(ctx: ContractContext): void {
  describe('inbox', () => {
    it('appends, ignoring duplicates within a batch, across calls, but not across tenants', async () => {
      const store = ctx.store();
      expect(await store.inboxAppend([], T0)).toEqual({ inserted: 0, duplicates: 0 });
      expect(await store.inboxAppend([inboxEvent({ dedupeKey: 'a' }), inboxEvent({ dedupeKey: 'b' }), inboxEvent({ dedupeKey: 'a' })], T0)).toEqual({
        inserted: 2,
        duplicates: 1,
      });
      expect(await store.inboxAppend([inboxEvent({ dedupeKey: 'b' }), inboxEvent({ dedupeKey: 'c' })], T0)).toEqual({ inserted: 1, duplicates: 1 });
      expect(await store.inboxAppend([inboxEvent({ dedupeKey: 'a', tenant: OTHER })], T0)).toEqual({ inserted: 1, duplicates: 0 });
      expect((await store.inboxStats(TENANT)).pending).toBe(3);
      expect((await store.inboxStats()).pending).toBe(4);
    });

    it('releases leases held by other workers (embedded store start after a crash)', async () => {
      const store = ctx.store();
      await store.inboxAppend([inboxEvent({ dedupeKey: 'a' }), inboxEvent({ dedupeKey: 'b', objectId: 'c2' }), inboxEvent({ dedupeKey: 'c', objectId: 'c3' })], T0);
      await claim(store, T0, { limit: 2, worker: 'dead' });
      await claim(store, T0, { limit: 1, worker: 'alive' });
      expect(await store.inboxReleaseLeases('alive')).toBe(2);
      // Claimable at once, long before the lease would have expired.
      expect(keys(await claim(store, T0 + 1, { worker: 'alive' })).sort()).toEqual(['a', 'b']);
      expect((await store.inboxStats()).processing).toBe(3);
    });

    it('renews the leases a worker holds for a tenant, never rows another worker re-claimed', async () => {
      const store = ctx.store();
      await store.inboxAppend([inboxEvent({ dedupeKey: 'a' }), inboxEvent({ dedupeKey: 'b', objectId: 'c2' }), inboxEvent({ dedupeKey: 'c', tenant: OTHER })], T0);
      await claim(store, T0, { limit: 1, tenant: TENANT, worker: 'w1' }); // a
      await claim(store, T0, { tenant: OTHER, worker: 'w1' }); // c: another tenant
      // b: claimed by w1, its lease ran out, and w2 took it over.
      await claim(store, T0, { limit: 1, tenant: TENANT, worker: 'w1', leaseMs: 10 });
      expect(keys(await claim(store, T0 + 20, { tenant: TENANT, worker: 'w2' }))).toEqual(['b']);
      // w1 keeps working on a past its first lease: renewed, so nobody can claim it.
      expect(await store.inboxRenewLeases(TENANT, 'w1', T0 + 2 * LEASE)).toBe(1);
      expect(await claim(store, T0 + LEASE + 1, { tenant: TENANT, worker: 'w3' })).toEqual([]);
      // Renewing never shortens a lease, and the other tenant's row kept its own lease.
      expect(await store.inboxRenewLeases(TENANT, 'w1', T0 + LEASE)).toBe(0);
      expect(keys(await claim(store, T0 + LEASE + 1, { tenant: OTHER, worker: 'w3' }))).toEqual(['c']);
      expect(keys(await claim(store, T0 + 2 * LEASE + 1, { tenant: TENANT, worker: 'w3' })).sort()).toEqual(['a', 'b']);
    });

    it('appends a large batch in one call', async () => {
      const store = ctx.store();
      const events = Array.from({ length: 2500 }, (_, i) => inboxEvent({ dedupeKey: `k${i % 2000}`, occurredAt: T0 + i }));
      expect(await store.inboxAppend(events, T0)).toEqual({ inserted: 2000, duplicates: 500 });
      expect((await store.inboxStats()).pending).toBe(2000);
    });

    it('claims oldest occurredAt first (then insertion order), returns the full row and leases it', async () => {
      const store = ctx.store();
      await store.inboxAppend(
        [
          inboxEvent({ dedupeKey: 'late', occurredAt: T0 + 50, objectId: 'c3' }),
          inboxEvent({ dedupeKey: 'first', occurredAt: T0 + 10, objectId: 'c9', kind: 'contact.creation', source: 'backfill', payload: 'text' }),
          inboxEvent({ dedupeKey: 'second', occurredAt: T0 + 10 }),
          inboxEvent({ dedupeKey: 'mid', occurredAt: T0 + 20, payload: { name: 'Zoë \u0000 ☃', n: 1.25, big: '12345678901234567890' } }),
        ],
        T0 + 100,
      );
      const rows = await claim(store, T0 + 200, { limit: 3, worker: 'w-a' });
      expect(keys(rows)).toEqual(['first', 'second', 'mid']);
      const first = rows[0]!;
      expect(typeof first.id).toBe('number');
      expect(first).toStrictEqual({
        id: first.id,
        tenant: TENANT,
        source: 'backfill',
        dedupeKey: 'first',
        kind: 'contact.creation',
        objectId: 'c9',
        occurredAt: T0 + 10,
        payload: 'text',
        status: 'processing',
        attempts: 1,
        availableAt: T0 + 100,
        receivedAt: T0 + 100,
        lastError: null,
      });
      expect(rows[1]!.payload).toStrictEqual({ eventId: 'second', nested: { list: [1, 'two', null], ok: true } });
      expect(rows[2]!.payload).toStrictEqual({ name: 'Zoë \u0000 ☃', n: 1.25, big: '12345678901234567890' });
      expect(rows[0]!.id).toBeLessThan(rows[1]!.id);
      // Leased rows are not claimable again; the remaining one is.
      expect(keys(await claim(store, T0 + 201))).toEqual(['late']);
      expect(await claim(store, T0 + 202)).toEqual([]);
      expect(await claim(store, T0 + 203, { limit: 0 })).toEqual([]);
    });

    it('never claims a row about a lead another worker holds; its own worker, or anyone once it let go, may', async () => {
      const store = ctx.store();
      await store.inboxAppend([inboxEvent({ dedupeKey: 'x1', objectId: 'x' }), inboxEvent({ dedupeKey: 'y1', objectId: 'y' })], T0);
      const x1 = await claim(store, T0, { limit: 1, worker: 'a' });
      expect(keys(x1)).toEqual(['x1']); // a holds lead x
      // A new event about x: not for b while a holds x (b would write what it read over a's newer write, or the reverse)
      await store.inboxAppend([inboxEvent({ dedupeKey: 'x2', objectId: 'x' }), inboxEvent({ dedupeKey: 'o1', objectId: 'x', tenant: OTHER })], T0 + 1);
      expect(keys(await claim(store, T0 + 2, { worker: 'b' })).sort()).toEqual(['o1', 'y1']); // the other tenant's x is another lead
      expect(keys(await claim(store, T0 + 2, { worker: 'b', tenant: TENANT }))).toEqual([]);
      const x2 = await claim(store, T0 + 2, { worker: 'a', tenant: TENANT });
      expect(keys(x2)).toEqual(['x2']); // a holds x: it gathers x's events
      // Rows without a lead (object id '') never wait for each other.
      await store.inboxAppend([inboxEvent({ dedupeKey: 'n1', objectId: '' }), inboxEvent({ dedupeKey: 'n2', objectId: '', occurredAt: T0 + 5 })], T0 + 3);
      expect(keys(await claim(store, T0 + 4, { worker: 'a', limit: 1, tenant: TENANT }))).toEqual(['n1']);
      expect(keys(await claim(store, T0 + 4, { worker: 'b', tenant: TENANT }))).toEqual(['n2']);
      // a lets x go (its rows done): b may take x's next event.
      await store.inboxComplete([...x1, ...x2].map((r) => r.id));
      await store.inboxAppend([inboxEvent({ dedupeKey: 'x3', objectId: 'x' })], T0 + 5);
      expect(keys(await claim(store, T0 + 6, { worker: 'b', tenant: TENANT }))).toEqual(['x3']);
      // A lead held by a worker whose lease ran out is anyone's, with the rows it held.
      await store.inboxAppend([inboxEvent({ dedupeKey: 'z1', objectId: 'z' })], T0 + 7);
      expect(keys(await claim(store, T0 + 7, { worker: 'a', tenant: TENANT, leaseMs: 10 }))).toEqual(['z1']);
      await store.inboxAppend([inboxEvent({ dedupeKey: 'z2', objectId: 'z' })], T0 + 8);
      expect(await claim(store, T0 + 9, { worker: 'c', tenant: TENANT })).toEqual([]);
      expect(keys(await claim(store, T0 + 17, { worker: 'c', tenant: TENANT }))).toEqual(['z1', 'z2']);
    });

    it('filters claims by tenant', async () => {
      const store = ctx.store();
      await store.inboxAppend([inboxEvent({ dedupeKey: 'x', tenant: OTHER, occurredAt: T0 - 5 }), inboxEvent({ dedupeKey: 'y' })], T0);
      expect((await claim(store, T0, { tenant: TENANT })).map((r) => [r.tenant, r.dedupeKey])).toEqual([[TENANT, 'y']]);
      expect((await claim(store, T0, { tenant: TENANT }))).toEqual([]);
      expect((await claim(store, T0)).map((r) => [r.tenant, r.dedupeKey])).toEqual([[OTHER, 'x']]);
    });

    it('reclaims a row whose lease expired, counting the attempt', async () => {
      const store = ctx.store();
      await store.inboxAppend([inboxEvent({ dedupeKey: 'a' })], T0);
      const [first] = await claim(store, T0, { leaseMs: 1000, worker: 'dead' });
      expect(first?.attempts).toBe(1);
      expect(await claim(store, T0 + 999, { worker: 'w2' })).toEqual([]);
      expect(await store.inboxTenants(T0 + 999)).toEqual([]);
      expect(await store.inboxTenants(T0 + 1000)).toEqual([TENANT]);
      const again = await claim(store, T0 + 1000, { worker: 'w2' });
      expect(again.map((r) => [r.id, r.attempts, r.status])).toEqual([[first!.id, 2, 'processing']]);
    });

    it('completes rows: done, never claimed again, counted in stats', async () => {
      const store = ctx.store();
      await store.inboxAppend([inboxEvent({ dedupeKey: 'a' }), inboxEvent({ dedupeKey: 'b' })], T0);
      const rows = await claim(store, T0, { leaseMs: 10 });
      await store.inboxComplete([rows[0]!.id]);
      await store.inboxComplete([]);
      expect(await store.inboxStats()).toEqual({ pending: 0, processing: 1, done: 1, failed: 0, oldestPendingAt: null });
      // after the lease expired only the unfinished row comes back
      expect(keys(await claim(store, T0 + 1_000_000))).toEqual(['b']);
      // a duplicate of a completed event is still a duplicate
      expect(await store.inboxAppend([inboxEvent({ dedupeKey: 'a' })], T0 + 2)).toEqual({ inserted: 0, duplicates: 1 });
    });

    it('retries rows: pending again from availableAt, with the error kept', async () => {
      const store = ctx.store();
      await store.inboxAppend([inboxEvent({ dedupeKey: 'a' })], T0);
      const [row] = await claim(store, T0);
      await store.inboxRetry([row!.id], 'HubSpot 429: too many requests', T0 + 5000);
      expect(await store.inboxStats()).toMatchObject({ pending: 1, processing: 0 });
      expect(await claim(store, T0 + 4999)).toEqual([]);
      expect(await store.inboxTenants(T0 + 4999)).toEqual([]);
      const [again] = await claim(store, T0 + 5000, { worker: 'w2' });
      expect(again).toMatchObject({ id: row!.id, attempts: 2, availableAt: T0 + 5000, lastError: 'HubSpot 429: too many requests', status: 'processing' });
    });

    it('fails rows: out of the queue, visible in stats with the error', async () => {
      const store = ctx.store();
      await store.inboxAppend([inboxEvent({ dedupeKey: 'a' }), inboxEvent({ dedupeKey: 'b', tenant: OTHER })], T0);
      const rows = await claim(store, T0, { leaseMs: 10 });
      await store.inboxFail(
        rows.filter((r) => r.tenant === TENANT).map((r) => r.id),
        'bad payload\u0000!',
      );
      expect(await store.inboxStats(TENANT)).toEqual({ pending: 0, processing: 0, done: 0, failed: 1, oldestPendingAt: null });
      expect(keys(await claim(store, T0 + 1_000_000))).toEqual(['b']);
      await store.inboxRetry([rows.find((r) => r.tenant === OTHER)!.id], 'x'.repeat(10_000), T0);
      const [retried] = await claim(store, T0 + 2_000_000);
      expect(retried!.lastError!.length).toBeLessThanOrEqual(2000);
    });

    it('reports stats per tenant and overall, oldestPendingAt = earliest receive time', async () => {
      const store = ctx.store();
      expect(await store.inboxStats()).toEqual({ pending: 0, processing: 0, done: 0, failed: 0, oldestPendingAt: null });
      await store.inboxAppend([inboxEvent({ dedupeKey: 'a', tenant: OTHER })], T0 + 10);
      await store.inboxAppend([inboxEvent({ dedupeKey: 'b' }), inboxEvent({ dedupeKey: 'c' })], T0 + 20);
      await store.inboxAppend([inboxEvent({ dedupeKey: 'd' })], T0 + 30);
      expect(await store.inboxStats()).toEqual({ pending: 4, processing: 0, done: 0, failed: 0, oldestPendingAt: T0 + 10 });
      expect(await store.inboxStats(TENANT)).toEqual({ pending: 3, processing: 0, done: 0, failed: 0, oldestPendingAt: T0 + 20 });
      await claim(store, T0 + 40, { tenant: OTHER });
      expect(await store.inboxStats()).toEqual({ pending: 3, processing: 1, done: 0, failed: 0, oldestPendingAt: T0 + 20 });
      expect(await store.inboxStats('pipedrive:none')).toEqual({ pending: 0, processing: 0, done: 0, failed: 0, oldestPendingAt: null });
    });

    it('lists tenants with claimable work now', async () => {
      const store = ctx.store();
      await store.inboxAppend([inboxEvent({ dedupeKey: 'a', tenant: 'pipedrive:5' }), inboxEvent({ dedupeKey: 'b' }), inboxEvent({ dedupeKey: 'c' })], T0);
      await store.inboxAppend([inboxEvent({ dedupeKey: 'd', tenant: OTHER })], T0);
      expect(await store.inboxTenants(T0 - 1)).toEqual([]);
      expect(await store.inboxTenants(T0)).toEqual([TENANT, OTHER, 'pipedrive:5']);
      const [other] = await claim(store, T0, { tenant: OTHER });
      const [pd] = await claim(store, T0, { tenant: 'pipedrive:5' });
      await store.inboxComplete([pd!.id]);
      expect(await store.inboxTenants(T0 + 1)).toEqual([TENANT]);
      await store.inboxRetry([other!.id], 'later', T0 + 500);
      expect(await store.inboxTenants(T0 + 499)).toEqual([TENANT]);
      expect(await store.inboxTenants(T0 + 500)).toEqual([TENANT, OTHER]);
    });

    it('never hands the same row to two concurrent claimers', async () => {
      const stores = await ctx.stores();
      const events = Array.from({ length: 300 }, (_, i) => inboxEvent({ dedupeKey: `e${i}`, objectId: `c${i % 40}`, tenant: i % 3 === 0 ? OTHER : TENANT, occurredAt: T0 + (i % 17) }));
      await stores[0]!.inboxAppend(events, T0);
      const seen: number[] = [];
      const worker = async (store: Store, name: string) => {
        for (;;) {
          const rows = await claim(store, T0 + 1, { limit: 7, worker: name });
          if (rows.length === 0) return;
          seen.push(...rows.map((r) => r.id));
          await store.inboxComplete(rows.map((r) => r.id));
        }
      };
      await Promise.all(Array.from({ length: 6 }, (_, i) => worker(stores[i % stores.length]!, `w${i}`)));
      expect(seen.length).toBe(300);
      expect(new Set(seen).size).toBe(300);
      expect(await stores[0]!.inboxStats()).toMatchObject({ pending: 0, processing: 0, done: 300 });
    });
  });
}
