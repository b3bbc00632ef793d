// Test helpers for the HubSpot sandbox: a controllable clock and a local webhook receiver that
// records raw bodies and headers (signatures are recomputed from the raw bytes in the tests).
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';

export function fakeClock(start = Date.UTC(2026, 10, 2, 9, 0, 0)) {
  let t = start;
  return { now: () => t, advance: (ms: number) => { t += ms; }, set: (ms: number) => { t = ms; } };
}

export interface ReceivedDelivery {
  headers: Record<string, string | string[] | undefined>;
  raw: string;
  events: Record<string, unknown>[];
  at: number;
}

export async function startReceiver(opts: { path?: string } = {}) {
  const deliveries: ReceivedDelivery[] = [];
  let respond: (n: number) => number | Promise<number> = () => 200;
  let inFlight = 0;
  let maxInFlight = 0;
  const app = express();
  const path = opts.path ?? '/webhooks/hubspot';
  app.post(path, express.raw({ type: '*/*' }), async (req, res) => {
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    const raw = (req.body as Buffer).toString('utf8');
    deliveries.push({ headers: req.headers, raw, events: JSON.parse(raw) as Record<string, unknown>[], at: Date.now() });
    const status = await respond(deliveries.length);
    inFlight--;
    res.status(status).end();
  });
  const server: Server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}${path}`;
  return {
    url,
    deliveries,
    events: () => deliveries.flatMap((d) => d.events),
    maxInFlight: () => maxInFlight,
    /** Status for the n-th delivery (1-based); may be async to hold requests open. */
    respondWith(fn: (n: number) => number | Promise<number>) { respond = fn; },
    close: () => new Promise<void>((resolve) => { server.close(() => resolve()); server.closeAllConnections(); }),
  };
}

export function bearer(token: string): Record<string, string> {
  return { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
}

/** Raw HTTP against a sandbox with its private-app token: status and parsed JSON body. */
export function sandboxCaller(target: () => { url: string; token: string }) {
  return async (method: string, path: string, body?: unknown) => {
    const { url, token } = target();
    const res = await fetch(`${url}${path}`, { method, headers: bearer(token), ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : undefined) as Record<string, any> };
  };
}
