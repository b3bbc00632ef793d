// LEAD_ROUTER_PIPELINE: the pipeline on its own thread (default) or inline; one /metrics for both
// registries; a bad value fails at start naming the variable.
import { afterEach, describe, expect, it } from '@jest/globals';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readEnv } from '../../../src/env.ts';
import { EnvError } from '../../../src/errors.ts';
import { createSilentLogger } from '../../../src/logger.ts';
import { startApp, type RunningApp } from '../../../src/main.ts';

const TOKEN = 'metrics-token-0123456789abcdef';
let app: RunningApp | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

function env(extra: Record<string, string> = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'lr-thread-'));
  return { DATABASE_URL: join(dir, 'db.sqlite'), LEAD_ROUTER_CONFIG: join(import.meta.dirname, '../../../config/lead-router.yaml'), METRICS_TOKEN: TOKEN, ...extra };
}

async function scrape(a: RunningApp): Promise<string> {
  const res = await fetch(`${a.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
  expect(res.status).toBe(200);
  return res.text();
}

const count = (text: string, line: string) => text.split('\n').filter((l) => l === line).length;

describe('LEAD_ROUTER_PIPELINE', () => {
  it('runs the pipeline on a thread by default; /metrics merges both registries into one valid exposition', async () => {
    app = await startApp({ env: readEnv(env()), port: 0, host: '127.0.0.1', logger: createSilentLogger() });
    expect(app.pipelineMode).toBe('thread');
    await app.worker.drain({ timeoutMs: 10_000 }); // answered by the thread
    const text = await scrape(app);
    // One HELP per metric although two registries define it; process metrics from the server only.
    expect(count(text, '# HELP lead_router_events_received_total CRM webhook events accepted into the inbox.')).toBe(1);
    expect(text.match(/^# HELP process_cpu_user_seconds_total/gm)).toHaveLength(1);
    expect(text).toContain('lead_router_rows_pruned_total');
  });

  it('runs inline when asked, and whenever a test clock or an in-memory store is given', async () => {
    app = await startApp({ env: readEnv(env({ LEAD_ROUTER_PIPELINE: 'inline' })), port: 0, host: '127.0.0.1', logger: createSilentLogger() });
    expect(app.pipelineMode).toBe('inline');
    await app.close();
    app = await startApp({ env: readEnv(env({ DATABASE_URL: ':memory:' })), port: 0, host: '127.0.0.1', logger: createSilentLogger() });
    expect(app.pipelineMode).toBe('inline');
    await app.close();
    app = await startApp({ env: readEnv(env({ LEAD_ROUTER_PIPELINE: 'thread' })), port: 0, host: '127.0.0.1', logger: createSilentLogger(), now: () => Date.now() });
    expect(app.pipelineMode).toBe('inline');
    expect(await scrape(app)).toContain('lead_router_events_received_total');
  });

  it('refuses an unknown mode at start, naming the variable', () => {
    expect(() => readEnv(env({ LEAD_ROUTER_PIPELINE: 'process' }))).toThrow(EnvError);
    expect(() => readEnv(env({ LEAD_ROUTER_PIPELINE: 'process' }))).toThrow(/LEAD_ROUTER_PIPELINE must be one of thread, inline/);
  });
});
