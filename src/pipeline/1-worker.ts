// The pipeline loop: drains the durable inbox with one session per tenant (2-tenant-session.ts;
// several tenants in parallel) and turns due SLA timers into inbox rows. Woken by `notify()`
// right after a webhook is stored and whenever a session ends; polls as a safety net (and
// after a restart: the inbox is drained from wherever the last process stopped).
import type { PipelineDeps } from './deps.ts';
import { runTenantSession } from './2-tenant-session.ts';
import { createWakeup } from './support/wakeup.ts';
import { fireDueSlaTimers } from './jobs/fire-sla-timers.ts';

export interface WorkerOptions {
  /**
   * Coalescing window: a lead is sent to the CRM once no event about it arrived for this long
   * (its creation, property and association events come in separate webhook requests), and a
   * partial batch once its tenant is this quiet. Also the delay between a webhook and the wake-up.
   */
  batchWindowMs: number;
  /** While events keep arriving, a partial batch waits at most this long for more leads. */
  maxHoldMs: number;
  pollMs: number;
  timerPollMs: number;
  /** Tenants processed in parallel. */
  tenantConcurrency: number;
}

export const DEFAULT_WORKER_OPTIONS: WorkerOptions = {
  batchWindowMs: 100,
  maxHoldMs: 1000,
  pollMs: 1000,
  timerPollMs: 1000,
  tenantConcurrency: 8,
};

export interface Worker {
  start(): void;
  stop(): Promise<void>;
  notify(): void;
  /** Process until the inbox has nothing claimable (tests, CLI backfill). */
  drain(opts?: { timeoutMs?: number }): Promise<void>;
  /** Move due SLA timers into the inbox now. */
  fireTimers(): Promise<number>;
}

export function createWorker(deps: PipelineDeps, opts: Partial<WorkerOptions> = {}): Worker {
  const o = { ...DEFAULT_WORKER_OPTIONS, ...opts };
  const sessions = new Map<string, Promise<number>>();
  let running = false;
  let stopper = new AbortController();
  let loopWake = createWakeup(stopper.signal);
  let notifyTimer: NodeJS.Timeout | null = null;
  let loopDone: Promise<void> | null = null;
  let timerHandle: NodeJS.Timeout | null = null;
  let lastKick = { at: -Infinity, ms: 0 };

  const fireTimers = () => fireDueSlaTimers(deps);

  /** Start a session for every tenant with claimable work that has none yet; returns how many started. */
  async function kick(): Promise<number> {
    const started = performance.now();
    const tenants = await deps.store.inboxTenants(deps.now());
    lastKick = { at: performance.now(), ms: performance.now() - started };
    let count = 0;
    for (const t of tenants) {
      if (sessions.has(t)) continue;
      if (sessions.size >= o.tenantConcurrency) break;
      const session = runTenantSession(deps, t, { quietMs: o.batchWindowMs, maxHoldMs: o.maxHoldMs, signal: stopper.signal })
        .catch((err: unknown) => {
          deps.logger.error('tenant session crashed', { tenant: t, error: (err as Error).message });
          return 0;
        })
        .finally(() => {
          sessions.delete(t);
          loopWake.fire(); // the tenant may have new work, or another tenant may take the slot
        });
      sessions.set(t, session);
      count++;
    }
    return count;
  }

  /**
   * Looking for tenants scans every live inbox row (inboxTenants): with a backlog of 100k rows
   * that blocks the event loop that acknowledges webhooks for 50-150 ms (docs/benchmarks.md).
   * While sessions run (they claim their own tenant's rows themselves), other tenants are
   * looked for once per pollMs, and the scan never takes more than 1% of the time.
   */
  function msUntilKick(): number {
    if (sessions.size === 0) return 0;
    return lastKick.at + Math.max(o.pollMs, 100 * lastKick.ms) - performance.now();
  }

  async function loop(): Promise<void> {
    while (running) {
      try {
        if (msUntilKick() <= 0) await kick();
      } catch (err) {
        deps.logger.error('pipeline pass failed', { error: (err as Error).message });
      }
      if (!running) break;
      const until = msUntilKick();
      await loopWake.wait(until <= 0 ? o.pollMs : Math.ceil(until));
    }
  }

  return {
    start() {
      if (running) return;
      running = true;
      stopper = new AbortController();
      loopWake = createWakeup(stopper.signal);
      loopDone = loop();
      timerHandle = setInterval(() => {
        fireTimers()
          .then((n) => n && loopWake.fire())
          .catch((err) => deps.logger.error('SLA timer pass failed', { error: (err as Error).message }));
      }, o.timerPollMs);
      timerHandle.unref();
    },
    async stop() {
      running = false;
      if (timerHandle) clearInterval(timerHandle);
      if (notifyTimer) clearTimeout(notifyTimer);
      notifyTimer = null;
      stopper.abort();
      await loopDone;
      await Promise.all(sessions.values());
    },
    notify() {
      if (!running || notifyTimer) return;
      // Coalesce: let the rest of a burst land in the inbox before looking for work.
      notifyTimer = setTimeout(() => {
        notifyTimer = null;
        loopWake.fire();
      }, o.batchWindowMs);
      notifyTimer.unref();
    },
    async drain({ timeoutMs = 120_000 } = {}) {
      const deadline = Date.now() + timeoutMs;
      if (!running && stopper.signal.aborted) stopper = new AbortController(); // drain after stop()
      for (;;) {
        const started = await kick();
        await Promise.all(sessions.values());
        const stats = await deps.store.inboxStats();
        if (started === 0 && sessions.size === 0 && stats.pending === 0 && stats.processing === 0) return;
        if (Date.now() > deadline) throw new Error(`drain timed out with ${stats.pending} pending, ${stats.processing} processing`);
        if (started === 0) await new Promise((r) => setTimeout(r, 50));
      }
    },
    fireTimers,
  };
}
