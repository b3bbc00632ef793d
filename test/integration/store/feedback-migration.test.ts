// Migration 13 on a database with feedback from before it: every row is kept (card verdicts on
// HubSpot tenants, panel verdicts on Pipedrive ones, no decision), and the new kind and columns
// work afterwards. SQLite rebuilds the table (a CHECK cannot be altered); PostgreSQL alters it.
import { afterAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { Store } from '../../../src/store/types.ts';
import { withOlderPostgres, withOlderSqlite } from '../../helpers/older-schema.ts';
import { POSTGRES_TEST_URL as URL, usePostgres } from '../../helpers/postgres.ts';

const OLD = [
  ['hubspot:1', 'l1', 1_000, '77', 'wrong_owner', 'EMEA'],
  ['pipedrive:2', 'p1', 2_000, '88', 'bad_fit', null],
] as const;

async function expectMigrated(store: Store): Promise<void> {
  expect(await store.listFeedback('hubspot:1', 'l1')).toEqual([
    { tenant: 'hubspot:1', leadId: 'l1', at: 1_000, userId: '77', kind: 'wrong_owner', note: 'EMEA', source: 'card', decision: null },
  ]);
  expect(await store.listFeedback('pipedrive:2', 'p1')).toEqual([
    { tenant: 'pipedrive:2', leadId: 'p1', at: 2_000, userId: '88', kind: 'bad_fit', note: null, source: 'panel', decision: null },
  ]);
  expect(await store.appendFeedback({ tenant: 'hubspot:1', leadId: 'l1', at: 3_000, userId: null, kind: 'duplicate', note: null, source: 'crm' })).toBe(true);
  expect(await store.countFeedback('hubspot:1')).toEqual([
    { rule: null, owner: null, kind: 'duplicate', count: 1 },
    { rule: null, owner: null, kind: 'wrong_owner', count: 1 },
  ]);
}

const dir = mkdtempSync(join(tmpdir(), 'lead-router-fb-mig-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('feedback migration 13', () => {
  it('keeps the feedback rows of an older SQLite database', async () => {
    await withOlderSqlite(join(dir, 'old.db'), 13, (db) => {
      for (const r of OLD) db.stmt('INSERT INTO feedback (tenant, lead_id, at, user_id, kind, note) VALUES (?, ?, ?, ?, ?, ?)').run(...r);
    }, expectMigrated);
  });
});

if (await usePostgres('feedback migration 13 on PostgreSQL')) {
  const schema = `lr_fbmig_${process.pid}_${Date.now().toString(36)}`;
  const admin = new pg.Pool({ connectionString: URL, max: 1 });
  afterAll(async () => {
    await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`).catch(() => undefined);
    await admin.end();
  });

  describe('feedback migration 13 on PostgreSQL', () => {
    it('keeps the feedback rows of an older schema', async () => {
      await withOlderPostgres(URL, schema, 13, async (db) => {
        for (const r of OLD) await db.query(`INSERT INTO ${db.s}.feedback (tenant, lead_id, at, user_id, kind, note) VALUES ($1, $2, $3, $4, $5, $6)`, [...r]);
      }, expectMigrated);
    });
  });
}
