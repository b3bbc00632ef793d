// What every CRM wiring gets from the composition root.
import type { Router } from 'express';
import type { CrmConnector } from '../crm/types.ts';
import type { LoadedConfig } from '../config/load.ts';
import type { AppEnv } from '../env.ts';
import type { Logger } from '../logger.ts';
import type { Metrics } from '../metrics/metrics.ts';
import type { SchedulerRegistry } from '../queue/index.ts';
import type { ReadinessCheck } from '../server/health-routes.ts';
import type { Store } from '../store/types.ts';

export interface SharedWiring {
  env: AppEnv;
  store: Store;
  schedulers: SchedulerRegistry;
  config: () => LoadedConfig;
  logger: Logger;
  now: () => number;
  metrics: Metrics;
  /** Start background jobs (property setup, webhook registration, reconciliation): the server
   *  does; one-shot CLI commands (backfill, install-properties) do not. */
  background: boolean;
  /** Register a cleanup to run when the app closes (timers of background jobs). */
  onClose: (fn: () => void) => void;
}

export interface CrmWiring {
  connector: CrmConnector;
  routers: Router[];
  checks: ReadinessCheck[];
}

/**
 * Run `task` in the background until it succeeds (an unreachable CRM is not a start failure),
 * with capped exponential backoff; `status()` feeds /readyz.
 */
export function retryInBackground(name: string, task: () => Promise<void>, logger: Logger, maxDelayMs = 60_000) {
  let state: { ok: boolean; detail: string } = { ok: false, detail: 'starting' };
  let attempt = 0;
  let timer: NodeJS.Timeout | null = null;
  const run = async () => {
    attempt++;
    try {
      await task();
      state = { ok: true, detail: 'done' };
    } catch (err) {
      const delay = Math.min(maxDelayMs, 1000 * 2 ** Math.min(attempt, 6));
      state = { ok: false, detail: `attempt ${attempt} failed: ${(err as Error).message}; retrying in ${Math.round(delay / 1000)} s` };
      logger.warn(`${name} failed; retrying`, { attempt, error: (err as Error).message });
      timer = setTimeout(run, delay);
      timer.unref();
    }
  };
  void run();
  return {
    status: () => state,
    stop: () => {
      if (timer) clearTimeout(timer);
    },
  };
}
