// The webhook route's defences that do not depend on the CRM: a Pipedrive flood without
// credentials is refused from its headers (no body read), a body over the Pipedrive cap is 413,
// and when every read slot is held (slow senders) a delivery gets 503 + Retry-After instead of
// queueing forever; a freed slot serves the next one.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Server } from 'node:http';
import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { basicAuthHeader } from '../../../connectors/pipedrive/basic-auth.ts';
import { createPipedriveConnector } from '../../../connectors/pipedrive/connector.ts';
import { createSilentLogger } from '../../../src/logger.ts';
import { createApp } from '../../../src/server/app.ts';
import { createReadGate } from '../../../src/server/read-gate.ts';
import { createWebhookRouter } from '../../../src/server/webhook-route.ts';
import { createStore } from '../../../src/store/create-store.ts';
import type { Store } from '../../../src/store/types.ts';
import { recordingScheduler, testConfig } from '../../unit/connectors/pipedrive/fixtures.ts';

const AUTH = basicAuthHeader('hook', 'hook-pw-0123456789');
let server: Server;
let base: string;
let store: Store;

beforeAll(async () => {
  store = createStore(join(mkdtempSync(join(tmpdir(), 'lr-gate-')), 'db.sqlite'));
  await store.migrate();
  const connector = createPipedriveConnector({
    mode: 'api_token', token: 't', apiBase: 'http://127.0.0.1:9', companyId: '777', webhookUser: 'hook', webhookPassword: 'hook-pw-0123456789',
    config: testConfig(), schedulers: { get: (t: string) => recordingScheduler(t) },
  });
  const router = createWebhookRouter('/webhooks/pipedrive', {
    connector, store, logger: createSilentLogger(), now: Date.now,
    readGate: createReadGate({ slots: 1, maxWaitMs: 100, maxWaiting: 10 }),
  });
  const app = createApp({ logger: createSilentLogger(), routers: [router] });
  server = await new Promise<Server>((r) => { const s = app.listen(0, '127.0.0.1', () => r(s)); });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
  await store.close();
});

/** Send the head and `partial` body bytes only; resolves with the answer (or when held). */
function open(headers: Record<string, string>, partial = '') {
  let answered: (v: { status: number; retryAfter?: string; body: string }) => void = () => {};
  const answer = new Promise<{ status: number; retryAfter?: string; body: string }>((r) => (answered = r));
  const req = request(`${base}/webhooks/pipedrive`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers } }, (res) => {
    let body = '';
    res.on('data', (c: Buffer) => (body += c.toString()));
    res.on('end', () => answered({ status: res.statusCode ?? 0, retryAfter: res.headers['retry-after'], body }));
  });
  req.on('error', () => {});
  req.flushHeaders();
  if (partial) req.write(partial);
  return { answer, req };
}

const event = JSON.stringify({
  meta: { action: 'create', entity: 'person', entity_id: '8', id: 'evt-1', company_id: '777', timestamp: '2026-11-20T10:00:00Z', version: '2.0', change_source: 'app' },
  data: { id: 8, name: 'Ann' }, previous: null,
});

describe('webhook route body defences (Pipedrive)', () => {
  it('refuses wrong or missing Basic credentials with 401 before any body byte arrives', async () => {
    const none = open({ 'content-length': String(9.5 * 1024 * 1024) });
    expect((await none.answer).status).toBe(401);
    const wrong = open({ 'content-length': '1000', authorization: basicAuthHeader('hook', 'guess') });
    const r = await wrong.answer;
    expect(r.status).toBe(401);
    expect(r.body).toMatch(/credentials do not match/);
  });

  it('answers 413 to an authenticated body over the Pipedrive cap (one v2 event)', async () => {
    const r = await open({ authorization: AUTH, 'content-length': String(600 * 1024) }).answer;
    expect(r.status).toBe(413);
  });

  it('answers 503 + Retry-After while every read slot is held, and serves the next delivery once one frees', async () => {
    const slow = open({ authorization: AUTH, 'content-length': String(event.length) }, event.slice(0, 10)); // holds the only slot
    await new Promise((r) => setTimeout(r, 50));
    const busy = await open({ authorization: AUTH, 'content-length': String(event.length) }, event).answer;
    expect(busy.status).toBe(503);
    expect(busy.retryAfter).toBe('1');
    expect(JSON.parse(busy.body).error).toBe('BUSY');
    slow.req.end(event.slice(10)); // the slow sender finishes: stored, slot released
    expect((await slow.answer).status).toBe(200);
    const next = open({ authorization: AUTH, 'content-length': String(event.length) });
    next.req.end(event.replace('evt-1', 'evt-2'));
    expect((await next.answer).status).toBe(200);
    expect((await store.inboxStats()).pending).toBe(2);
  });
});
