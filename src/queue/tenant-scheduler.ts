// Per-tenant scheduler: the MECHANISM that runs one tenant's (portal's / company's) CRM calls
// under its rate limits and carries out the retry policy (src/queue/retry-decision.ts).
//
// Per lane: a p-queue bounds calls in flight and orders them (retries jump ahead of fresh work),
// and a sliding log of start times (src/queue/sliding-window.ts) keeps every ROLLING window at
// or under the lane limit. Slot acquisition per lane is serialised, so waiters start in order
// and only one of them sleeps at a time. A pause (429, daily budget) holds every lane of this
// tenant and nobody else: other tenants have their own scheduler.
//
// With `deps.shared` (PostgreSQL store) every start is also taken from the tenant's shared log
// of starts (src/queue/shared-starts.ts) and pauses / holds are written there, so N processes
// together keep one limit per tenant; the local window still paces this process.
import PQueue from 'p-queue';
import { setTimeout as sleepFor } from 'node:timers/promises';
import { setMaxListeners } from 'node:events';
import type {
  Lane,
  LanePolicy,
  RateLimitObservation,
  SchedulerDeps,
  SchedulerEvent,
  SchedulerPolicy,
  SchedulerStats,
  TenantScheduler,
} from './types.ts';
import { createSlidingWindow, type SlidingWindow } from './sliding-window.ts';
import { classifyError, type ErrorClass } from './classify-error.ts';
import { decideRetry, rateLimitPauseMs } from './retry-decision.ts';
import { readObservation } from './read-observation.ts';
import { SchedulerClosedError } from './scheduler-closed-error.ts';
import { createSharedStarts, type SharedStarts } from './shared-starts.ts';

const RETRY_PRIORITY = 1;

interface LaneState {
  name: Lane;
  policy: LanePolicy;
  queue: PQueue;
  window: SlidingWindow;
  /** No new starts on this lane before this time (observed "remaining" ran low). */
  holdUntil: number;
  /** Tail of the slot-acquisition chain. */
  gate: Promise<void>;
  /** Calls waiting for a slot (sizes shared takes). */
  waiting: number;
  shared?: SharedStarts;
}

const noop = (): void => {};

async function defaultSleep(ms: number, signal?: AbortSignal): Promise<void> {
  await sleepFor(ms, undefined, { signal }).catch(noop);
}

