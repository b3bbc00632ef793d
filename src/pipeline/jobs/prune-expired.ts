// Retention job: deletes what the store no longer needs, in small batches, so storage stays
// bounded without ever blocking intake. Done inbox rows go once no CRM can redeliver them
// (they only serve deduplication); audit rows and superseded assignments after the audit
// period (default 180 days, the calibration window). Failed inbox rows, each lead's current
// assignment, routing state and the engagement ledger are kept. One pass runs at start and
// then every `intervalMs`; between batches the job sleeps `pauseMs`, so webhook appends and
// claims always get the database between two short deletes. Several processes on one
// PostgreSQL may run it side by side (the store skips rows another pass holds).
import type { Logger } from '../../logger.ts';
import type { Metrics } from '../../metrics/metrics.ts';
import type { PruneCounts, Store } from '../../store/types.ts';

const DAY_MS = 86_400_000;

export interface PruneExpiredOptions {
  /** Keep done inbox rows this long after receipt (env RETENTION_INBOX_DAYS). */
  inboxDays: number;
  /** Keep audit rows and superseded assignments this long (env RETENTION_AUDIT_DAYS). */
  auditDays: number;
  /** Rows per table per batch (one short transaction each). */
  batchSize: number;
  /** Sleep between two batches of one pass. */
  pauseMs: number;
  /** Time between passes. */
  intervalMs: number;
}

export const DEFAULT_PRUNE_OPTIONS: Omit<PruneExpiredOptions, 'inboxDays' | 'auditDays'> = {
  batchSize: 500,
  pauseMs: 20,
  intervalMs: 10 * 60_000,
};

export interface PruneExpiredDeps {
  store: Store;
  logger: Logger;
  metrics?: Metrics;
  now: () => number;
}

export interface PruneExpiredJob {
  /** First pass now, then one every intervalMs. */
  start(): void;
  /** Stop after the current batch; resolves when no pass is running. */
  stop(): Promise<void>;
  /** One full pass (batches until nothing expired is left); returns the rows deleted per table. */
  runOnce(): Promise<PruneCounts>;
}

export function createPruneExpiredJob(deps: PruneExpiredDeps, opts: Partial<PruneExpiredOptions> & Pick<PruneExpiredOptions, 'inboxDays' | 'auditDays'>): PruneExpiredJob {
  const o: PruneExpiredOptions = { ...DEFAULT_PRUNE_OPTIONS, ...opts };
  let started = false;
  let halted = false; // stop() asked: finish the current batch, start no other
  let timer: NodeJS.Timeout | null = null;
  let wakeSleep: (() => void) | null = null;
  let current: Promise<PruneCounts> | null = null;

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const t = setTimeout(done, ms);
      function done() {
        clearTimeout(t);
        wakeSleep = null;
        resolve();
      }
      wakeSleep = done;
    });

  async function pass(): Promise<PruneCounts> {
    const total: PruneCounts = { inbox: 0, audit: 0, assignments: 0 };
    const now = deps.now();
    const req = { doneInboxBefore: now - o.inboxDays * DAY_MS, historyBefore: now - o.auditDays * DAY_MS, limit: o.batchSize };
    let batches = 0;
    for (;;) {
      const n = await deps.store.pruneExpired(req);
      batches++;
      for (const table of ['inbox', 'audit', 'assignments'] as const) {
        total[table] += n[table];
        if (n[table] > 0) deps.metrics?.rowsPruned.inc({ table }, n[table]);
      }
      const more = n.inbox >= o.batchSize || n.audit >= o.batchSize || n.assignments >= o.batchSize;
      if (!more || halted) break;
      await sleep(o.pauseMs);
    }
    if (total.inbox + total.audit + total.assignments > 0) {
      deps.logger.info('pruned expired rows', { ...total, batches, inboxDays: o.inboxDays, auditDays: o.auditDays });
    }
    return total;
  }

  function runOnce(): Promise<PruneCounts> {
    current ??= pass().finally(() => {
      current = null;
    });
    return current;
  }

  function schedule(delayMs: number): void {
    if (halted) return;
    timer = setTimeout(() => {
      timer = null;
      runOnce()
        .catch((err: unknown) => {
          // Never crash the server over housekeeping: the next pass tries again.
          deps.logger.error('pruning expired rows failed; retrying at the next pass', { error: (err as Error).message });
        })
        .finally(() => schedule(o.intervalMs));
    }, delayMs);
    timer.unref();
  }

  return {
    start() {
      if (started) return;
      started = true;
      halted = false;
      schedule(0);
    },
    async stop() {
      started = false;
      halted = true;
      if (timer) clearTimeout(timer);
      timer = null;
      wakeSleep?.();
      await current?.catch(() => undefined);
    },
    runOnce,
  };
}
