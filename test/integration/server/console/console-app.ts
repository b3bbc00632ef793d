// The console's routes on the real Express app over a real store (SQLite, or PostgreSQL in a
// fresh schema), with two tenants whose leads were scored by the real engine on the default
// config. Shared by the console API tests; `signIn` goes through a real one-time link.
import type { Express } from 'express';
import pg from 'pg';
import request from 'supertest';
import { loadConfig } from '../../../../src/config/index.ts';
import { evaluateLead } from '../../../../src/engine/evaluate.ts';
import { emailLookupKey } from '../../../../src/crypto/email-lookup.ts';
import { createSilentLogger } from '../../../../src/logger.ts';
import { createApp } from '../../../../src/server/app.ts';
import { issueAdminLink } from '../../../../src/server/console/admin-link.ts';
import { createConsoleRouters } from '../../../../src/server/console/router.ts';
import { createPostgresStore } from '../../../../src/store/postgres/create-postgres-store.ts';
import { createSqliteStore } from '../../../../src/store/sqlite/create-sqlite-store.ts';
import type { ConsoleUser } from '../../../../src/store/console-types.ts';
import type { Store } from '../../../../src/store/types.ts';

export const TENANT_A = 'hubspot:62515';
export const TENANT_B = 'hubspot:99001';
export const T0 = Date.UTC(2026, 11, 1, 9, 30);
export const CONFIG = loadConfig(new URL('../../../../config/lead-router.yaml', import.meta.url).pathname);

/** Leads per tenant: id, email, fields. Same email in both tenants on purpose. */
export const LEADS = {
  [TENANT_A]: [
    { id: '1001', fields: { email: 'Jana@Pharma.example', job_title: 'Head of Procurement', employees: 1200, industry: 'Pharmaceuticals', country: 'DE', page_views: 14 } },
    { id: '1002', fields: { email: 'shared@both.example', job_title: 'Student', employees: 3, country: 'US' } },
  ],
  [TENANT_B]: [{ id: '2001', fields: { email: 'shared@both.example', job_title: 'CFO', employees: 800, country: 'CZ' } }],
} as const;

export interface ConsoleHarness {
  app: Express;
  store: Store;
  clock: { now: number };
  /** Times the console told the process a version was published / rolled back (ConsoleDeps.onConfigChanged). */
  configChanges: number;
  close(): Promise<void>;
}

export const PG_URL = process.env.LEAD_ROUTER_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export async function postgresReachable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

let schemas = 0;
export function openStore(kind: 'sqlite' | 'postgres'): { store: Store; drop(): Promise<void> } {
  if (kind === 'sqlite') return { store: createSqliteStore(':memory:'), drop: async () => undefined };
  const schema = `lr_console_${process.pid}_${++schemas}`;
  return {
    store: createPostgresStore(PG_URL, { schema, poolSize: 3 }),
    drop: async () => {
      const admin = new pg.Client({ connectionString: PG_URL });
      await admin.connect();
      await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await admin.end();
    },
  };
}

export async function startConsole(kind: 'sqlite' | 'postgres', assetsDir = '/nonexistent'): Promise<ConsoleHarness> {
  const { store, drop } = openStore(kind);
  await store.migrate();
  const clock = { now: T0 };
  const state = { loads: {}, rotations: {} };
  for (const [tenant, leads] of Object.entries(LEADS)) {
    for (const lead of leads) {
      const evaluation = evaluateLead({ id: lead.id, fields: { ...lead.fields } }, CONFIG.compiled, state, T0);
      await store.appendAudit([{ tenant, leadId: lead.id, at: T0, evaluation, emailHash: emailLookupKey(tenant, lead.fields.email) }]);
    }
  }
  const app = createApp({
    logger: createSilentLogger(),
    routers: createConsoleRouters({ store, now: () => clock.now, config: () => CONFIG, assetsDir, onConfigChanged: async () => void harness.configChanges++ }),
  });
  const harness: ConsoleHarness = {
    app,
    store,
    clock,
    configChanges: 0,
    async close() {
      await store.close();
      await drop();
    },
  };
  return harness;
}

/** Sign in through a real one-time link; returns the session cookie and CSRF token. */
export async function signIn(h: ConsoleHarness, tenant: string, user?: ConsoleUser): Promise<{ cookie: string; csrf: string }> {
  const link = await issueAdminLink({ store: h.store, now: h.clock.now }, tenant, 'http://console.test', undefined, user);
  const res = await request(h.app).get(new URL(link.url).pathname + new URL(link.url).search);
  if (res.status !== 303) throw new Error(`sign-in failed: ${res.status} ${res.text}`);
  const cookie = String(res.headers['set-cookie']![0]).split(';')[0]!;
  const session = await request(h.app).get('/admin/api/session').set('Cookie', cookie);
  return { cookie, csrf: session.body.csrfToken as string };
}
