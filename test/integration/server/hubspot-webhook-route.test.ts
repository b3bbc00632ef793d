// The real app's HubSpot webhook route: signed raw bytes in, clear status codes out, and the
// durable inbox written before the 2xx. The CRM API is unreachable here on purpose: receiving
// webhooks must not depend on it.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hubspotV3Headers } from '../../../connectors/hubspot/signature.ts';
import { readEnv } from '../../../src/env.ts';
import { createSilentLogger } from '../../../src/logger.ts';
import { startApp, type RunningApp } from '../../../src/main.ts';

const SECRET = 'route-test-secret-0123456789';
let app: RunningApp;

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'lr-route-'));
  app = await startApp({
    env: readEnv({
      HUBSPOT_ACCESS_TOKEN: 'pat-x',
      HUBSPOT_CLIENT_SECRET: SECRET,
      HUBSPOT_PORTAL_ID: '62515',
      METRICS_TOKEN: 'route-test-metrics-token',
      HUBSPOT_API_BASE_URL: 'http://127.0.0.1:9', // nothing listens: the CRM is unreachable
      DATABASE_URL: join(dir, 'db.sqlite'),
      LEAD_ROUTER_CONFIG: join(import.meta.dirname, '../../../config/lead-router.yaml'),
    }),
    port: 0,
    host: '127.0.0.1',
    logger: createSilentLogger(),
  });
  app.worker.stop(); // keep the inbox as the route left it
});
afterAll(async () => {
  await app.close();
});

function post(body: string | Buffer, opts: { sign?: boolean; timestamp?: number } = {}) {
  const url = `${app.url}/webhooks/hubspot`;
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (opts.sign !== false) Object.assign(headers, hubspotV3Headers({ method: 'POST', url, body, clientSecret: SECRET, timestamp: opts.timestamp ?? Date.now() }));
  return fetch(url, { method: 'POST', headers, body });
}

const signedHeaders = (timestamp: number) =>
  hubspotV3Headers({ method: 'POST', url: `${app.url}/webhooks/hubspot`, body: '[]', clientSecret: SECRET, timestamp });

/** Send only the request head (and no body bytes): the answer must not need the body. */
function sendHeadersOnly(headers: Record<string, string>): Promise<{ status: number; body: string; connection?: string }> {
  return new Promise((resolve, reject) => {
    const req = request(`${app.url}/webhooks/hubspot`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers } }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString('utf8')));
      res.on('end', () => {
        req.destroy();
        resolve({ status: res.statusCode ?? 0, body, connection: res.headers.connection });
      });
    });
    req.on('error', reject);
    req.flushHeaders(); // headers go out; the body never does
  });
}

const event = (i: number, extra: Record<string, unknown> = {}) => ({
  eventId: i, subscriptionId: 1, portalId: 62515, appId: 54321, occurredAt: 1_763_900_000_000 + i,
  subscriptionType: 'contact.creation', attemptNumber: 0, objectId: 1000 + i, changeSource: 'CRM_UI', ...extra,
});

describe('POST /webhooks/hubspot', () => {
  it('stores a signed batch before answering 200, and deduplicates a redelivery', async () => {
    const body = JSON.stringify([event(1), event(2)]);
    const res = await post(body);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ received: 2, stored: 2, duplicates: 0 });
    expect((await app.store.inboxStats()).pending).toBe(2);
    const again = await post(body);
    expect(await again.json()).toMatchObject({ received: 2, stored: 0, duplicates: 2 });
  });

  it('acknowledges unknown event kinds without storing them', async () => {
    const res = await post(JSON.stringify([event(3, { subscriptionType: 'ticket.creation' })]));
    expect(res.status).toBe(200);
    const body = (await res.json()) as { stored: number; ignored: { reason: string; kind: string; count: number }[] };
    expect(body.stored).toBe(0);
    expect(body.ignored).toEqual([{ reason: 'unknown_kind', kind: 'ticket.creation', count: 1 }]);
  });

  it.each([
    ['malformed JSON', '[{"eventId": 1,', 400],
    ['not an array', JSON.stringify({ eventId: 1 }), 400],
    ['an event without objectId', JSON.stringify([{ ...event(4), objectId: undefined }]), 400],
  ])('rejects %s with a specific 400', async (_name, body, status) => {
    const res = await post(body);
    expect(res.status).toBe(status);
    const json = (await res.json()) as { error: string; message: string };
    expect(json.error).toBe('PAYLOAD_INVALID');
    expect(json.message.length).toBeGreaterThan(10);
  });

  it('refuses an unsigned 9.5 MB post with 401 from its headers, without waiting for the body', async () => {
    const r = await sendHeadersOnly({ 'content-length': String(9.5 * 1024 * 1024) });
    expect(r.status).toBe(401);
    expect(r.body).toMatch(/missing X-HubSpot-Signature-v3/);
    expect(r.connection).toBe('close');
  });

  it('refuses a stale timestamp from the headers alone (401, body unread)', async () => {
    const r = await sendHeadersOnly({ 'content-length': '100', ...signedHeaders(Date.now() - 6 * 60_000) });
    expect(r.status).toBe(401);
    expect(r.body).toMatch(/stale/);
  });

  it('answers 413 to a declared length over the 1 MiB cap (a batch of 100 events), without reading it', async () => {
    const r = await sendHeadersOnly({ 'content-length': String(2 * 1024 * 1024), ...signedHeaders(Date.now()) });
    expect(r.status).toBe(413);
    expect(JSON.parse(r.body).error).toBe('PAYLOAD_TOO_LARGE');
  });

  it('answers 413 to a chunked body that grows past the cap', async () => {
    const url = `${app.url}/webhooks/hubspot`;
    const huge = Buffer.alloc(1024 * 1024 + 10, 0x20);
    const headers = { 'content-type': 'application/json', ...hubspotV3Headers({ method: 'POST', url, body: huge, clientSecret: SECRET, timestamp: Date.now() }) };
    const stream = new ReadableStream({
      start(c) {
        for (let i = 0; i < huge.length; i += 64 * 1024) c.enqueue(huge.subarray(i, i + 64 * 1024));
        c.close();
      },
    });
    const res = await fetch(url, { method: 'POST', headers, body: stream, duplex: 'half' } as RequestInit).catch((e: Error) => e);
    // Either the 413 arrives, or the server closed the socket mid-upload after sending it.
    if (res instanceof Error) expect(String(res.cause ?? res)).toMatch(/ECONNRESET|EPIPE|other side closed|socket/i);
    else expect(res.status).toBe(413);
  });

  it('rejects a stale signature (older than 5 minutes) with 401', async () => {
    const res = await post(JSON.stringify([event(5)]), { timestamp: Date.now() - 6 * 60_000 });
    expect(res.status).toBe(401);
  });

  it('answers health, readiness (waiting for HubSpot) and metrics', async () => {
    expect((await fetch(`${app.url}/healthz`)).status).toBe(200);
    const ready = await fetch(`${app.url}/readyz`);
    expect(ready.status).toBe(503);
    const body = (await ready.json()) as { waitingFor: string[] };
    expect(body.waitingFor.join(' ')).toContain('hubspot');
    const metrics = await (await fetch(`${app.url}/metrics`, { headers: { authorization: 'Bearer route-test-metrics-token' } })).text();
    // received counts every delivered event, redeliveries included (2 + the same 2 again)
    expect(metrics).toContain('lead_router_events_received_total{crm="hubspot",kind="contact.creation"} 4');
    expect(metrics).toContain('lead_router_events_ignored_total{crm="hubspot",reason="unknown_kind"} 1');
  });
});
