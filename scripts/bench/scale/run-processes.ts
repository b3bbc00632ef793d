// One scale run: N `lead-router serve` processes on one PostgreSQL schema behind one port
// (round-robin-proxy.ts), one HubSpot portal in the sandbox enforcing 110 / rolling 10 s with
// real 429s, a burst of contacts created at once. Returns what the sandbox and the store saw.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import pg from 'pg';
import { createHubspotSandbox } from '../../../connectors/hubspot/sandbox/index.ts';
import { loadConfig } from '../../../src/config/load.ts';
import { processEnv } from '../../../src/env.ts';
import { companyInputs, contactInputs } from '../hubspot/sample-records.ts';
import { startRoundRobinProxy } from './round-robin-proxy.ts';

const ROOT = join(import.meta.dirname, '../../..');
const CONFIG = join(ROOT, 'config/lead-router.yaml');
const SECRET = 'bench-client-secret-0123456789';
const PORTAL = 62515;
/** HubSpot's burst limit for OAuth apps, 110 / rolling 10 s (reference §5); the app plans for 99. */
export const NOMINAL_LIMIT = 110;
export const WINDOW_MS = 10_000;
const COMPANIES = 200;

export interface ScaleRun {
  processes: number;
  contacts: number;
  drainMs: number;
  calls: number;
  rateLimited: number;
  /** Webhook events acknowledged per second while the burst was delivered. */
  eventsPerSecond: number;
}

export async function runProcesses(opts: { processes: number; contacts: number; databaseUrl: string; schema: string }): Promise<ScaleRun> {
  const config = loadConfig(CONFIG).config;
  const scoreProp = config.writeBack.properties.score;
  const sandbox = createHubspotSandbox({
    portalId: PORTAL,
    appId: 54321,
    clientSecret: SECRET,
    owners: config.owners.map((o) => ({ email: o.email, firstName: o.name ?? 'Rep', lastName: '' })),
    subscriptions: {
      contactProperties: ['email', 'jobtitle', 'country', 'zip', 'hs_email_open', 'hs_analytics_num_page_views'],
      companyProperties: ['numberofemployees', 'industry'],
    },
    rateLimit: { max: NOMINAL_LIMIT, intervalMs: WINDOW_MS },
    timeScale: 0.001,
  });
  const { url } = await sandbox.listen(0);
  const ports: number[] = [];
  const children: ChildProcess[] = [];
  const proxy = await startRoundRobinProxy(() => ports.map((p) => `http://127.0.0.1:${p}`));
  const db = new pg.Client({ connectionString: opts.databaseUrl });
  await db.connect();
  try {
    const companies = sandbox.createCompanies(companyInputs(COMPANIES)).map((c) => c.id);
    for (let i = 0; i < opts.processes; i++) {
      const port = await freePort();
      ports.push(port);
      children.push(
        spawn(process.execPath, ['src/cli/bin.ts', 'serve'], {
          cwd: ROOT,
          stdio: ['ignore', 'ignore', 'inherit'],
          env: {
            PATH: processEnv().PATH ?? '',
            LOG_LEVEL: 'error',
            PORT: String(port),
            PUBLIC_BASE_URL: proxy.url,
            DATABASE_URL: `${opts.databaseUrl}${opts.databaseUrl.includes('?') ? '&' : '?'}schema=${opts.schema}`,
            LEAD_ROUTER_CONFIG: CONFIG,
            HUBSPOT_ACCESS_TOKEN: sandbox.privateAppToken,
            HUBSPOT_CLIENT_SECRET: SECRET,
            HUBSPOT_PORTAL_ID: String(PORTAL),
            HUBSPOT_APP_ID: '54321',
            HUBSPOT_API_BASE_URL: url,
            // The portal's limit minus 10% headroom, as bench:hubspot: one limit for all N processes.
            HUBSPOT_RATE_LIMIT: String(Math.floor(NOMINAL_LIMIT * 0.9)),
          },
        }),
      );
    }
    for (const port of ports) await waitFor(async () => (await fetch(`http://127.0.0.1:${port}/readyz`).catch(() => null))?.ok === true, 120_000);
    sandbox.setWebhookUrl(`${proxy.url}/webhooks/hubspot`);
    const callsBefore = sandbox.stats().totalCalls;

    const created = sandbox.createContacts(contactInputs(opts.contacts, 0, companies));
    const t0 = Date.now();
    let deliveredAt = 0;
    await waitFor(async () => {
      if (!deliveredAt && sandbox.stats().webhooks.pendingEvents === 0) deliveredAt = Date.now();
      if (created.some((c) => sandbox.getContact(c.id)?.properties[scoreProp] === undefined)) return false;
      const { rows } = await db.query(`SELECT count(*)::int AS open FROM "${opts.schema}".inbox WHERE status IN ('pending', 'processing')`);
      return rows[0].open === 0;
    }, Math.max(300_000, opts.contacts * 60));
    const drainMs = Date.now() - t0;
    const { rows } = await db.query(`SELECT count(*)::int AS n FROM "${opts.schema}".inbox`);
    const stats = sandbox.stats();
    return {
      processes: opts.processes,
      contacts: opts.contacts,
      drainMs,
      calls: stats.totalCalls - callsBefore,
      rateLimited: stats.rateLimited,
      eventsPerSecond: rows[0].n / (Math.max(1, (deliveredAt || Date.now()) - t0) / 1000),
    };
  } finally {
    for (const c of children) c.kill('SIGTERM');
    await Promise.all(children.map((c) => (c.exitCode === null ? new Promise((r) => c.once('exit', r)) : null)));
    await proxy.close();
    await sandbox.close();
    await db.query(`DROP SCHEMA IF EXISTS "${opts.schema}" CASCADE`).catch(() => undefined);
    await db.end();
  }
}

async function waitFor(check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}
