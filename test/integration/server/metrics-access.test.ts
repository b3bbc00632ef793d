// /metrics names every tenant: the public port never serves it without a bearer token, and a
// separate listener (METRICS_PORT) serves it on a private interface.
import { afterEach, describe, expect, it } from '@jest/globals';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readEnv } from '../../../src/env.ts';
import { createSilentLogger } from '../../../src/logger.ts';
import { startApp, type RunningApp } from '../../../src/main.ts';

const TOKEN = 'metrics-token-0123456789abcdef';
let app: RunningApp | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

async function start(extra: Record<string, string>, metricsPort?: number): Promise<RunningApp> {
  const dir = mkdtempSync(join(tmpdir(), 'lr-metrics-'));
  app = await startApp({
    env: readEnv({
      DATABASE_URL: join(dir, 'db.sqlite'),
      LEAD_ROUTER_CONFIG: join(import.meta.dirname, '../../../config/lead-router.yaml'),
      ...extra,
    }),
    port: 0,
    host: '127.0.0.1',
    ...(metricsPort !== undefined ? { metricsPort } : {}),
    logger: createSilentLogger(),
  });
  return app;
}

describe('/metrics access', () => {
  it('by default is not served on the public port: 404 saying how to enable it', async () => {
    const a = await start({});
    const res = await fetch(`${a.url}/metrics`);
    expect(res.status).toBe(404);
    expect(((await res.json()) as { message: string }).message).toMatch(/METRICS_TOKEN.*METRICS_PORT/);
    expect(a.metricsUrl).toBeUndefined();
  });

  it('with METRICS_TOKEN: 401 without or with a wrong bearer token, metrics with the right one', async () => {
    const a = await start({ METRICS_TOKEN: TOKEN });
    const none = await fetch(`${a.url}/metrics`);
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect((await fetch(`${a.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}x` } })).status).toBe(401);
    expect((await fetch(`${a.url}/metrics`, { headers: { authorization: 'Basic Zm9vOmJhcg==' } })).status).toBe(401);
    const ok = await fetch(`${a.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain('lead_router_webhook_ack_seconds');
  });

  it('with METRICS_PORT: served on the separate listener (127.0.0.1 by default), not on the public port', async () => {
    const a = await start({ METRICS_PORT: '9464' }, 0);
    expect(a.metricsUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect((await fetch(`${a.url}/metrics`)).status).toBe(404);
    const res = await fetch(`${a.metricsUrl}/metrics`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('lead_router_events_received_total');
    expect((await fetch(`${a.metricsUrl}/webhooks/hubspot`, { method: 'POST' })).status).toBe(404);
  });
});
