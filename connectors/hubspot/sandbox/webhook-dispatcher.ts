// Delivers webhook events like HubSpot (shared/reference/hubspot.md §1.3–1.4, §2):
// JSON arrays of at most 100 events, v3 + v1 signatures, at most `maxConcurrent` requests in
// flight, retried on connection failure, > 5 s or any non-2xx, up to 10 times with growing,
// randomised delays; attemptNumber counts from 0.
import { signHubspotV1, signHubspotV3 } from './sign.ts';
import type { WebhookStats } from './types.ts';
import type { WebhookEvent } from './webhook-events.ts';

export const MAX_EVENTS_PER_BATCH = 100; // §1.3 "Each request can contain up to 100 events"
export const DELIVERY_TIMEOUT_MS = 5_000; // §1.4 "the response takes longer than 5 seconds"
export const MAX_RETRIES = 10; // §1.4 "up to 10 retries, spread over the next 24 h"
// §1.4 gives no schedule. 1 min doubling with ±50 % jitter spreads 10 retries over ~17 h on average.
const FIRST_RETRY_DELAY_MS = 60_000;

export interface WebhookDispatcherOptions {
  clientSecret: string;
  getUrl: () => string | undefined;
  now: () => number;
  batchMs: number;
  maxConcurrent: number;
  timeScale: number;
  random?: () => number;
}

export interface WebhookDispatcher {
  enqueue(events: WebhookEvent[]): void;
  /** Sends everything gathered now; resolves once it (and all earlier work) is delivered or given up. */
  flush(): Promise<void>;
  /** Resolves when nothing is queued, in flight or waiting for a retry. */
  idle(): Promise<void>;
  stats(): WebhookStats;
  close(): void;
}

interface Batch { events: WebhookEvent[]; attempt: number }

export function retryDelayMs(retryNumber: number, random: () => number): number {
  return FIRST_RETRY_DELAY_MS * 2 ** (retryNumber - 1) * (0.5 + random());
}

export function createWebhookDispatcher(opts: WebhookDispatcherOptions): WebhookDispatcher {
  const random = opts.random ?? Math.random;
  const counts = { sent: 0, failed: 0, retried: 0, gaveUp: 0, eventsDelivered: 0, dropped: 0 };
  let gathering: WebhookEvent[] = [];
  let gatherTimer: NodeJS.Timeout | undefined;
  const ready: Batch[] = [];
  const retryTimers = new Set<NodeJS.Timeout>();
  let waitingRetry = 0; // events in batches awaiting a retry timer
  let inFlight = 0;
  let inFlightEvents = 0;
  let closed = false;
  const aborter = new AbortController();
  let idleWaiters: (() => void)[] = [];

  const pendingEvents = (): number =>
    gathering.length + ready.reduce((n, b) => n + b.events.length, 0) + inFlightEvents + waitingRetry;

  function settleIdle(): void {
    if (pendingEvents() > 0 || inFlight > 0 || gatherTimer) return;
    const waiters = idleWaiters;
    idleWaiters = [];
    for (const resolve of waiters) resolve();
  }

  function cut(): void {
    if (gatherTimer) { clearTimeout(gatherTimer); gatherTimer = undefined; }
    while (gathering.length > 0) ready.push({ events: gathering.splice(0, MAX_EVENTS_PER_BATCH), attempt: 0 });
    pump();
  }

  function pump(): void {
    while (!closed && inFlight < opts.maxConcurrent && ready.length > 0) {
      const batch = ready.shift() as Batch;
      inFlight++;
      inFlightEvents += batch.events.length;
      void deliver(batch).finally(() => {
        inFlight--;
        inFlightEvents -= batch.events.length;
        pump();
        settleIdle();
      });
    }
    settleIdle();
  }

  async function deliver(batch: Batch): Promise<void> {
    const url = opts.getUrl();
    const ok = url !== undefined && (await post(url, batch));
    if (ok) { counts.eventsDelivered += batch.events.length; return; }
    if (closed) return;
    if (batch.attempt >= MAX_RETRIES) { counts.gaveUp++; return; }
    const delay = retryDelayMs(batch.attempt + 1, random) * opts.timeScale;
    waitingRetry += batch.events.length;
    const timer = setTimeout(() => {
      retryTimers.delete(timer);
      waitingRetry -= batch.events.length;
      counts.retried++;
      ready.push({ events: batch.events, attempt: batch.attempt + 1 });
      pump();
    }, delay);
    retryTimers.add(timer);
  }

  async function post(url: string, batch: Batch): Promise<boolean> {
    const body = JSON.stringify(batch.events.map((e) => ({ ...e, attemptNumber: batch.attempt })));
    const timestamp = opts.now();
    counts.sent++;
    try {
      const res = await fetch(url, {
        method: 'POST',
        redirect: 'manual',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'HubSpot Connect 2.0 (http://dev.hubspot.com/) - lead-router sandbox',
          'x-hubspot-signature-v3': signHubspotV3({ clientSecret: opts.clientSecret, method: 'POST', url, body, timestamp }),
          'x-hubspot-request-timestamp': String(timestamp),
          'x-hubspot-signature': signHubspotV1(opts.clientSecret, body),
          'x-hubspot-signature-version': 'v1',
        },
        body,
        signal: AbortSignal.any([AbortSignal.timeout(DELIVERY_TIMEOUT_MS), aborter.signal]),
      });
      await res.arrayBuffer().catch(() => undefined);
      if (res.status >= 200 && res.status < 300) return true;
    } catch {
      // connection failure or timeout: retried like a non-2xx (§1.4)
    }
    counts.failed++;
    return false;
  }

  return {
    enqueue(events) {
      if (closed || events.length === 0) return;
      if (opts.getUrl() === undefined) { counts.dropped += events.length; return; }
      gathering.push(...events);
      if (!gatherTimer) gatherTimer = setTimeout(cut, opts.batchMs);
    },
    flush() {
      cut();
      return this.idle();
    },
    idle() {
      return new Promise<void>((resolve) => {
        idleWaiters.push(resolve);
        settleIdle();
      });
    },
    stats: () => ({ ...counts, pendingEvents: pendingEvents() }),
    close() {
      closed = true;
      aborter.abort();
      if (gatherTimer) clearTimeout(gatherTimer);
      gatherTimer = undefined;
      for (const t of retryTimers) clearTimeout(t);
      retryTimers.clear();
      gathering = [];
      ready.length = 0;
      waitingRetry = 0;
      const waiters = idleWaiters;
      idleWaiters = [];
      for (const resolve of waiters) resolve();
    },
  };
}
