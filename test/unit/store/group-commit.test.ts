import { test } from '@jest/globals';
import assert from 'node:assert/strict';
import { openSqliteDb } from '../../../src/store/sqlite/open-sqlite-db.ts';
import { createGroupCommit } from '../../../src/store/sqlite/group-commit.ts';
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
