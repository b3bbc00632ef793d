// The real app (startApp: Express, embedded SQLite on a temp file with synchronous=FULL as
// shipped, pipeline worker, rate-limited scheduler) wired to the HubSpot sandbox as
// test/e2e/hubspot-oauth.test.ts does; only the sandbox runs on its own thread (sandbox-thread.ts).
// Auth mode: marketplace OAuth, installed through /oauth/hubspot/install and the sandbox's consent
// page, so both sides apply OAuth's own limit (110 / rolling 10 s, no daily cap) by default:
// no forced HUBSPOT_RATE_LIMIT on the app, no `rateLimit` override in the sandbox.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { loadConfig } from '../../../src/config/load.ts';
import { readEnv, type PipelineMode } from '../../../src/env.ts';
import { createSilentLogger } from '../../../src/logger.ts';
import { startApp, type RunningApp } from '../../../src/main.ts';
import { startSandboxThread, type SandboxClient } from './sandbox-client.ts';

export const CONFIG = join(import.meta.dirname, '../../../config/lead-router.yaml');
export const SECRET = 'bench-client-secret-0123456789';
export const PORTAL = 62515;
export const APP_ID = 54321;
export const CLIENT_ID = 'bench-oauth-client';
/** The auth mode the bench runs in (docs/benchmarks.md names it with the figures). */
export const AUTH_MODE = 'OAuth (marketplace install; sandbox default limit for OAuth tokens, no daily cap)';
/** HubSpot's documented burst limit for OAuth apps: 110 requests / rolling 10 s (reference §5). */
export const NOMINAL_LIMIT = 110;
export const WINDOW_MS = 10_000;
/** What the app plans for: 110 minus its default 10% headroom (src/queue/policies.ts). */
export const EFFECTIVE_LIMIT = Math.floor(NOMINAL_LIMIT * 0.9);

export interface BenchPair {
  sandbox: SandboxClient;
  app: RunningApp;
  dbPath: string;
  /** Runs a read-only query on the app's database file (a second connection). */
  query(sql: string, ...params: (string | number)[]): Record<string, unknown>[];
  close(): Promise<void>;
}

/** Where the app's pipeline runs in every scenario (bench --pipeline; LEAD_ROUTER_PIPELINE). */
export const benchSettings: { pipeline: PipelineMode } = { pipeline: 'thread' };

export interface PairOptions {
  /** Sandbox webhook batching window (HubSpot gathers events before sending; default 50 ms). */
  webhookBatchMs?: number;
  /** Runs before the webhook URL is set: records created here send the app no events. */
  seed?: (sandbox: SandboxClient) => Promise<void>;
}

export async function startBenchPair(opts: PairOptions = {}): Promise<BenchPair> {
  const config = loadConfig(CONFIG).config;
  const sandbox = await startSandboxThread({
    portalId: PORTAL,
    appId: APP_ID,
    clientSecret: SECRET,
    owners: config.owners.map((o) => ({ email: o.email, firstName: o.name ?? 'Rep', lastName: '' })),
    subscriptions: {
      contactProperties: ['email', 'jobtitle', 'country', 'zip', 'hs_email_open', 'hs_analytics_num_page_views'],
      companyProperties: ['numberofemployees', 'industry'],
    },
    clientId: CLIENT_ID,
    ...(opts.webhookBatchMs === undefined ? {} : { webhookBatchMs: opts.webhookBatchMs }),
  });
  await opts.seed?.(sandbox);

  const dir = mkdtempSync(join(tmpdir(), 'lr-bench-'));
  const dbPath = join(dir, 'lead-router.db');
  const port = await freePort();
  const app = await startApp({
    env: readEnv({
      HUBSPOT_CLIENT_ID: CLIENT_ID,
      HUBSPOT_CLIENT_SECRET: SECRET,
      HUBSPOT_APP_ID: String(APP_ID),
      HUBSPOT_API_BASE_URL: sandbox.url,
      HUBSPOT_AUTH_BASE_URL: sandbox.url,
      PUBLIC_BASE_URL: `http://127.0.0.1:${port}`,
      LEAD_ROUTER_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
      // No HUBSPOT_RATE_LIMIT: the app plans OAuth's 110 / 10 s minus its default 10% headroom
      // (src/queue/policies.ts): 99 / 10 s effective.
      DATABASE_URL: dbPath,
      LEAD_ROUTER_CONFIG: CONFIG,
    }),
    port,
    host: '127.0.0.1',
    logger: createSilentLogger(),
    pipelineMode: benchSettings.pipeline,
  });
  // The install: our redirect -> the sandbox's consent page -> our callback with the code.
  const install = await fetch(`${app.url}/oauth/hubspot/install`);
  if (!install.ok) throw new Error(`OAuth install failed: ${install.status} ${await install.text()}`);
  await sandbox.setWebhookUrl(`${app.url}/webhooks/hubspot`);
  await waitFor(async () => (await fetch(`${app.url}/readyz`)).ok, 30_000, 'the app to be ready');
  const reader = new DatabaseSync(dbPath, { readOnly: true });
  return {
    sandbox,
    app,
    dbPath,
    query: (sql, ...params) => reader.prepare(sql).all(...params) as Record<string, unknown>[],
    async close() {
      reader.close();
      await app.close();
      await sandbox.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

export async function waitFor(check: () => Promise<boolean> | boolean, timeoutMs: number, what: string, everyMs = 50): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`timed out after ${Math.round(timeoutMs / 1000)} s waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** Most calls that arrived inside any rolling window of `windowMs`. */
export function peakInWindow(times: readonly number[], windowMs: number): number {
  const t = [...times].sort((a, b) => a - b);
  let best = 0;
  let lo = 0;
  for (let hi = 0; hi < t.length; hi++) {
    while (t[hi]! - t[lo]! >= windowMs) lo++;
    best = Math.max(best, hi - lo + 1);
  }
  return best;
}
