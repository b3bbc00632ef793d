// The Pipedrive panel's "My availability" modal as wired for production
// (src/wiring/pipedrive-extensions), on SQLite and PostgreSQL: a rep (the Pipedrive user of the
// verified token, found among the company's users, and one of the config's owners) marks
// themselves away and back; others get 403, forged tokens 401; one company never sees another's.
import { afterAll, describe, expect, it } from '@jest/globals';
import express from 'express';
import { mkdtempSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { PIPEDRIVE_APP_PATHS } from '../../../../connectors/pipedrive/app-manifest/paths.ts';
import { loadConfig } from '../../../../src/config/load.ts';
import type { CrmOwner } from '../../../../src/crm/types.ts';
import { createSilentLogger } from '../../../../src/logger.ts';
import { createPostgresStore } from '../../../../src/store/postgres/create-postgres-store.ts';
import { createSqliteStore } from '../../../../src/store/sqlite/create-sqlite-store.ts';
import type { Store } from '../../../../src/store/types.ts';
import { panelRouters } from '../../../../src/wiring/pipedrive-extensions.ts';
import type { SharedWiring } from '../../../../src/wiring/shared.ts';
import { signHs256 } from '../../../helpers/jwt.ts';
import { pgReachable, POSTGRES_TEST_URL } from '../../../helpers/postgres.ts';

const SECRET = 'availability-stores-secret-0123456789';
const SCHEMA = `lr_pdav_${process.pid}_${Date.now().toString(36)}`;
const [A, B] = ['8087566', '9100200'];
const PETRA = 'petra.novakova@example.com'; // an owner in config/lead-router.yaml
// The company's Pipedrive users, as GET /v1/users lists them (the connector's listOwners).
const USERS: Record<string, CrmOwner[]> = {
  [`pipedrive:${A}`]: [{ id: '77', email: 'Petra.Novakova@example.com', active: true }, { id: '78', email: 'intern@example.com', active: true }],
  [`pipedrive:${B}`]: [{ id: '77', email: 'someone@b.example', active: true }],
};
const connector = { client: async (tenant: string) => ({ listOwners: async () => USERS[tenant] ?? [] }) } as never;

const usePg = await pgReachable(POSTGRES_TEST_URL);
afterAll(async () => {
  if (!usePg) return;
  const admin = new pg.Client({ connectionString: POSTGRES_TEST_URL });
  await admin.connect();
  await admin.query(`DROP SCHEMA IF EXISTS "${SCHEMA}" CASCADE`).catch(() => undefined);
  await admin.end();
});

const stores: [string, () => Store][] = [['sqlite', () => createSqliteStore(join(mkdtempSync(join(tmpdir(), 'lr-pdav-')), 'db.sqlite'))]];
if (usePg) stores.push(['postgres', () => createPostgresStore(POSTGRES_TEST_URL, { schema: SCHEMA, poolSize: 2 })]);

describe.each(stores)('Pipedrive availability modal on %s', (_kind, open) => {
  it('marks the rep away and back, for their own company only', async () => {
    const store = open();
    await store.migrate();
    const config = loadConfig(join(import.meta.dirname, '../../../../config/lead-router.yaml'));
    const shared = { store, now: Date.now, logger: createSilentLogger(), config: () => config } as unknown as SharedWiring;
    const app = express();
    for (const r of panelRouters(shared, SECRET, connector)) app.use(r);
    const server = app.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}${PIPEDRIVE_APP_PATHS.availabilityModal}`;
    const call = (company: string, user: number, body?: unknown, secret = SECRET) => {
      const exp = Math.floor(Date.now() / 1000) + 300;
      const q = new URLSearchParams({ resource: 'person', companyId: company, userId: String(user), selectedIds: '101', token: signHs256({ userId: user, companyId: Number(company), exp }, secret) });
      return body === undefined
        ? fetch(`${base}?${q}`)
        : fetch(`${base}?${q}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    };
    try {
      const away = await call(A, 77, { availability: 'away_3d', note: 'trade fair' });
      expect(away.status).toBe(200);
      expect(((await away.json()) as { success: { message: string } }).success.message).toMatch(/Away for 3 days/);
      const [row] = await store.listAbsences(`pipedrive:${A}`, { owner: PETRA });
      expect(row).toMatchObject({ note: 'trade fair', setBy: `pipedrive-user:77 (${PETRA})`, endedAt: null });
      expect(row!.to - row!.from).toBe(72 * 3_600_000);
      const shown = (await (await call(A, 77)).json()) as { data: { blocks: { status: { value: string } } } };
      expect(shown.data.blocks.status.value).toMatch(/^Away until .* UTC \(trade fair\)$/);

      expect((await call(A, 78, { availability: 'away_1d' })).status).toBe(403); // not a config owner
      expect((await call(B, 77, { availability: 'away_1d' })).status).toBe(403); // B's user 77 is someone else
      expect((await call(A, 77, { availability: 'away_1d' }, 'forged-secret-0123456789-0123456789')).status).toBe(401);
      expect((await call(A, 77, { availability: 'sabbatical' })).status).toBe(400);
      expect(await store.listAbsences(`pipedrive:${B}`)).toEqual([]);

      expect((await call(A, 77, { availability: 'back' })).status).toBe(200);
      expect(await store.listAbsences(`pipedrive:${A}`, { owner: PETRA, after: Date.now() })).toEqual([]);
      const back = (await (await call(A, 77)).json()) as { data: { blocks: { status: { value: string } } } };
      expect(back.data.blocks.status.value).toBe('You receive new leads.');
    } finally {
      server.close();
      await store.close();
    }
  });
});
