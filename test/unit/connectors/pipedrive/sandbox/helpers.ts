// Test helpers for the Pipedrive sandbox: a controllable clock, a local webhook receiver that
// records each delivery (one JSON body per POST) with its headers, and raw API calls.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import type { Lane, TenantScheduler } from '../../../../../src/queue/types.ts';
import { configSchema, type LeadRouterConfig } from '../../../../../src/config/schema.ts';

export function fakeClock(start = Date.UTC(2026, 10, 2, 9, 0, 0)) {
  let t = start;
  return { now: () => t, advance: (ms: number) => { t += ms; }, set: (ms: number) => { t = ms; } };
}

export interface Delivery {
  headers: Record<string, string | string[] | undefined>;
  body: { meta: Record<string, unknown>; data: Record<string, unknown> | null; previous: Record<string, unknown> | null };
  at: number;
}

export async function startReceiver(path = '/webhooks/pipedrive') {
  const deliveries: Delivery[] = [];
  let respond: (n: number, d: Delivery) => number | Promise<number> = () => 200;
  const app = express();
  app.post(path, express.raw({ type: '*/*' }), async (req, res) => {
    const d: Delivery = { headers: req.headers, body: JSON.parse((req.body as Buffer).toString('utf8')) as Delivery['body'], at: Date.now() };
    deliveries.push(d);
    res.status(await respond(deliveries.length, d)).end();
  });
  const server: Server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}${path}`,
    deliveries,
    /** Status for the n-th delivery (1-based). */
    respondWith(fn: (n: number, d: Delivery) => number | Promise<number>) { respond = fn; },
    close: () => new Promise<void>((resolve) => { server.close(() => resolve()); server.closeAllConnections(); }),
  };
}

export function caller(url: string, token: string) {
  return async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const res = await fetch(`${url}${path}`, {
      method,
      headers: { 'x-api-token': token, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    let json: Record<string, unknown> = {};
    try { json = JSON.parse(text) as Record<string, unknown>; } catch { /* HTML or empty */ }
    return { status: res.status, headers: res.headers, json, text };
  };
}

/** The trivial scheduler: runs each call at once, records what the connector observed. */
export function passThroughScheduler(tenant = 'pipedrive:8087566'): TenantScheduler {
  return {
    tenant,
    run<T>(_lane: Lane, fn: () => Promise<T>) { return fn(); },
    observe() {},
    stats: () => ({ tenant, queued: 0, running: 0, calls: 0, rateLimited: 0, retries: 0, failures: 0, pausedUntil: null }),
    close: async () => {},
  };
}

/** A config whose fields exist in the sandbox's default seed. */
export function sandboxConfig(): LeadRouterConfig {
  return configSchema.parse({
    version: 1,
    fields: {
      email: { pipedrive: 'emails' },
      postcode: { pipedrive: 'Postcode' },
      product_interest: { pipedrive: 'Product interest' },
      page_views: { pipedrive: 'Page views', type: 'number' },
      employees: { pipedrive: 'org.Employees', type: 'number' },
      country: { pipedrive: 'org.Country' },
      source: { pipedrive: 'lead.source_name' },
      origin: { pipedrive: 'lead.origin' },
    },
    scoring: {},
    tiers: { priority: [{ name: 'hot', min: 70 }, { name: 'warm', min: 40 }, { name: 'cold' }] },
    owners: [{ email: 'ben.novak@acme.test' }],
    routing: {},
  });
}
