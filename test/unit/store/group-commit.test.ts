import { test } from '@jest/globals';
import assert from 'node:assert/strict';
import { openSqliteDb } from '../../../src/store/sqlite/open-sqlite-db.ts';
import { createGroupCommit, MAX_JOBS_PER_COMMIT, MAX_PACE_MS } from '../../../src/store/sqlite/group-commit.ts';
import { createSqliteStore } from '../../../src/store/sqlite/create-sqlite-store.ts';

test('concurrent jobs share one transaction; a failing job fails alone', async () => {
  const db = openSqliteDb(':memory:');
  db.exec('CREATE TABLE t (v INTEGER NOT NULL UNIQUE)');
  let commits = 0;
  const gc = createGroupCommit(db, (v: number | null) => {
    commits++;
    return Number(db.stmt('INSERT INTO t (v) VALUES (?)').run(v).changes);
  });
  const results = await Promise.allSettled([gc.run(1), gc.run(2), gc.run(null), gc.run(3)]);
  assert.deepEqual(results.map((r) => r.status), ['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
  assert.deepEqual(Array.from(db.stmt('SELECT v FROM t ORDER BY v').all(), (r) => Number(r.v)), [1, 2, 3]);
  assert.equal(commits, 3 + 4); // group attempt up to the failure (rolled back) + one each
  const one = await Promise.all([gc.run(4), gc.run(5)]);
  assert.deepEqual(one, [1, 1]);
  db.close();
});

test('store: appends in the same turn count duplicates per caller; close flushes', async () => {
  const store = createSqliteStore(':memory:');
  await store.migrate();
  const ev = (k: string) => ({ tenant: 'hubspot:1', source: 's', dedupeKey: k, kind: 'contact.creation', objectId: '1', occurredAt: 1, payload: {} });
  const [a, b] = await Promise.all([store.inboxAppend([ev('x'), ev('y')], 1), store.inboxAppend([ev('y'), ev('z')], 1)]);
  assert.deepEqual(a, { inserted: 2, duplicates: 0 });
  assert.deepEqual(b, { inserted: 1, duplicates: 1 });
  const pending = store.inboxAppend([ev('w')], 1);
  await store.close();
  assert.deepEqual(await pending, { inserted: 1, duplicates: 0 });
});

// Pacing (group-commit.ts): libuv accepts one connection per loop turn, so under a flood each
// turn parses about one delivery; commits follow each other no closer than their own cost.
function pacedFixture() {
  const db = openSqliteDb(':memory:');
  db.exec('CREATE TABLE t (v INTEGER NOT NULL)');
  let clock = 1_000;
  let costPerCommit = 0;
  const commits: number[][] = [];
  const spy = {
    ...db,
    immediate<T>(fn: () => T): T {
      const batch: number[] = [];
      commits.push(batch);
      clock += costPerCommit; // the commit's cost (lock wait + fsync) on the pacing clock
      return db.immediate(() => {
        (spy as unknown as { current: number[] }).current = batch;
        return fn();
      });
    },
  };
  const gc = createGroupCommit(
    spy,
    (v: number) => {
      (spy as unknown as { current: number[] }).current.push(v);
      return Number(db.stmt('INSERT INTO t (v) VALUES (?)').run(v).changes);
    },
    { now: () => clock },
  );
  return { db, gc, commits, setCost: (ms: number) => (costPerCommit = ms), advance: (ms: number) => (clock += ms) };
}
const nextTurn = () => new Promise((r) => setImmediate(r));

test('pacing: deliveries parsed on separate turns right after a slow commit share the next one', async () => {
  const f = pacedFixture();
  f.setCost(20);
  await f.gc.run(1); // quiet: commits on the next turn
  assert.deepEqual(f.commits, [[1]]);
  // Right after a commit that took 20 ms: three deliveries on three turns, one commit.
  const pending = [f.gc.run(2)];
  await nextTurn();
  pending.push(f.gc.run(3));
  await nextTurn();
  pending.push(f.gc.run(4));
  assert.equal(f.commits.length, 1, 'nothing committed before the pace allows');
  assert.deepEqual(await Promise.all(pending), [1, 1, 1]);
  assert.deepEqual(f.commits, [[1], [2, 3, 4]]);
  f.db.close();
});

test('pacing: a lone delivery in a quiet moment commits on the next turn', async () => {
  const f = pacedFixture();
  f.setCost(20);
  await f.gc.run(1);
  f.advance(60); // well after the last commit plus its cost
  const p = f.gc.run(2);
  await nextTurn();
  assert.equal(f.commits.length, 2, 'committed on the next turn, without a pacing wait');
  await p;
  assert.deepEqual(f.commits, [[1], [2]]);
  f.db.close();
});

test('pacing: a full batch commits at once, without waiting for the pace', async () => {
  const f = pacedFixture();
  f.setCost(10_000); // a pace far longer than the test (capped at MAX_PACE_MS anyway)
  await f.gc.run(0);
  const started = performance.now();
  const values = Array.from({ length: MAX_JOBS_PER_COMMIT }, (_, i) => i + 1);
  await Promise.all(values.map((v) => f.gc.run(v)));
  assert.ok(performance.now() - started < MAX_PACE_MS, 'did not wait for a timer');
  assert.deepEqual(f.commits, [[0], values]);
  f.db.close();
});
