// Delivers webhooks like Pipedrive (pipedrive.md §1.4, §1.5): one POST per event and webhook
// (no batching), HTTP Basic with the webhook's credentials, success = 2xx within 10 s; a failure
// is retried 3 more times after 3 s, 30 s and 150 s (× timeScale) with meta.attempt 2..4.
// First-attempt failures feed the ban counter; events for a banned webhook are lost; a webhook
// without a success for 3 days is deleted (webhook-registry.ts).
import type { Change } from './entity-store.ts';
import type { WebhookStats } from './types.ts';
import type { WebhookBody } from './webhook-events.ts';
import type { Webhook, WebhookRegistry } from './webhook-registry.ts';

export const RETRY_DELAYS_MS = [3_000, 30_000, 150_000]; // §1.4 "3 more times: after 3, 30 and 150 seconds"
export const DELIVERY_TIMEOUT_MS = 10_000; // §1.4 "no response within 10 s"

export interface WebhookDispatcherOptions {
  registry: WebhookRegistry;
  build: (change: Change, hook: Webhook, attempt: number) => WebhookBody;
  maySee: (change: Change, hook: Webhook) => boolean;
  timeScale: number;
  batchMs: number;
  timeoutMs: number;
  maxConcurrent: number;
}

export interface WebhookDispatcher {
  enqueue(change: Change): void;
  /** Sends what is gathered now; resolves once it and all earlier work is delivered, lost or given up. */
  flush(): Promise<void>;
  /** Resolves when nothing is gathered, queued, in flight or waiting for a retry. */
  idle(): Promise<void>;
  stats(): WebhookStats;
  close(): void;
}

interface Job { hookId: number; change: Change; attempt: number }

export function createWebhookDispatcher(opts: WebhookDispatcherOptions): WebhookDispatcher {
  const counts = { sent: 0, failed: 0, retried: 0, gaveUp: 0, eventsDelivered: 0, lostDuringBan: 0, bans: 0, notPermitted: 0 };
  let gathering: Change[] = [];
  let gatherTimer: NodeJS.Timeout | undefined;
  const ready: Job[] = [];
  const retryTimers = new Set<NodeJS.Timeout>();
  let inFlight = 0;
  let closed = false;
  const aborter = new AbortController();
  let idleWaiters: (() => void)[] = [];

  const pending = () => gathering.length + ready.length + inFlight + retryTimers.size;

  function settleIdle(): void {
    if (pending() > 0 || gatherTimer) return;
    const waiters = idleWaiters;
    idleWaiters = [];
    for (const resolve of waiters) resolve();
  }

  function cut(): void {
    if (gatherTimer) { clearTimeout(gatherTimer); gatherTimer = undefined; }
    const changes = gathering;
    gathering = [];
    opts.registry.sweep();
    for (const change of changes) {
      for (const hook of opts.registry.matching(change.entity, change.action)) {
        if (opts.maySee(change, hook)) ready.push({ hookId: hook.id, change, attempt: 1 });
        else counts.notPermitted++;
      }
    }
    pump();
  }

  function pump(): void {
    while (!closed && inFlight < opts.maxConcurrent && ready.length > 0) {
      const job = ready.shift() as Job;
      inFlight++;
      void deliver(job).finally(() => { inFlight--; pump(); });
    }
    settleIdle();
  }

  async function deliver(job: Job): Promise<void> {
    const hook = opts.registry.get(job.hookId);
    if (!hook) return; // deleted meanwhile
    if (opts.registry.isBanned(hook.id)) { counts.lostDuringBan++; return; } // §1.4 "the webhook's event message is lost"
    const status = await post(hook, opts.build(job.change, hook, job.attempt));
    const ok = status !== null && status >= 200 && status < 300;
    if (closed) return;
    if (opts.registry.recordAttempt(hook.id, job.attempt, ok, status)) counts.bans++;
    if (ok) { counts.eventsDelivered++; return; }
    counts.failed++;
    opts.registry.sweep();
    if (!opts.registry.get(hook.id)) return;
    const delay = RETRY_DELAYS_MS[job.attempt - 1];
    if (delay === undefined) { counts.gaveUp++; return; } // "counted as one non-successful delivery"
    const timer = setTimeout(() => {
      retryTimers.delete(timer);
      counts.retried++;
      ready.push({ ...job, attempt: job.attempt + 1 });
      pump();
    }, delay * opts.timeScale);
    retryTimers.add(timer);
  }

  async function post(hook: Webhook, body: WebhookBody): Promise<number | null> {
    counts.sent++;
    const headers: Record<string, string> = { 'content-type': 'application/json', 'user-agent': 'Pipedrive Webhooks (lead-router sandbox)' };
    if (hook.http_auth_user) {
      headers['authorization'] = `Basic ${Buffer.from(`${hook.http_auth_user}:${hook.http_auth_password ?? ''}`, 'utf8').toString('base64')}`;
    }
    try {
      const res = await fetch(hook.subscription_url, {
        method: 'POST', redirect: 'manual', headers, body: JSON.stringify(body),
        signal: AbortSignal.any([AbortSignal.timeout(opts.timeoutMs), aborter.signal]),
      });
      await res.arrayBuffer().catch(() => undefined);
      return res.status;
    } catch {
      return null; // connection failure or timeout: a failure like a non-2xx (§1.4)
    }
  }

  return {
    enqueue(change) {
      if (closed) return;
      gathering.push(change);
      if (!gatherTimer) gatherTimer = setTimeout(cut, opts.batchMs);
    },
    flush() {
      cut();
      return this.idle();
    },
    idle() {
      return new Promise<void>((resolve) => { idleWaiters.push(resolve); settleIdle(); });
    },
    stats: () => ({ ...counts, pendingEvents: pending(), webhooksRemoved: opts.registry.removedCount() }),
    close() {
      closed = true;
      aborter.abort();
      if (gatherTimer) clearTimeout(gatherTimer);
      gatherTimer = undefined;
      for (const t of retryTimers) clearTimeout(t);
      retryTimers.clear();
      gathering = [];
      ready.length = 0;
      const waiters = idleWaiters;
      idleWaiters = [];
      for (const resolve of waiters) resolve();
    },
  };
}
