// Shared setup for the Pipedrive end-to-end tests: the sandbox + the real app on a temp SQLite
// file, wired exactly as `lead-router serve` wires them. api_token mode with PUBLIC_BASE_URL set,
// so the app creates its fields and registers its own webhooks in the sandbox at start (the app's
// port is picked before it starts, since the webhooks must name it).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPipedriveSandbox, type PipedriveSandbox, type PipedriveSandboxOptions } from '../../connectors/pipedrive/sandbox/index.ts';
import { loadConfig } from '../../src/config/load.ts';
import { pipedriveSandboxSeeds } from '../../src/demo/pipedrive-seeds.ts';
import { readEnv } from '../../src/env.ts';
import { createSilentLogger } from '../../src/logger.ts';
import { startApp, type RunningApp, type StartOptions } from '../../src/main.ts';

export const CONFIG = join(import.meta.dirname, '../../config/lead-router.yaml');
export const COMPANY = 8087566;
export const TENANT = `pipedrive:${COMPANY}`;
export const API_TOKEN = 'e2e-pipedrive-api-token';
export const WEBHOOK_USER = 'lead-router-e2e';
export const WEBHOOK_PASSWORD = 'e2e-webhook-password-0123456789';
export const props = loadConfig(CONFIG).config.writeBack.properties;

import { freePort } from '../helpers/processes.ts';
export { freePort };

/** The sandbox seeded from the config: its owners as users (plus a non-rep admin), its fields. */
export function sandboxFor(opts: Partial<PipedriveSandboxOptions> = {}, configPath = CONFIG): PipedriveSandbox {
  const seeds = pipedriveSandboxSeeds(loadConfig(configPath).config);
  return createPipedriveSandbox({ companyId: COMPANY, apiToken: API_TOKEN, timeScale: 0.001, ...seeds, ...opts });
}

export function envFor(sandboxUrl: string, appPort: number, dir: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    PORT: String(appPort),
    PUBLIC_BASE_URL: `http://127.0.0.1:${appPort}`,
    PIPEDRIVE_API_TOKEN: API_TOKEN,
    PIPEDRIVE_API_BASE_URL: sandboxUrl,
    PIPEDRIVE_COMPANY_ID: String(COMPANY),
    PIPEDRIVE_WEBHOOK_USER: WEBHOOK_USER,
    PIPEDRIVE_WEBHOOK_PASSWORD: WEBHOOK_PASSWORD,
    DATABASE_URL: join(dir, 'lead-router.db'),
    LEAD_ROUTER_CONFIG: CONFIG,
    // where the pipeline runs: the default unless the run asks (LEAD_ROUTER_PIPELINE=inline npm test)
    ...(process.env.LEAD_ROUTER_PIPELINE ? { LEAD_ROUTER_PIPELINE: process.env.LEAD_ROUTER_PIPELINE } : {}),
    ...extra,
  };
}

export const FAST = {
  worker: { batchWindowMs: 20, pollMs: 100, timerPollMs: 100 },
  pipeline: { retryBaseMs: 50, retryMaxMs: 500 },
  rateLimitOverride: { baseDelayMs: 20, burstPauseMs: 200 },
};

export async function startApp2(env: Record<string, string>, port: number, extra: Pick<StartOptions, 'now'> = {}): Promise<RunningApp> {
  return startApp({ env: readEnv(env), port, host: '127.0.0.1', logger: createSilentLogger(), ...FAST, ...extra });
}

export async function startPair(opts: { sandbox?: Partial<PipedriveSandboxOptions>; env?: Record<string, string>; now?: () => number } = {}) {
  const sandbox = sandboxFor(opts.sandbox);
  const { url } = await sandbox.listen(0);
  const dir = mkdtempSync(join(tmpdir(), 'lr-pd-e2e-'));
  const port = await freePort();
  const app = await startApp2(envFor(url, port, dir, opts.env), port, opts.now ? { now: opts.now } : {});
  // Ready = fields created and webhooks registered (the app's Pipedrive setup job).
  await waitUntil(async () => (await fetch(`${app.url}/readyz`)).ok, 15_000, 'the app to set up Pipedrive');
  const close = async () => {
    await app.close();
    await sandbox.close();
  };
  return { sandbox, app, dir, sandboxUrl: url, close };
}

export async function waitUntil(check: () => Promise<boolean> | boolean, timeoutMs: number, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Settle: deliver pending webhooks, then let the pipeline finish what they queued. */
export async function settle(sandbox: PipedriveSandbox, app: RunningApp): Promise<void> {
  for (let i = 0; i < 3; i++) {
    await sandbox.flushWebhooks();
    await app.worker.drain();
  }
}

export function userId(sandbox: PipedriveSandbox, email: string): number {
  const u = (sandbox.users() as { id: number; email: string }[]).find((x) => x.email === email);
  if (!u) throw new Error(`no sandbox user ${email}`);
  return u.id;
}

/** A person's written values by field name (option labels), and its owner. */
export function written(sandbox: PipedriveSandbox, id: number) {
  const f = sandbox.readPersonFields(id) ?? {};
  const p = sandbox.getPerson(id) as { owner_id: number } | undefined;
  return {
    ownerId: p?.owner_id ?? null,
    score: f[props.score] as number | null | undefined,
    priority: f[props.priority] as string | null | undefined,
    grade: f[props.grade] as string | null | undefined,
    reasons: f[props.reasons] as string | null | undefined,
  };
}

export const isScored = (sandbox: PipedriveSandbox, id: number) => typeof written(sandbox, id).score === 'number';

export function samplePersons(n: number, orgId?: number, offset = 0) {
  const titles = ['CFO', 'IT Manager', 'Student', 'Head of IT', 'Data Analyst'];
  return Array.from({ length: n }, (_, i) => ({
    name: `Lead ${offset + i}`,
    email: `lead${offset + i}@acme${(offset + i) % 7}.example.com`,
    job_title: titles[(offset + i) % titles.length]!,
    ...(orgId === undefined ? {} : { org_id: orgId }),
    fields: { Postcode: '110 00', 'Page views': (offset + i) % 30 },
  }));
}
