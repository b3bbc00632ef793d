// Migration 17 on a database that already holds decisions: the report columns of existing audit
// rows are filled from their JSON (grade, score, source from the input's snapshot, segment =
// the route's team, escalated from the trace's last line), on SQLite and PostgreSQL, so reports
// count decisions recorded before the upgrade.
import { afterAll, describe, expect, it } from '@jest/globals';
import { DatabaseSync } from 'node:sqlite';
import pg from 'pg';
import { REPORT_COLUMNS_POSTGRES } from '../../../src/store/postgres/migration-report.ts';
import { POSTGRES_MIGRATIONS } from '../../../src/store/postgres/migrations.ts';
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

describe('migration 17 (report columns) on existing decisions', () => {
  it('fills the columns on SQLite', () => {
    const db = new DatabaseSync(':memory:');
    for (const m of SQLITE_MIGRATIONS.filter((x) => x.version < 17)) db.exec(m.sql);
    const insert = db.prepare('INSERT INTO audit (tenant, lead_id, at, evaluation, input) VALUES (?, ?, ?, ?, ?)');
    for (const [lead, e, input] of ROWS) insert.run('hubspot:1', lead, 1, e, input);
    db.exec(REPORT_COLUMNS_SQLITE.sql);
    expect(db.prepare('SELECT lead_id, grade, score, source, segment, escalated FROM audit ORDER BY lead_id').all().map((r) => ({ ...r }))).toEqual(EXPECTED);
    db.close();
  });
});

if (await usePostgres('migration 17 on postgres')) {
  const client = new pg.Pool({ connectionString: POSTGRES_TEST_URL, max: 1 });
  const schema = `lr_report_migration_${process.pid}`;
  afterAll(async () => {
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await client.end();
  });
  describe('migration 17 (report columns) on existing decisions, PostgreSQL', () => {
    it('fills the columns on PostgreSQL', async () => {
      const s = `"${schema}"`;
      await client.query(`DROP SCHEMA IF EXISTS ${s} CASCADE; CREATE SCHEMA ${s}`);
      for (const m of POSTGRES_MIGRATIONS.filter((x) => x.version < 17)) await client.query(m.sql(s));
      for (const [lead, e, input] of ROWS) await client.query(`INSERT INTO ${s}.audit (tenant, lead_id, at, evaluation, input) VALUES ($1, $2, 1, $3::json, $4::json)`, ['hubspot:1', lead, e, input]);
      await client.query(REPORT_COLUMNS_POSTGRES.sql(s));
      const { rows } = await client.query(`SELECT lead_id, grade, score, source, segment, escalated::int AS escalated FROM ${s}.audit ORDER BY lead_id`);
      expect(rows).toEqual(EXPECTED);
    });
  });
}
