// Connection-level load: `connections` HubSpot deliveries at once, each on its own new TCP
// connection (no keep-alive agent), as a sender that opens many connections at the same moment
// would. Per delivery: connect time (SYN to established: waits in the listen backlog show here)
// and ack time (request start to response end: what HubSpot's 5 s timeout measures).
// BENCH_DEBUG=1 prints every delivery slower than 4 s with its connect / sent / head times.
import { request } from 'node:http';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parentPort, workerData } from 'node:worker_threads';
import { signHubspotV3 } from '../../../connectors/hubspot/sandbox/sign.ts';

export interface ConnectionOptions {
  url: string;
  clientSecret: string;
  portalId: number;
  appId: number;
  contactIds: string[];
  connections: number;
  batchSize: number;
  seqStart: number;
}

export interface ConnectionResult {
  ackMs: number[];
  connectMs: number[];
  errors: number;
  firstError?: string;
  wallMs: number;
  /** The sender's own event-loop delay: a starved sender inflates its measured latencies. */
  clientLoopMaxMs: number;
}

function body(o: ConnectionOptions, k: number): string {
  const events = Array.from({ length: o.batchSize }, (_, j) => {
    const i = o.seqStart + k * o.batchSize + j;
    return {
      eventId: 5_000_000 + i, subscriptionId: 1_100_002, portalId: o.portalId, appId: o.appId, occurredAt: Date.now(), attemptNumber: 0,
      objectId: Number(o.contactIds[i % o.contactIds.length]), changeSource: 'CRM_UI', subscriptionType: 'contact.propertyChange',
      propertyName: 'jobtitle', propertyValue: 'CFO',
    };
  });
  return JSON.stringify(events);
}

function one(o: ConnectionOptions, payload: string): Promise<{ ackMs: number; connectMs: number; status: number; error?: string }> {
  const timestamp = Date.now();
  const headers = {
    'content-type': 'application/json',
    'content-length': String(Buffer.byteLength(payload)),
    'x-hubspot-signature-v3': signHubspotV3({ clientSecret: o.clientSecret, method: 'POST', url: o.url, body: payload, timestamp }),
    'x-hubspot-request-timestamp': String(timestamp),
  };
  return new Promise((resolve) => {
    const started = performance.now();
    let connectMs = NaN;
    let sentMs = NaN;
    const req = request(o.url, { method: 'POST', headers, agent: false }, (res) => {
      res.resume();
      const headMs = performance.now() - started;
      res.on('end', () => {
        const ackMs = performance.now() - started;
        if (process.env.BENCH_DEBUG && ackMs > 4000) console.error(`slow: connect ${connectMs.toFixed(0)} sent ${sentMs.toFixed(0)} head ${headMs.toFixed(0)} end ${ackMs.toFixed(0)}`);
        resolve({ ackMs, connectMs, status: res.statusCode ?? 0 });
      });
    });
    req.on('socket', (s) => s.once('connect', () => (connectMs = performance.now() - started)));
    req.on('finish', () => (sentMs = performance.now() - started));
    req.on('error', (err) => resolve({ ackMs: performance.now() - started, connectMs, status: 0, error: err.message }));
    req.end(payload);
  });
}

export async function runConnections(o: ConnectionOptions): Promise<ConnectionResult> {
  const payloads = Array.from({ length: o.connections }, (_, k) => body(o, k)); // built before timing
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  const started = performance.now();
  const results = await Promise.all(payloads.map((p) => one(o, p)));
  const wallMs = performance.now() - started;
  loop.disable();
  const bad = results.filter((r) => r.status !== 200);
  return {
    ackMs: results.map((r) => r.ackMs),
    connectMs: results.map((r) => r.connectMs).filter((x) => Number.isFinite(x)),
    errors: bad.length,
    ...(bad[0] ? { firstError: bad[0].error ?? `HTTP ${bad[0].status}` } : {}),
    wallMs,
    clientLoopMaxMs: loop.max / 1e6,
  };
}

// Thread entry: the sender gets its own event loop, so its work is not counted as the app's.
if (parentPort && (workerData as { connectionClient?: boolean } | null)?.connectionClient) {
  const { options } = workerData as { options: ConnectionOptions };
  runConnections(options).then(
    (result) => parentPort!.postMessage({ ok: true, result }),
    (err: Error) => parentPort!.postMessage({ ok: false, error: err.stack ?? err.message }),
  );
}
