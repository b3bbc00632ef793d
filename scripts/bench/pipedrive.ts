#!/usr/bin/env node
// Pipedrive end-to-end benchmark: `lead-router serve` (a child process, api_token mode) against
// the Pipedrive sandbox (this process), which enforces Pipedrive's rolling 2 s burst limit and
// token budget (pipedrive.md §4) and delivers v2 webhooks with Basic auth.
//   1. ingestion: v2 deliveries, one event per POST, `--concurrency` senders: events/s, p99 ack;
//   2. burst: `--persons` persons created at once (as a user would import them): API calls and
//      daily-budget tokens per lead, 429s, and the drain time against its floor. Pipedrive has no
//      batch update, so the floor is one PATCH per person plus one GET per 100 persons and one per
//      100 persons' organizations, at the plan's burst limit: floor = minimum calls / allowed rate.
//
//   npm run bench:pipedrive
//   node scripts/bench/pipedrive.ts --persons 2000 --plan premium --events 5000
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createPipedriveSandbox, type PipedriveSandbox } from '../../connectors/pipedrive/sandbox/index.ts';
import { BURST_LIMITS, BURST_WINDOW_MS } from '../../connectors/pipedrive/sandbox/rate-limiter.ts';
import type { Plan } from '../../connectors/pipedrive/sandbox/types.ts';
import { processIo } from '../../src/cli/io.ts';
import { createProgress } from '../../src/cli/progress.ts';
import { loadConfig } from '../../src/config/load.ts';
import { pipedriveSandboxSeeds } from '../../src/demo/pipedrive-seeds.ts';
import { runIngestion } from './pipedrive-ingest.ts';

const ROOT = join(import.meta.dirname, '../..');
const COMPANY = 8087566;
const TOKEN = 'bench-api-token';
const USER = 'lead-router-bench';
const PASSWORD = 'bench-webhook-password-0123456789';
/** Drain / floor target (the scheduler keeps 10% headroom under the limit). */
const TARGET_RATIO = 1.2;

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });

