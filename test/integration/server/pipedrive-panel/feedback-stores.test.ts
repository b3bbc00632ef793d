// The Pipedrive panel's feedback modal as wired for production (src/wiring/pipedrive-extensions),
// on both stores: SQLite and PostgreSQL (a fresh schema, dropped afterwards; skipped with a
// warning when PostgreSQL is unreachable, like the store contract). What a rep submits lands in
// the caller's company only, and another company's token cannot reach it.
import { afterAll, describe, expect, it } from '@jest/globals';
import express from 'express';
import { mkdtempSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { PIPEDRIVE_APP_PATHS } from '../../../../connectors/pipedrive/app-manifest/paths.ts';
import { evaluateLead } from '../../../../src/engine/evaluate.ts';
import { loadConfig } from '../../../../src/config/load.ts';
import { createSilentLogger } from '../../../../src/logger.ts';
import { createPostgresStore } from '../../../../src/store/postgres/create-postgres-store.ts';
import { createSqliteStore } from '../../../../src/store/sqlite/create-sqlite-store.ts';
import type { Store } from '../../../../src/store/types.ts';
import { panelRouters } from '../../../../src/wiring/pipedrive-extensions.ts';
import type { SharedWiring } from '../../../../src/wiring/shared.ts';
import { signHs256 } from '../../../helpers/jwt.ts';
import { pgReachable } from '../../../helpers/postgres.ts';

const SECRET = 'feedback-stores-secret-0123456789';
const PG_URL = process.env.LEAD_ROUTER_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const SCHEMA = `lr_pdfb_${process.pid}_${Date.now().toString(36)}`;
const [A, B] = ['8087566', '9100200'];


const usePg = await pgReachable();
afterAll(async () => {
  if (!usePg) return;
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  await admin.query(`DROP SCHEMA IF EXISTS "${SCHEMA}" CASCADE`).catch(() => undefined);
  await admin.end();
});

const stores: [string, () => Store][] = [['sqlite', () => createSqliteStore(join(mkdtempSync(join(tmpdir(), 'lr-pdfb-')), 'db.sqlite'))]];
if (usePg) stores.push(['postgres', () => createPostgresStore(PG_URL, { schema: SCHEMA, poolSize: 2 })]);

describe.each(stores)('Pipedrive feedback modal on %s', (_kind, open) => {
  it('stores the verdict for the token\'s company only', async () => {
    const store = open();
    await store.migrate();
    const config = loadConfig(join(import.meta.dirname, '../../../../config/lead-router.yaml'));
    const evaluation = evaluateLead({ id: '101', fields: { email: 'jana@pharma.example', employees: 1200 } }, config.compiled, { loads: {}, rotations: {} }, Date.UTC(2026, 11, 1));
    await store.appendAudit([{ tenant: `pipedrive:${A}`, leadId: '101', at: Date.UTC(2026, 11, 1), evaluation }]);
    const shared = { store, now: Date.now, logger: createSilentLogger(), config: () => config } as unknown as SharedWiring;
    const app = express();
    for (const r of panelRouters(shared, SECRET, { client: async () => null })) app.use(r);
    const server = app.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}${PIPEDRIVE_APP_PATHS.feedbackModal}`;
    const post = (company: string, body: unknown) => {
      const exp = Math.floor(Date.now() / 1000) + 300;
      const q = new URLSearchParams({ resource: 'person', companyId: company, userId: '77', selectedIds: '101', token: signHs256({ userId: 77, companyId: Number(company), exp }, SECRET) });
      return fetch(`${base}?${q}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    };
    try {
      expect((await post(A, { verdict: 'good_lead', note: 'spot on' })).status).toBe(200);
      expect((await post(B, { verdict: 'bad_fit' })).status).toBe(404);
      expect(await store.listFeedback(`pipedrive:${A}`, '101')).toEqual([expect.objectContaining({ kind: 'good_lead', note: 'spot on', userId: '77' })]);
      expect(await store.listFeedback(`pipedrive:${B}`, '101')).toEqual([]);
    } finally {
      await new Promise((r) => server.close(r));
      await store.close();
    }
  });
});
