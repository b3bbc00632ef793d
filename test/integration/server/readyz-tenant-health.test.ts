// /readyz and metrics report a tenant whose CRM lost our scopes (403) or is down (5xx) as
// degraded, with the reason, while /healthz stays 200. The CRM here is a local HTTP server
// answering every call with the status the test chooses; the pipeline reads leads through it
// after really signed webhooks.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hubspotV3Headers } from '../../../connectors/hubspot/signature.ts';
import { readEnv } from '../../../src/env.ts';
import { createSilentLogger } from '../../../src/logger.ts';
import { startApp, type RunningApp } from '../../../src/main.ts';

const SECRET = 'readyz-test-secret-0123456789';
const METRICS_TOKEN = 'readyz-test-metrics-token';
let crmStatus = 403;
let crmCalls = 0;
let crm: Server;
let app: RunningApp;

beforeAll(async () => {
  crm = createServer((req, res) => {
    req.resume();
    if (req.url === '/oauth/v2/private-apps/get/access-token-info') {
      // The token's portal (learned at start): the CRM trouble below is about the API calls.
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ hubId: 62515, scopes: ['crm.objects.contacts.read'] }));
      return;
    }
    crmCalls++;
    res.writeHead(crmStatus, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ status: 'error', category: crmStatus === 403 ? 'MISSING_SCOPES' : 'INTERNAL_ERROR', message: 'refused by the test CRM' }));
  });
  await new Promise<void>((r) => crm.listen(0, '127.0.0.1', () => r()));
  const dir = mkdtempSync(join(tmpdir(), 'lr-readyz-'));
  app = await startApp({
    env: readEnv({
      HUBSPOT_ACCESS_TOKEN: 'pat-x',
      HUBSPOT_CLIENT_SECRET: SECRET,
      HUBSPOT_API_BASE_URL: `http://127.0.0.1:${(crm.address() as AddressInfo).port}`,
      DATABASE_URL: join(dir, 'db.sqlite'),
      LEAD_ROUTER_CONFIG: join(import.meta.dirname, '../../../config/lead-router.yaml'),
      METRICS_TOKEN,
    }),
    port: 0,
    host: '127.0.0.1',
    logger: createSilentLogger(),
    rateLimitOverride: { baseDelayMs: 5 },
    pipeline: { retryBaseMs: 20, retryMaxMs: 50 },
  });
});
afterAll(async () => {
  await app.close();
  crm.closeAllConnections();
  await new Promise((r) => crm.close(r));
});

let eventId = 0;
async function deliver(): Promise<void> {
  const url = `${app.url}/webhooks/hubspot`;
  eventId++;
  const body = JSON.stringify([{ eventId, subscriptionId: 1, portalId: 62515, appId: 1, occurredAt: Date.now(), subscriptionType: 'contact.creation', attemptNumber: 0, objectId: 500 + eventId, changeSource: 'CRM_UI' }]);
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...hubspotV3Headers({ method: 'POST', url, body, clientSecret: SECRET, timestamp: Date.now() }) }, body });
  expect(res.status).toBe(200);
}

type Ready = { status: string; degraded: { tenant: string; reason: string; detail: string; since: string }[] };
async function readyWhen(pred: (r: Ready) => boolean): Promise<{ code: number; body: Ready }> {
  for (let i = 0; i < 200; i++) {
    const res = await fetch(`${app.url}/readyz`);
    const body = (await res.json()) as Ready;
    if (pred(body)) return { code: res.status, body };
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error('readyz never matched');
}

describe('/readyz per-tenant CRM health', () => {
  it('stays ready when the CRM refuses the property setup at start (403): reported, not waited for', async () => {
    // Private-app mode sets up its properties at start; this CRM refuses every API call.
    const { code, body } = await readyWhen((r) => (r as unknown as { checks: Record<string, { detail?: string }> }).checks.hubspot?.detail?.startsWith('attempt') === true);
    expect(code).toBe(200);
    expect(body.status).toBe('degraded');
    expect((body as unknown as { checks: Record<string, unknown> }).checks.hubspot).toMatchObject({ ok: false, blocking: false, detail: expect.stringMatching(/403/) });
  });

  it('reports a tenant whose install lost its scopes (403) as degraded, in JSON and metrics; liveness stays 200', async () => {
    crmStatus = 403;
    await deliver();
    const { code, body } = await readyWhen((r) => r.degraded.length > 0);
    expect(code).toBe(200); // still accepting webhooks for every tenant
    expect(body.status).toBe('degraded');
    expect(body.degraded).toEqual([{ tenant: 'hubspot:62515', reason: 'forbidden', detail: expect.stringMatching(/403.*scope/), since: expect.any(String) }]);
    expect((await fetch(`${app.url}/healthz`)).status).toBe(200);
    const metrics = await (await fetch(`${app.url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).text();
    expect(metrics).toContain('lead_router_tenant_degraded{tenant="hubspot:62515",reason="forbidden"} 1');
  });

  it('reports a CRM outage (repeated 5xx) as crm_unavailable', async () => {
    crmStatus = 503;
    const before = crmCalls;
    await deliver();
    const { body } = await readyWhen((r) => r.degraded[0]?.reason === 'crm_unavailable');
    expect(body.degraded[0]).toMatchObject({ tenant: 'hubspot:62515', detail: expect.stringMatching(/failed calls in a row, last HTTP 503/) });
    expect(crmCalls - before).toBeGreaterThanOrEqual(3);
    expect((await fetch(`${app.url}/healthz`)).status).toBe(200);
  });
});