async function waitFor(check: () => Promise<boolean> | boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${Math.round(timeoutMs / 1000)} s waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function inboxIdle(appUrl: string, onLeft?: (rows: number) => void): Promise<boolean> {
  const res = await fetch(`${appUrl}/readyz`).catch(() => null);
  const detail = ((await res?.json().catch(() => null)) as { checks?: { store?: { detail?: string } } } | null)?.checks?.store?.detail ?? '';
  const m = /^(\d+) pending, (\d+) processing/.exec(detail);
  if (m) onLeft?.(Number(m[1]) + Number(m[2]));
  return /^0 pending, 0 processing/.test(detail);
}

function startServe(env: Record<string, string>): ChildProcess {
  const child = spawn(join(ROOT, 'node_modules/.bin/node'), ['src/cli/bin.ts', 'serve'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', ...env, LOG_LEVEL: 'error' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return child;
}

function burstData(n: number) {
  const titles = ['CFO', 'IT Manager', 'Head of IT', 'Data Analyst', 'Software Engineer', 'Marketing Manager', 'Student', 'CEO'];
  const countries = ['CZ', 'DE', 'US', 'GB', 'AT', 'PL'];
  const industries = ['software', 'manufacturing', 'pharmaceuticals', 'retail', 'financial services'];
  const orgs = Array.from({ length: Math.max(1, Math.ceil(n / 10)) }, (_, i) => ({
    name: `Bench Org ${i}`,
    fields: { Employees: [8, 40, 150, 600, 2500][i % 5]!, Industry: industries[i % industries.length]!, Country: countries[i % countries.length]! },
  }));
  return { orgs, person: (i: number, orgId: number) => ({ name: `Burst ${i}`, email: `burst${i}@bench${i % 50}.example.com`, job_title: titles[i % titles.length]!, org_id: orgId, fields: { Postcode: '110 00', 'Page views': i % 40 } }) };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      persons: { type: 'string', default: '5000' },
      events: { type: 'string', default: '10000' },
      concurrency: { type: 'string', default: '10' },
      plan: { type: 'string', default: 'ultimate' },
      config: { type: 'string', default: 'config/lead-router.yaml' },
    },
  });
  const persons = Number(values.persons);
  const plan = values.plan as Plan;
  if (!BURST_LIMITS[plan]) throw new Error(`--plan must be one of ${Object.keys(BURST_LIMITS).join(', ')}`);
  const configPath = join(ROOT, values.config);
  const seeds = pipedriveSandboxSeeds(loadConfig(configPath).config);
  const sandbox: PipedriveSandbox = createPipedriveSandbox({ companyId: COMPANY, apiToken: TOKEN, plan, ...seeds });
  const { url: sandboxUrl } = await sandbox.listen(0);
  const dir = mkdtempSync(join(process.env.BENCH_TMP ?? tmpdir(), 'lr-bench-pd-'));
  const port = await freePort();
  const appUrl = `http://127.0.0.1:${port}`;
  const app = startServe({
    PORT: String(port), PUBLIC_BASE_URL: appUrl, DATABASE_URL: join(dir, 'bench.db'), LEAD_ROUTER_CONFIG: configPath,
    PIPEDRIVE_API_TOKEN: TOKEN, PIPEDRIVE_API_BASE_URL: sandboxUrl, PIPEDRIVE_COMPANY_ID: String(COMPANY),
    PIPEDRIVE_WEBHOOK_USER: USER, PIPEDRIVE_WEBHOOK_PASSWORD: PASSWORD, PIPEDRIVE_PLAN: plan,
  });
  try {
    await waitFor(async () => (await fetch(`${appUrl}/readyz`).catch(() => null))?.ok === true, 30_000, 'lead-router to register its webhooks');
    console.log(`pipedrive bench: lead-router serve (api_token, plan ${plan}) <-> sandbox ${sandboxUrl}, config ${values.config}`);

    // 1. Ingestion.
    const events = Number(values.events);
    const sending = createProgress(processIo(), 'ingest: deliveries answered', { total: events });
    const ingest = await runIngestion({ url: `${appUrl}/webhooks/pipedrive`, user: USER, password: PASSWORD, companyId: COMPANY, events, concurrency: Number(values.concurrency), onProgress: (n) => sending.update(n) });
    sending.done();
    console.log(`ingest: ${ingest.events} v2 deliveries (Basic auth, one event per POST, ${values.concurrency} concurrent) in ${ingest.seconds.toFixed(2)} s`);
    console.log(`ingest events/s: ${Math.round(ingest.perSecond)}`);
    console.log(`ingest ack latency: p50 ${ingest.p50Ms.toFixed(1)} ms, p99 ${ingest.p99Ms.toFixed(1)} ms, max ${ingest.maxMs.toFixed(1)} ms, non-2xx ${ingest.non2xx}`);
    const draining = createProgress(processIo(), 'ingest: inbox rows processed', { total: events });
    await waitFor(() => inboxIdle(appUrl, (left) => draining.update(Math.max(0, events - left))), 600_000, 'the ingested events to be processed');
    draining.done();

    // 2. Burst.
    const data = burstData(persons);
    const orgIds = sandbox.createOrganizations(data.orgs).map((o) => o['id'] as number);
    await new Promise((r) => setTimeout(r, 2 * BURST_WINDOW_MS)); // an empty window to start from
    const before = sandbox.stats();
    const t0 = performance.now();
    const ids = sandbox.createPersons(Array.from({ length: persons }, (_, i) => data.person(i, orgIds[i % orgIds.length]!))).map((p) => p['id'] as number);
    const scoreField = loadConfig(configPath).config.writeBack.properties.score;
    // Cheap polling (the sandbox shares this event loop): persons are written roughly in id order,
    // so look at the unwritten ones from the front and stop after a few still unwritten.
    const scored = (id: number) => typeof sandbox.readPersonFields(id)?.[scoreField] === 'number';
    let pending = ids;
    let lastAt = t0;
    const progress = createProgress(processIo(), 'burst: persons written', { total: persons });
    await waitFor(
      () => {
        const still: number[] = [];
        let misses = 0;
        for (let i = 0; i < pending.length; i++) {
          if (misses >= 20) {
            still.push(...pending.slice(i));
            break;
          }
          if (!scored(pending[i]!)) {
            still.push(pending[i]!);
            misses++;
          }
        }
        if (still.length < pending.length) lastAt = performance.now();
        pending = still;
        progress.update(persons - pending.length);
        return pending.length === 0;
      },
      3_600_000,
      'every person to be written',
    );
    progress.done();
    const drainS = (lastAt - t0) / 1000;
    await waitFor(() => inboxIdle(appUrl), 60_000, 'the inbox to drain');
    const after = sandbox.stats();
    const calls = after.totalCalls - before.totalCalls;
    const tokens = after.tokensSpent - before.tokensSpent;
    const limited = after.rateLimited - before.rateLimited;
    const patches = (after.calls['PATCH /api/v2/persons/:id'] ?? 0) - (before.calls['PATCH /api/v2/persons/:id'] ?? 0);
    const limit = BURST_LIMITS[plan].api_token;
    const rate = limit / (BURST_WINDOW_MS / 1000);
    const minCalls = persons + 2 * Math.ceil(persons / 100);
    const floorS = minCalls / rate;
    const ratio = drainS / floorS;
    console.log(`burst: ${persons} persons created at once (${orgIds.length} organizations), ${after.webhooks.eventsDelivered - before.webhooks.eventsDelivered} webhooks delivered`);
    console.log(`burst api calls: ${calls} (${(calls / persons).toFixed(3)} per lead; ${patches} PATCH /api/v2/persons/:id)`);
    console.log(`burst tokens: ${tokens} (${(tokens / persons).toFixed(2)} per lead; daily budget ${after.dailyTokenBudget})`);
    console.log(`burst 429s: ${limited} (target 0)`);
    console.log(`burst floor: ${minCalls} calls minimum (1 PATCH per person + 1 GET per 100 persons + 1 GET per 100 organizations) / ${rate} calls/s (${limit} per ${BURST_WINDOW_MS / 1000} s, api_token ${plan}) = ${floorS.toFixed(1)} s`);
    console.log(`burst drain: ${drainS.toFixed(1)} s = ${ratio.toFixed(3)} x floor (target <= ${TARGET_RATIO})`);
    const ok = limited === 0 && ratio <= TARGET_RATIO && ingest.non2xx === 0;
    console.log(
      `summary: pipedrive ingest ${Math.round(ingest.perSecond)} events/s p99 ${ingest.p99Ms.toFixed(1)} ms; burst ${persons} persons ${(calls / persons).toFixed(3)} calls/lead ${(tokens / persons).toFixed(2)} tokens/lead ${limited} 429s drain ${drainS.toFixed(1)} s = ${ratio.toFixed(2)}x floor ${ok ? 'OK' : 'MISSED TARGET'}`,
    );
    process.exitCode = ok ? 0 : 1;
  } finally {
    app.kill('SIGTERM');
    await new Promise((r) => app.once('exit', r));
    await sandbox.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
