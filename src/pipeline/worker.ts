// The pipeline loop: drains the durable inbox tenant by tenant (one round per tenant at a time,
// several tenants in parallel) and turns due SLA timers into inbox rows. Woken by `notify()`
// right after a webhook is stored; polls as a safety net (and after a restart: the inbox is
// drained from wherever the last process stopped).
import type { PipelineDeps } from './deps.ts';
import { INTERNAL_SOURCE, processTenant } from './process-tenant.ts';

export interface WorkerOptions {
  /** Wait this long after the first event before claiming, so events coalesce into batches. */
  batchWindowMs: number;
  pollMs: number;
  timerPollMs: number;
  /** Tenants processed in parallel. */
  tenantConcurrency: number;
}

export const DEFAULT_WORKER_OPTIONS: WorkerOptions = {
  batchWindowMs: 100,
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
  const busy = new Set<string>();
  let running = false;
  let wake: (() => void) | null = null;
  let loopDone: Promise<void> | null = null;
  let timerHandle: NodeJS.Timeout | null = null;

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const t = setTimeout(() => {
        wake = null;
        resolve();
      }, ms);
      wake = () => {
        clearTimeout(t);
        wake = null;
        resolve();
      };
    });

  async function fireTimers(): Promise<number> {
    const now = deps.now();
    const due = await deps.store.claimDueTimers(now, 500);
    if (!due.length) return 0;
    await deps.store.inboxAppend(
      due.map((t) => ({
        tenant: t.tenant,
        source: INTERNAL_SOURCE,
        dedupeKey: `sla:${t.leadId}:${String(t.payload.round ?? 0)}`,
        kind: 'sla.breach',
        objectId: t.leadId,
        occurredAt: t.dueAt,
        payload: t.payload,
      })),
      now,
    );
    deps.logger.info('SLA deadlines passed', { count: due.length });
    return due.length;
  }

  /** One pass over all tenants with work; resolves when each started round finished. */
  async function pass(): Promise<number> {
    const tenants = (await deps.store.inboxTenants(deps.now())).filter((t) => !busy.has(t));
    let handled = 0;
    let i = 0;
    const runOne = async () => {
      while (i < tenants.length) {
        const t = tenants[i++]!;
        busy.add(t);
        try {
          handled += await processTenant(deps, t);
        } catch (err) {
          deps.logger.error('tenant round crashed', { tenant: t, error: (err as Error).message });
        } finally {
          busy.delete(t);
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(o.tenantConcurrency, tenants.length) }, runOne));
    return handled;
  }

  async function loop(): Promise<void> {
    while (running) {
      let handled = 0;
      try {
        handled = await pass();
      } catch (err) {
        deps.logger.error('pipeline pass failed', { error: (err as Error).message });
      }
      if (!running) break;
      if (handled === 0) await sleep(o.pollMs);
    }
  }

  return {
    start() {
      if (running) return;
      running = true;
      loopDone = loop();
      timerHandle = setInterval(() => {
        fireTimers()
          .then((n) => n && wake?.())
          .catch((err) => deps.logger.error('SLA timer pass failed', { error: (err as Error).message }));
      }, o.timerPollMs);
      timerHandle.unref();
    },
    async stop() {
      running = false;
      if (timerHandle) clearInterval(timerHandle);
      wake?.();
      await loopDone;
    },
    notify() {
      if (!wake) return;
      const w = wake;
      // Coalesce: let the rest of a burst land in the inbox before claiming.
      setTimeout(() => w(), o.batchWindowMs).unref();
    },
    async drain({ timeoutMs = 120_000 } = {}) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const handled = await pass();
        const stats = await deps.store.inboxStats();
        if (handled === 0 && stats.pending === 0 && stats.processing === 0) return;
        if (Date.now() > deadline) throw new Error(`drain timed out with ${stats.pending} pending, ${stats.processing} processing`);
        if (handled === 0) await new Promise((r) => setTimeout(r, 50));
      }
    },
    fireTimers,
  };
}
