// Shared setup for the HubSpot end-to-end tests: the sandbox + the real app on a temp SQLite
// file, wired exactly as `lead-router serve` wires them.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHubspotSandbox, type HubspotSandbox } from '../../connectors/hubspot/sandbox/index.ts';
import { loadConfig } from '../../src/config/load.ts';
import { readEnv } from '../../src/env.ts';
import { createSilentLogger, type Logger } from '../../src/logger.ts';
import { startApp, type RunningApp } from '../../src/main.ts';

export const CONFIG = join(import.meta.dirname, '../../config/lead-router.yaml');
export const SECRET = 'e2e-client-secret-0123456789';
export const PORTAL = 62515;

export function sandboxFor(opts: Partial<Parameters<typeof createHubspotSandbox>[0]> = {}): HubspotSandbox {
  const config = loadConfig(CONFIG).config;
  return createHubspotSandbox({
    portalId: PORTAL,
    appId: 54321,
    clientSecret: SECRET,
    owners: config.owners.map((o) => ({ email: o.email, firstName: o.name ?? 'Rep', lastName: '' })),
    subscriptions: {
      contactProperties: ['email', 'jobtitle', 'country', 'zip', 'hs_email_open', 'hs_analytics_num_page_views', 'lead_router_feedback', 'lead_router_feedback_note'],
      companyProperties: ['numberofemployees', 'industry'],
    },
    timeScale: 0.001,
    ...opts,
  });
}

export function envFor(sandboxUrl: string, token: string, dir: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    HUBSPOT_ACCESS_TOKEN: token,
    HUBSPOT_CLIENT_SECRET: SECRET,
    HUBSPOT_PORTAL_ID: String(PORTAL),
    HUBSPOT_APP_ID: '54321',
    HUBSPOT_API_BASE_URL: sandboxUrl,
    DATABASE_URL: join(dir, 'lead-router.db'),
    LEAD_ROUTER_CONFIG: CONFIG,
    // where the pipeline runs: the default unless the run asks (LEAD_ROUTER_PIPELINE=inline npm test)
    ...(process.env.LEAD_ROUTER_PIPELINE ? { LEAD_ROUTER_PIPELINE: process.env.LEAD_ROUTER_PIPELINE } : {}),
    ...extra,
  };
}

export async function startPair(opts: { sandbox?: Partial<Parameters<typeof createHubspotSandbox>[0]>; env?: Record<string, string>; now?: () => number; logger?: Logger } = {}) {
  const sandbox = sandboxFor(opts.sandbox);
  const { url } = await sandbox.listen(0);
  const dir = mkdtempSync(join(tmpdir(), 'lr-e2e-'));
  const app: RunningApp = await startApp({
    env: readEnv(envFor(url, sandbox.privateAppToken, dir, opts.env)),
    port: 0,
    host: '127.0.0.1',
    logger: opts.logger ?? createSilentLogger(),
    ...(opts.now ? { now: opts.now } : {}),
    worker: { batchWindowMs: 20, pollMs: 100, timerPollMs: 100 },
    pipeline: { retryBaseMs: 50, retryMaxMs: 500 },
    rateLimitOverride: { baseDelayMs: 20, burstPauseMs: 200 },
  });
  sandbox.setWebhookUrl(`${app.url}/webhooks/hubspot`);
  await waitUntil(async () => (await fetch(`${app.url}/readyz`)).ok, 10_000);
  return { sandbox, app, dir, sandboxUrl: url };
}

export async function waitUntil(check: () => Promise<boolean> | boolean, timeoutMs: number, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export function sampleContacts(n: number, offset = 0) {
  const titles = ['CFO', 'IT Manager', 'Student', 'Head of IT', 'Data Analyst'];
  const countries = ['CZ', 'DE', 'US', 'GB', 'AT'];
  return Array.from({ length: n }, (_, i) => ({
    properties: {
      email: `lead${offset + i}@acme${(offset + i) % 7}.example.com`,
      firstname: 'Lead',
      lastname: String(offset + i),
      jobtitle: titles[(offset + i) % titles.length]!,
      country: countries[(offset + i) % countries.length]!,
      zip: '110 00',
    },
  }));
}
