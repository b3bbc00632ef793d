// Migration 22 on a database that already holds decisions: preview reads the narrow
// audit_preview rows, which the migration fills from the audit rows written before it, in all
// their shapes (before migration 10: no outcome column, the routing state inside the input;
// since: lean input, input_state, outcome; decisions without an input). Preview lists the same
// entries as for rows written today, on SQLite and PostgreSQL, old and new rows in one order.
import { afterAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { Store } from '../../../src/store/types.ts';
import { withOlderPostgres, withOlderSqlite } from '../../helpers/older-schema.ts';
import { POSTGRES_TEST_URL as URL, usePostgres } from '../../helpers/postgres.ts';
import { evaluation } from '../../unit/store/fixtures.ts';

const TENANT = 'hubspot:1';
const state = (n: number) => ({ loads: { 'anna@x.test': { assignedToday: n, assignedThisWeek: n, openLeads: 1 } }, rotations: {} });
const input = (n: number, ownerIds: Record<string, string | null> | undefined = { 'anna@x.test': '7' }) => ({
  snapshot: { id: `l${n}`, fields: { job_title: 'CFO', employees: 1200, nothing: null }, ownerId: null, companyOwnerId: null, createdAt: null },
  events: [{ type: 'page_view', at: n, props: { url: '/pricing' } }],
  crmOwners: {},
  ...(ownerIds ? { ownerIds } : {}),
  now: 1_000 + n,
  routing: { state: state(n), current: null },
});
const recorded = (n: number) => {
  const e = evaluation(`l${n}`, n);
  return { owner: e.route.owner, tier: e.tier, grade: e.grade, rule: e.route.rule, target: e.route.target, reasons: e.reasons };
};
const lean = (i: ReturnType<typeof input>) => ({ ...i, routing: { current: null } });

/** Audit rows as versions before 22 wrote them: [lead, at, evaluation, input, input_state, outcome]. */
function oldRows(): [string, number, string, string | null, string | null, string | null][] {
  const { routing, ...rest } = input(2);
  const r = recorded(2);
  return [
    ['l1', 1_001, JSON.stringify(evaluation('l1', 1)), JSON.stringify(input(1)), null, null], // before migration 10
    ['l2', 1_002, JSON.stringify(evaluation('l2', 2)), JSON.stringify({ ...rest, routing: { current: null } }), JSON.stringify(routing.state),
      JSON.stringify([r.owner, r.tier, r.grade, r.rule, r.target, r.reasons])], // migrations 10 to 21
    ['l3', 1_003, JSON.stringify(evaluation('l3', 3)), null, null, null], // decided before inputs were kept
    ['l4', 1_004, JSON.stringify(evaluation('l4', 4)), JSON.stringify(input(4, undefined)), null, null], // no owner ids
  ];
}

async function expectPreviewed(store: Store): Promise<void> {
  await store.appendAudit([{ tenant: TENANT, leadId: 'l5', at: 1_000, evaluation: evaluation('l5', 5), input: input(5) }]);
  const all = await store.listPreviewSince(TENANT, 0, { limit: 10, withState: true });
  expect(all.map(({ id: _, ...e }) => e)).toStrictEqual([
    { leadId: 'l5', at: 1_000, seq: 0, recorded: recorded(5), input: input(5) },
    { leadId: 'l1', at: 1_001, seq: 0, recorded: recorded(1), input: lean(input(1)) },
    { leadId: 'l2', at: 1_002, seq: 0, recorded: recorded(2), input: lean(input(2)) },
    { leadId: 'l3', at: 1_003, seq: 0, recorded: recorded(3), input: null },
    { leadId: 'l4', at: 1_004, seq: 0, recorded: recorded(4), input: lean(input(4, undefined)) },
  ]);
  // A window starting at an old row gets that row's routing state (kept inside its input before migration 10).
  expect((await store.listPreviewSince(TENANT, 1_000, { after: { seq: 0, at: all[0]!.at, id: all[0]!.id }, limit: 1, withState: true }))[0]!.input).toStrictEqual(input(1));
  // Old preview rows go with their audit rows.
  await store.pruneExpired({ doneInboxBefore: 0, historyBefore: 1_002, limit: 10 });
  expect((await store.listPreviewSince(TENANT, 0, { limit: 10, withState: false })).map((e) => e.leadId)).toEqual(['l2', 'l3', 'l4']);
}

const dir = mkdtempSync(join(tmpdir(), 'lead-router-preview-mig-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('migration 22 (narrow preview rows) on existing decisions', () => {
  it('previews the audit rows of an older SQLite database', async () => {
    await withOlderSqlite(join(dir, 'old.db'), 22, (db) => {
      const insert = db.stmt('INSERT INTO audit (tenant, lead_id, at, evaluation, input, input_state, outcome) VALUES (?, ?, ?, ?, ?, ?, ?)');
      for (const [lead, at, e, i, st, oc] of oldRows()) insert.run(TENANT, lead, at, e, i, st, oc);
    }, expectPreviewed);
  });
});

if (await usePostgres('migration 22 on PostgreSQL')) {
  const schema = `lr_pvmig_${process.pid}_${Date.now().toString(36)}`;
  const admin = new pg.Pool({ connectionString: URL, max: 1 });
  afterAll(async () => {
    await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`).catch(() => undefined);
    await admin.end();
  });

  describe('migration 22 (narrow preview rows) on existing decisions, PostgreSQL', () => {
    it('previews the audit rows of an older schema', async () => {
      await withOlderPostgres(URL, schema, 22, async (db) => {
        for (const [lead, at, e, i, st, oc] of oldRows()) {
          await db.query(`INSERT INTO ${db.s}.audit (tenant, lead_id, at, evaluation, input, input_state, outcome) VALUES ($1, $2, $3, $4::json, $5::json, $6::json, $7)`, [TENANT, lead, at, e, i, st, oc]);
        }
      }, expectPreviewed);
    });
  });
}