export function createTenantScheduler(tenant: string, policy: SchedulerPolicy, deps: SchedulerDeps = {}): TenantScheduler {
  const now = deps.now ?? Date.now;
  const sleep = deps.sleep ?? defaultSleep;
  const random = deps.random ?? Math.random;
  const log = deps.logger?.child({ tenant });
  const lanes = new Map<Lane, LaneState>();
  for (const [name, lanePolicy] of Object.entries(policy.lanes) as [Lane, LanePolicy][]) {
    const window = createSlidingWindow({ limit: lanePolicy.limit, intervalMs: lanePolicy.intervalMs, spread: lanePolicy.spread ?? false });
    const policyNow = () => ({ limit: window.limit(), intervalMs: lanePolicy.intervalMs, spread: lanePolicy.spread ?? false });
    const onError = (err: unknown) => log?.warn('shared rate limit unavailable; retrying (no CRM call starts without it)', { lane: name, error: String(err) });
    const shared = deps.shared && createSharedStarts({ shared: deps.shared, tenant, lane: name, policy: policyNow, now, onError });
    const queue = new PQueue({ concurrency: lanePolicy.concurrency ?? lanePolicy.limit });
    lanes.set(name, { name, policy: lanePolicy, queue, window, holdUntil: 0, gate: Promise.resolve(), waiting: 0, ...(shared ? { shared } : {}) });
  }

  let pausedUntil = 0;
  let closed = false;
  const abort = new AbortController();
  // One listener per sleeping waiter (one per lane, plus calls backing off): not a leak.
  setMaxListeners(0, abort.signal);
  const outstanding = new Set<Promise<void>>();
  const counters = { running: 0, calls: 0, rateLimited: 0, retries: 0, failures: 0 };

  function emit(event: SchedulerEvent): void {
    if (!deps.onEvent) return;
    try {
      deps.onEvent(event);
    } catch (err) {
      log?.warn('scheduler onEvent listener threw; ignoring', { error: String(err) });
    }
  }

  /** Sleep that close() cuts short, even if the injected sleep ignores the signal. */
  function wait(ms: number): Promise<void> {
    if (closed) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const done = (): void => {
        abort.signal.removeEventListener('abort', done);
        resolve();
      };
      abort.signal.addEventListener('abort', done, { once: true });
      sleep(ms, abort.signal).then(done, done);
    });
  }

  /** Waits for this lane's turn and a free slot; resolves with the reserved start time. */
  function acquire(lane: LaneState): Promise<number> {
    lane.waiting++;
    const turn = lane.gate.then(() => waitForSlot(lane)).finally(() => lane.waiting--);
    lane.gate = turn.then(noop, noop);
    return turn;
  }

  async function waitForSlot(lane: LaneState): Promise<number> {
    for (;;) {
      if (closed) throw new SchedulerClosedError(tenant);
      const t = now();
      const delay = Math.max(pausedUntil - t, lane.holdUntil - t, lane.window.waitMs(t));
      if (delay <= 0) {
        const sharedWait = lane.shared ? await lane.shared.take(lane.waiting) : 0;
        if (sharedWait > 0) {
          await wait(sharedWait);
          continue;
        }
        if (closed) throw new SchedulerClosedError(tenant);
        const at = lane.shared ? now() : t;
        lane.window.record(at);
        return at;
      }
      // Re-check after waking: a 429 elsewhere may have extended the pause meanwhile.
      await wait(delay);
    }
  }

  function pauseTenant(until: number): void {
    pausedUntil = Math.max(pausedUntil, until);
    shareHold('*', until);
  }

  /** Tell the other processes (shared mode): a 429 or a low "remaining" holds them too. */
  function shareHold(lane: Lane | '*', until: number): void {
    if (!deps.shared) return;
    deps.shared.rateHold(tenant, lane, until).catch((err: unknown) => log?.warn('could not share a rate-limit hold', { lane, error: String(err) }));
  }

  async function execute<T>(lane: LaneState, fn: () => Promise<T>): Promise<T> {
    const submittedAt = now();
    const counts = { failures: 0, rateLimits: 0 };
    let lastError: unknown;
    for (let attempt = 1; ; attempt++) {
      const started = { at: -1 };
      try {
        const value = await lane.queue.add(
          async () => {
            const reservedAt = await acquire(lane);
            started.at = now();
            lane.window.restamp(reservedAt, started.at);
            counters.running++;
            counters.calls++;
            try {
              return await fn();
            } finally {
              counters.running--;
            }
          },
          { priority: attempt > 1 ? RETRY_PRIORITY : 0 },
        );
        emit({ type: 'call', tenant, lane: lane.name, outcome: 'ok', attempt, waitMs: started.at - submittedAt, durationMs: now() - started.at });
        return value;
      } catch (err) {
        if (started.at < 0) {
          // Never started: the scheduler was closed while this call waited (first try or retry).
          const closedErr = attempt > 1 ? new SchedulerClosedError(tenant, { cause: lastError }) : err;
          emit({ type: 'failure', tenant, lane: lane.name, attempts: attempt - 1, reason: 'closed', error: closedErr });
          throw closedErr;
        }
        lastError = err;
        const cls = classifyError(err);
        if (cls.kind === 'rate_limit') {
          counts.rateLimits++;
          counters.rateLimited++;
        } else if (cls.kind === 'retryable') {
          counts.failures++;
        }
        emit({
          type: 'call',
          tenant,
          lane: lane.name,
          outcome: outcomeOf(cls),
          ...(cls.status !== undefined ? { status: cls.status } : {}),
          attempt,
          waitMs: started.at - submittedAt,
          durationMs: now() - started.at,
        });
        if (cls.kind === 'rate_limit') {
          // The CRM says the tenant is over its limit: every lane waits, even if this call gives up.
          const pauseMs = rateLimitPauseMs(cls, policy.retry);
          pauseTenant(now() + pauseMs);
          emit({ type: 'rate_limited', tenant, lane: lane.name, policy: cls.policy, pausedUntil });
          log?.warn('CRM rate limit hit; pausing tenant', { lane: lane.name, policy: cls.policy, pauseMs });
        }
        const decision = decideRetry(cls, counts, policy.retry, random);
        if (decision.action === 'fail') {
          counters.failures++;
          emit({ type: 'failure', tenant, lane: lane.name, attempts: attempt, reason: decision.reason, error: err });
          log?.warn('CRM call failed', { lane: lane.name, attempts: attempt, reason: decision.reason, error: String(err) });
          throw err;
        }
        if (closed) {
          const closedErr = new SchedulerClosedError(tenant, { cause: err });
          emit({ type: 'failure', tenant, lane: lane.name, attempts: attempt, reason: 'closed', error: closedErr });
          throw closedErr;
        }
        counters.retries++;
        if (decision.action === 'pause') {
          emit({ type: 'retry', tenant, lane: lane.name, attempt, delayMs: decision.pauseMs, reason: 'rate_limit' });
          continue; // the slot gate waits out the pause
        }
        emit({ type: 'retry', tenant, lane: lane.name, attempt, delayMs: decision.delayMs, reason: 'retryable' });
        log?.debug('CRM call failed; backing off', { lane: lane.name, attempt, delayMs: decision.delayMs, error: String(err) });
        // Back off outside the p-queue so the slot goes to other work meanwhile.
        await wait(decision.delayMs);
      }
    }
  }

  function observe(obs: RateLimitObservation): void {
    const lane = lanes.get(obs.lane ?? 'default');
    if (!lane) return;
    const effect = readObservation(obs, lane.policy, now());
    if (effect.limit !== undefined && effect.limit !== lane.window.limit()) {
      const lowered = effect.limit < lane.window.limit();
      lane.window.setLimit(effect.limit);
      if (lowered) {
        emit({ type: 'throttled', tenant, lane: lane.name, reason: 'limit_lowered', limit: effect.limit });
        log?.info('CRM reports a lower rate limit than configured; lowering', { lane: lane.name, limit: effect.limit, configured: lane.policy.limit });
      }
    }
    if (effect.holdUntil !== undefined) {
      lane.holdUntil = Math.max(lane.holdUntil, effect.holdUntil);
      shareHold(lane.name, lane.holdUntil);
      emit({ type: 'throttled', tenant, lane: lane.name, reason: 'remaining_low', until: lane.holdUntil });
    }
    if (effect.pauseUntil !== undefined) {
      pauseTenant(effect.pauseUntil);
      emit({ type: 'throttled', tenant, lane: lane.name, reason: 'daily_exhausted', until: pausedUntil });
      log?.warn('CRM daily budget exhausted; pausing tenant until reset', { until: new Date(pausedUntil).toISOString() });
    }
  }

  return {
    tenant,
    run<T>(laneName: Lane, fn: () => Promise<T>): Promise<T> {
      if (closed) return Promise.reject(new SchedulerClosedError(tenant));
      const lane = lanes.get(laneName);
      if (!lane) {
        return Promise.reject(new TypeError(`Unknown lane \`${laneName}\` for tenant ${tenant}; expected one of: ${[...lanes.keys()].join(', ')}`));
      }
      const result = execute(lane, fn);
      const settled = result.then(noop, noop);
      outstanding.add(settled);
      void settled.then(() => outstanding.delete(settled));
      return result;
    },
    observe,
    stats(): SchedulerStats {
      const t = now();
      return {
        tenant,
        queued: outstanding.size - counters.running,
        running: counters.running,
        calls: counters.calls,
        rateLimited: counters.rateLimited,
        retries: counters.retries,
        failures: counters.failures,
        pausedUntil: pausedUntil > t ? pausedUntil : null,
      };
    },
    async close(): Promise<void> {
      if (!closed) {
        closed = true;
        abort.abort();
      }
      // Queued calls reject with SchedulerClosedError; calls already in flight finish.
      await Promise.all(outstanding);
      await Promise.all([...lanes.values()].map((lane) => lane.queue.onIdle()));
    },
  };
}

function outcomeOf(cls: ErrorClass): 'rate_limited' | 'retryable_error' | 'error' {
  if (cls.kind === 'rate_limit') return 'rate_limited';
  return cls.kind === 'retryable' ? 'retryable_error' : 'error';
}
