import { test } from '@jest/globals';
import assert from 'node:assert/strict';
import { createHeldLeads, type Chunk } from '../../../src/pipeline/4-held-leads.ts';
import type { InboxRow } from '../../../src/store/types.ts';

const row = (id: number, objectId: string, receivedAt: number): InboxRow => ({ id, objectId, receivedAt, tenant: 'hubspot:1', source: 's', dedupeKey: String(id), kind: 'contact.creation', occurredAt: receivedAt, payload: {}, status: 'processing', attempts: 1, availableAt: 0 } as unknown as InboxRow);
const opts = (now: number, extra: Partial<{ tenantQuiet: boolean; batchSize: number }> = {}) => ({ now, batchSize: 3, quietMs: 100, maxHoldMs: 1000, tenantQuiet: false, ...extra });

test('a lead is ready only after quietMs; full batches go at once, partial only when quiet', () => {
  const h = createHeldLeads();
  const chunk: Chunk = { other: [], open: 0 };
  for (const [i, id] of ['a', 'b', 'c', 'd'].entries()) h.add({ id, rows: [row(i, id, 1000)], chunk, receivedAt: 1000, now: 1000 });
  assert.equal(chunk.open, 4);
  assert.equal(h.take(opts(1050)), null); // not ready
  const full = h.take(opts(1100));
  assert.deepEqual(full!.map((l) => l.id), ['a', 'b', 'c']);
  assert.equal(h.take(opts(1100)), null); // d alone: partial, tenant not quiet
  assert.deepEqual(h.take(opts(1100, { tenantQuiet: true }))!.map((l) => l.id), ['d']);
  assert.deepEqual(h.finish(full!), []);
  assert.equal(chunk.open, 1);
});

test('maxHold sends a partial batch while events keep coming; a lead in flight is not sent twice', () => {
  const h = createHeldLeads();
  const chunk: Chunk = { other: [], open: 0 };
  h.add({ id: 'a', rows: [row(1, 'a', 0)], chunk, receivedAt: 0, now: 0 });
  assert.equal(h.take(opts(500)), null);
  assert.equal(h.nextDueAt(500, 100, 1000), 1000);
  const b1 = h.take(opts(1000))!;
  assert.deepEqual(b1.map((l) => l.id), ['a']);
  const chunk2: Chunk = { other: [], open: 0 };
  h.add({ id: 'a', rows: [row(2, 'a', 1000)], chunk: chunk2, receivedAt: 1000, now: 1000 }); // new event while in flight
  assert.equal(h.take(opts(5000, { tenantQuiet: true })), null); // waits for the batch in flight
  assert.deepEqual(h.finish(b1), [chunk]);
  assert.deepEqual(h.take(opts(5000, { tenantQuiet: true }))!.map((l) => l.rows.map((r) => r.id)), [[2]]);
});

test('events of one lead from several claims merge; rekey and drop keep chunk accounting', () => {
  const h = createHeldLeads();
  const c1: Chunk = { other: [], open: 0 };
  const c2: Chunk = { other: [], open: 0 };
  h.add({ id: 'a', rows: [row(1, 'a', 0)], chunk: c1, receivedAt: 0, now: 0 });
  h.add({ id: 'a', rows: [row(2, 'a', 50)], chunk: c2, receivedAt: 50, now: 60 });
  h.add({ id: 'b', rows: [row(3, 'b', 50)], chunk: c2, receivedAt: 50, now: 60 });
  assert.equal(h.size(), 2);
  h.rekey('b', 'a'); // merge b into a
  assert.equal(h.size(), 1);
  assert.equal(c2.open, 1);
  assert.equal(c1.open, 1);
  const batch = h.take(opts(200, { tenantQuiet: true }))!;
  assert.deepEqual(batch[0]!.rows.map((r) => r.id), [1, 2, 3]);
  assert.deepEqual(h.finish(batch).sort(), [c1, c2].sort());
  h.add({ id: 'z', rows: [], chunk: c1, receivedAt: 0, now: 0 });
  const dropped = h.drop('z')!;
  assert.deepEqual(h.finish([dropped]), [c1]);
  h.add({ id: 'y', rows: [row(9, 'y', 0)], chunk: c1, receivedAt: 0, now: 0 });
  h.rekey('y', 'x'); // target not held: renamed
  assert.deepEqual(h.release().map((l) => l.id), ['x']);
});

test('readyIds names the next batches\' leads: ready, not in a batch, oldest first, up to a limit', () => {
  const h = createHeldLeads();
  const chunk: Chunk = { other: [], open: 0 };
  for (const [i, id] of ['a', 'b', 'c', 'd', 'e'].entries()) h.add({ id, rows: [row(i, id, 1000)], chunk, receivedAt: 1000, now: 1000 });
  h.add({ id: 'f', rows: [row(9, 'f', 1080)], chunk, receivedAt: 1080, now: 1080 }); // not quiet yet at 1100
  assert.deepEqual(h.readyIds(1050, 100, 10), []);
  const batch = h.take(opts(1100))!; // a, b, c in flight
  assert.deepEqual(batch.map((l) => l.id), ['a', 'b', 'c']);
  h.add({ id: 'a', rows: [row(10, 'a', 1000)], chunk, receivedAt: 1000, now: 1100 }); // held again while in flight
  assert.deepEqual(h.readyIds(1100, 100, 10), ['d', 'e']);
  assert.deepEqual(h.readyIds(1100, 100, 1), ['d']);
  assert.deepEqual(h.readyIds(1200, 100, 10), ['d', 'e', 'f']);
});
