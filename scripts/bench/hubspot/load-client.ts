// The load generator of the ingestion benchmark: plays HubSpot's webhook sender. Batches of
// `batchSize` events (HubSpot: up to 100 per request, §1.3), `concurrency` requests in flight
// (HubSpot's default: 10 per account, §1.3), each body v3- and v1-signed at send time exactly
// as the sandbox signs its own deliveries (§2.2). Latency = request start to response end.
import { signHubspotV1, signHubspotV3 } from '../../../connectors/hubspot/sandbox/sign.ts';

export interface LoadOptions {
  url: string;
  clientSecret: string;
  portalId: number;
  appId: number;
  /** Contact ids the events are about (they exist in the sandbox: the worker does real work). */
  contactIds: string[];
  batchSize: number;
  concurrency: number;
  requests: number;
  warmupRequests: number;
  /** Paced (open loop): start requests at this many events/s, at most `concurrency` in flight. Unset: as fast as acknowledged. */
  eventsPerS?: number;
}

export interface LoadResult {
  events: number;
  requests: number;
  wallMs: number;
  latenciesMs: number[];
  errors: number;
  firstError?: string;
}

const PROPERTIES: [string, (i: number) => string][] = [
  ['email', (i) => `lead${i}@bench.example.com`],
  ['jobtitle', (i) => ['CFO', 'IT Manager', 'Head of IT', 'Data Analyst'][i % 4]!],
  ['country', (i) => ['CZ', 'DE', 'US', 'GB'][i % 4]!],
  ['zip', (i) => String(11000 + (i % 900))],
];

/** What HubSpot sends for a contact created in the UI: creation, then one propertyChange per set property. */
function eventsFor(opts: LoadOptions, seq: { next: number }, n: number): object[] {
  const out: object[] = [];
  for (let k = 0; k < n; k++) {
    const i = seq.next++;
    const contact = Math.floor(i / (PROPERTIES.length + 1));
    const objectId = Number(opts.contactIds[contact % opts.contactIds.length]);
    const slot = i % (PROPERTIES.length + 1);
    const base = {
      eventId: 1_000_000 + i,
      portalId: opts.portalId,
      appId: opts.appId,
      occurredAt: Date.now(),
      attemptNumber: 0,
      objectId,
      changeSource: 'CRM_UI',
      sourceId: 'userId:9100001',
    };
    if (slot === 0) out.push({ ...base, subscriptionId: 1_100_001, subscriptionType: 'contact.creation', changeFlag: 'NEW' });
    else {
      const [name, value] = PROPERTIES[slot - 1]!;
      out.push({ ...base, subscriptionId: 1_100_001 + slot, subscriptionType: 'contact.propertyChange', propertyName: name, propertyValue: value(i) });
    }
  }
  return out;
}

async function send(opts: LoadOptions, body: string): Promise<{ ms: number; status: number; text: string }> {
  const timestamp = Date.now();
  const started = performance.now();
  const res = await fetch(opts.url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-hubspot-signature-v3': signHubspotV3({ clientSecret: opts.clientSecret, method: 'POST', url: opts.url, body, timestamp }),
      'x-hubspot-request-timestamp': String(timestamp),
      'x-hubspot-signature': signHubspotV1(opts.clientSecret, body),
      'x-hubspot-signature-version': 'v1',
    },
    body,
  });
  const text = await res.text();
  return { ms: performance.now() - started, status: res.status, text };
}

async function phase(opts: LoadOptions, seq: { next: number }, requests: number, paced: boolean): Promise<LoadResult> {
  const latenciesMs: number[] = [];
  let errors = 0;
  let firstError: string | undefined;
  let issued = 0;
  const started = performance.now();
  const intervalMs = paced && opts.eventsPerS ? (opts.batchSize / opts.eventsPerS) * 1000 : 0;
  const lane = async () => {
    while (issued < requests) {
      const k = issued++;
      // Paced: request k starts at its slot on the schedule (or as soon as a lane is free).
      const wait = started + k * intervalMs - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      // Built just before sending (not timed): the sender's cost is not the app's.
      const body = JSON.stringify(eventsFor(opts, seq, opts.batchSize));
      // A connection the server dropped (or refused) counts as an error, not the end of the run.
      const r = await send(opts, body).catch((err: Error) => ({ ms: NaN, status: 0, text: `${err.message}: ${String((err.cause as Error | undefined)?.message ?? '')}` }));
      if (Number.isNaN(r.ms)) {
        errors++;
        firstError ??= r.text;
        continue;
      }
      latenciesMs.push(r.ms);
      if (r.status !== 200) {
        errors++;
        firstError ??= `${r.status} ${r.text.slice(0, 200)}`;
      }
    }
  };
  await Promise.all(Array.from({ length: opts.concurrency }, lane));
  const wallMs = performance.now() - started;
  return { events: requests * opts.batchSize, requests, wallMs, latenciesMs, errors, ...(firstError ? { firstError } : {}) };
}

/** Warm-up (not reported), then the measured phase. */
export async function runLoad(opts: LoadOptions, seqStart = 0): Promise<LoadResult> {
  const seq = { next: seqStart };
  if (opts.warmupRequests > 0) await phase(opts, seq, opts.warmupRequests, false);
  return phase(opts, seq, opts.requests, true);
}
