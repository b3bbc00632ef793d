// Migration 20 on a database that already holds decisions (as the release before it leaves
// one, migration 21 applied; 22, the narrow preview rows, came with 20): they keep routing_seq 0 and preview still replays them, by
// (at, id), before every decision routed after the upgrade, which come in routing order. SQLite
// and PostgreSQL.
import { afterAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPostgresStore } from '../../../src/store/postgres/create-postgres-store.ts';
import { migratePostgres } from '../../../src/store/postgres/migrate-postgres.ts';
import { POSTGRES_MIGRATIONS } from '../../../src/store/postgres/migrations.ts';
import { openPgDb } from '../../../src/store/postgres/open-pg-db.ts';
import { createSqliteStore } from '../../../src/store/sqlite/create-sqlite-store.ts';
import { migrateSqlite } from '../../../src/store/sqlite/migrate-sqlite.ts';
import { SQLITE_MIGRATIONS } from '../../../src/store/sqlite/migrations.ts';
import { openSqliteDb } from '../../../src/store/sqlite/open-sqlite-db.ts';
import type { Store } from '../../../src/store/types.ts';
import { POSTGRES_TEST_URL, usePostgres } from '../../helpers/postgres.ts';
import { T0, TENANT, assignment, evaluation } from '../../unit/store/fixtures.ts';

const row = (leadId: string, at: number, routingSeq?: number) => ({ tenant: TENANT, leadId, at, evaluation: evaluation(leadId, 1), ...(routingSeq ? { routingSeq } : {}) });

/** Decisions before the upgrade (no routing order), then after it, routed in another order than their times. */
async function upgradeAndPreview(before: Store, open: () => Promise<Store>): Promise<string[]> {
  await before.appendAudit([row('old-2', T0 + 2), row('old-1', T0 + 1)]);
  await before.close();
  const store = await open();
  await store.migrate();
  const seq = () => store.routeAtomically(TENANT, 'x', [], [], ({ order }) => ({ result: order.written, assignment: assignment({ leadId: 'x' }) }));
  const [first, second] = [await seq(), await seq()];
  await store.appendAudit([row('new-late', T0 + 5, second), row('new-early', T0 + 9, first)]);
  const page = await store.listPreviewSince(TENANT, T0, { limit: 10, withState: false });
  await store.close();
  return page.map((p) => `${p.leadId}:${p.seq === 0 ? 0 : p.seq === first ? 'first' : 'second'}`);
}

const EXPECTED = ['old-1:0', 'old-2:0', 'new-early:first', 'new-late:second'];

describe('migration 20 (routing order) on existing decisions', () => {
  it('SQLite: old decisions first by time, then routing order', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'lr-routing-order-')), 'db.sqlite');
    const db = openSqliteDb(path);
    expect(migrateSqlite(db, SQLITE_MIGRATIONS.filter((m) => m.version !== 20 && m.version !== 22))).toContain(21);
    db.close();
    // the old release's store: insert the way it did (no routing_seq column yet)
    const raw = openSqliteDb(path);
    const before = {
      async appendAudit(rows: ReturnType<typeof row>[]) {
        for (const r of rows) raw.stmt('INSERT INTO audit (tenant, lead_id, at, evaluation) VALUES (?, ?, ?, ?)').run(r.tenant, r.leadId, r.at, JSON.stringify(r.evaluation));
      },
      async close() {
        raw.close();
      },
    } as unknown as Store;
    expect(await upgradeAndPreview(before, async () => createSqliteStore(path))).toEqual(EXPECTED);
  });
});

if (await usePostgres('migration 20 on postgres')) {
  const schema = `lr_routing_order_migration_${process.pid}`;
  const admin = openPgDb(POSTGRES_TEST_URL, { schema, poolSize: 1 });
  afterAll(async () => {
    await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await admin.close();
  });
  describe('migration 20 (routing order) on existing decisions, PostgreSQL', () => {
    it('PostgreSQL: old decisions first by time, then routing order', async () => {
      await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await admin.query(`CREATE SCHEMA "${schema}"`);
      expect(await migratePostgres(admin, POSTGRES_MIGRATIONS.filter((m) => m.version !== 20 && m.version !== 22))).toContain(21);
      const before = {
        async appendAudit(rows: ReturnType<typeof row>[]) {
          for (const r of rows) await admin.query(`INSERT INTO "${schema}".audit (tenant, lead_id, at, evaluation) VALUES ($1, $2, $3, $4::json)`, [r.tenant, r.leadId, r.at, JSON.stringify(r.evaluation)]);
        },
        async close() {},
      } as unknown as Store;
      expect(await upgradeAndPreview(before, async () => createPostgresStore(POSTGRES_TEST_URL, { schema }))).toEqual(EXPECTED);
    });
  });
}
