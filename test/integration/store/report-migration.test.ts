// The report migrations on a database that already holds decisions, on SQLite and PostgreSQL, so
// reports count decisions recorded before the upgrade. Migration 17: the report columns of
// existing audit rows are filled from their JSON (grade, score, source from the input's
// snapshot, segment = the route's team, escalated from the trace's last line). Migration 19:
// each lead's decision with the largest id (per tenant) is flagged as its latest, no other row.
import { afterAll, describe, expect, it } from '@jest/globals';
import { DatabaseSync } from 'node:sqlite';
import pg from 'pg';
import { LATEST_DECISION_POSTGRES } from '../../../src/store/postgres/migration-latest.ts';
import { REPORT_COLUMNS_POSTGRES } from '../../../src/store/postgres/migration-report.ts';
import { POSTGRES_MIGRATIONS } from '../../../src/store/postgres/migrations.ts';
import { LATEST_DECISION_SQLITE } from '../../../src/store/sqlite/migration-latest.ts';
import { REPORT_COLUMNS_SQLITE } from '../../../src/store/sqlite/migration-report.ts';
import { SQLITE_MIGRATIONS } from '../../../src/store/sqlite/migrations.ts';
import { POSTGRES_TEST_URL, usePostgres } from '../../helpers/postgres.ts';

const evaluation = (team: string | undefined, trace: string[], grade: string | null) =>
  JSON.stringify({ leadId: 'x', score: { total: 61.5 }, tier: 'hot', grade, route: { owner: 'a@x.test', rule: 'r', target: team ? 'team' : 'owner', team, trace }, reasons: '' });
const ROWS: [string, string, string | null][] = [
  ['l1', evaluation('sales', ["rule 'r': matched"], 'A1'), JSON.stringify({ snapshot: { id: 'l1', fields: { source: 'PAID_SEARCH' } } })],
  ['l2', evaluation(undefined, ['rule r', 'SLA breach round 1: escalate to boss@x.test'], null), JSON.stringify({ snapshot: { id: 'l2', fields: { source: '' } } })],
  ['l3', evaluation(undefined, [], null), null],
];
const EXPECTED = [
  { lead_id: 'l1', grade: 'A1', score: 61.5, source: 'PAID_SEARCH', segment: 'sales', escalated: 0 },
  { lead_id: 'l2', grade: null, score: 61.5, source: null, segment: null, escalated: 1 },
  { lead_id: 'l3', grade: null, score: 61.5, source: null, segment: null, escalated: 0 },
];

// Migration 19: (tenant, lead, at) in id order: l1 decided three times (the newest with the
// earliest time), the same lead id in another tenant, a lead decided once.
const DECIDED: [string, string, number][] = [
  ['hubspot:1', 'l1', 10],
  ['hubspot:1', 'l2', 11],
  ['hubspot:1', 'l1', 12],
  ['hubspot:12', 'l1', 13],
  ['hubspot:1', 'l1', 5],
  ['pipedrive:1', 'l3', 14],
];
const LATEST = [0, 1, 0, 1, 1, 1];
const DECIDED_EVALUATION = evaluation(undefined, [], null);

describe('report migrations on existing decisions', () => {
  it('migration 17 fills the columns on SQLite', () => {
    const db = new DatabaseSync(':memory:');
    for (const m of SQLITE_MIGRATIONS.filter((x) => x.version < 17)) db.exec(m.sql);
    const insert = db.prepare('INSERT INTO audit (tenant, lead_id, at, evaluation, input) VALUES (?, ?, ?, ?, ?)');
    for (const [lead, e, input] of ROWS) insert.run('hubspot:1', lead, 1, e, input);
    db.exec(REPORT_COLUMNS_SQLITE.sql);
    expect(db.prepare('SELECT lead_id, grade, score, source, segment, escalated FROM audit ORDER BY lead_id').all().map((r) => ({ ...r }))).toEqual(EXPECTED);
    db.close();
  });

  it('migration 19 flags each lead\'s newest row on SQLite, one per lead', () => {
    const db = new DatabaseSync(':memory:');
    for (const m of SQLITE_MIGRATIONS.filter((x) => x.version < 19)) db.exec(m.sql);
    const insert = db.prepare('INSERT INTO audit (tenant, lead_id, at, evaluation) VALUES (?, ?, ?, ?)');
    for (const [tenant, lead, at] of DECIDED) insert.run(tenant, lead, at, DECIDED_EVALUATION);
    db.exec(LATEST_DECISION_SQLITE.sql);
    expect(db.prepare('SELECT latest FROM audit ORDER BY id').all().map((r) => r.latest)).toEqual(LATEST);
    expect(() => db.prepare("UPDATE audit SET latest = 1 WHERE tenant = 'hubspot:1' AND lead_id = 'l1'").run()).toThrow(/UNIQUE/);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND name LIKE 'audit_%report'").all().map((r) => r.name)).toEqual(['audit_latest_report']);
    db.close();
  });
});

if (await usePostgres('report migrations on postgres')) {
  const client = new pg.Pool({ connectionString: POSTGRES_TEST_URL, max: 1 });
  const schema = `lr_report_migration_${process.pid}`;
  const s = `"${schema}"`;
  afterAll(async () => {
    await client.query(`DROP SCHEMA IF EXISTS ${s} CASCADE`);
    await client.end();
  });
  /** A fresh schema with the migrations before `version`. */
  async function migratedBefore(version: number): Promise<void> {
    await client.query(`DROP SCHEMA IF EXISTS ${s} CASCADE; CREATE SCHEMA ${s}`);
    for (const m of POSTGRES_MIGRATIONS.filter((x) => x.version < version)) await client.query(m.sql(s));
  }
  describe('report migrations on existing decisions, PostgreSQL', () => {
    it('migration 17 fills the columns on PostgreSQL', async () => {
      await migratedBefore(17);
      for (const [lead, e, input] of ROWS) await client.query(`INSERT INTO ${s}.audit (tenant, lead_id, at, evaluation, input) VALUES ($1, $2, 1, $3::json, $4::json)`, ['hubspot:1', lead, e, input]);
      await client.query(REPORT_COLUMNS_POSTGRES.sql(s));
      const { rows } = await client.query(`SELECT lead_id, grade, score, source, segment, escalated::int AS escalated FROM ${s}.audit ORDER BY lead_id`);
      expect(rows).toEqual(EXPECTED);
    });

    it('migration 19 flags each lead\'s newest row on PostgreSQL', async () => {
      await migratedBefore(19);
      for (const [tenant, lead, at] of DECIDED) await client.query(`INSERT INTO ${s}.audit (tenant, lead_id, at, evaluation) VALUES ($1, $2, $3, $4::json)`, [tenant, lead, at, DECIDED_EVALUATION]);
      await client.query(LATEST_DECISION_POSTGRES.sql(s));
      const { rows } = await client.query(`SELECT latest::int AS latest FROM ${s}.audit ORDER BY id`);
      expect(rows.map((r) => r.latest)).toEqual(LATEST);
      const idx = await client.query(`SELECT indexname FROM pg_indexes WHERE schemaname = $1 AND indexname LIKE 'audit_%report'`, [schema]);
      expect(idx.rows.map((r) => r.indexname)).toEqual(['audit_latest_report']);
    });
  });
}
