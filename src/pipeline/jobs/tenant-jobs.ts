// Background jobs per installed tenant (Pipedrive company): a setup retried until it succeeds
// (fields, webhook registration), periodic checks that start once setup succeeded (webhooks
// re-created when the CRM deleted them), and the periodic reconciliation. At most one set per
// tenant: a reinstall replaces it, an uninstall or shutdown stops it.
import type { Logger } from '../../logger.ts';
import type { TenantKey } from '../../store/types.ts';
import { retryInBackground } from './retry-in-background.ts';

export interface TenantJobSpec {
  /** For logs ("pipedrive setup pipedrive:42 failed; retrying"). */
  name: string;
  /** One-time setup, retried with backoff until it succeeds; its state feeds /readyz. */
  setup: () => Promise<void>;
  /** Started once setup succeeded (not after a stop meanwhile). */
  afterSetup?: { name: string; everyMs: number; run: () => Promise<unknown> }[];
  /** Started at once, stopped with the rest (e.g. startReconciler's handle). */
  alongside?: { stop(): void }[];
}

export interface TenantJobs {
  status(): { ok: boolean; detail: string };
  stop(): void;
}

function startTenantJobs(tenant: TenantKey, spec: TenantJobSpec, logger: Logger): TenantJobs {
  const timers: NodeJS.Timeout[] = [];
  let stopped = false;
  const setup = retryInBackground(
    spec.name,
    async () => {
      await spec.setup();
      if (stopped) return; // stopped (uninstalled) meanwhile
      for (const job of spec.afterSetup ?? []) {
        const timer = setInterval(() => {
          job.run().catch((err: Error) => logger.warn(`${job.name} failed`, { tenant, error: err.message }));
        }, job.everyMs);
        timer.unref();
        timers.push(timer);
      }
    },
    logger,
  );
  return {
    status: setup.status,
    stop() {
      stopped = true;
      setup.stop();
      for (const j of spec.alongside ?? []) j.stop();
      for (const t of timers) clearInterval(t);
    },
  };
}

export interface TenantJobRegistry {
  /** Start the tenant's jobs, replacing any running set. */
  start(tenant: TenantKey, spec: TenantJobSpec): TenantJobs;
  stop(tenant: TenantKey): void;
  stopAll(): void;
}

export function createTenantJobRegistry(logger: Logger): TenantJobRegistry {
  const jobs = new Map<TenantKey, TenantJobs>();
  return {
    start(tenant, spec) {
      jobs.get(tenant)?.stop();
      const started = startTenantJobs(tenant, spec, logger);
      jobs.set(tenant, started);
      return started;
    },
    stop(tenant) {
      jobs.get(tenant)?.stop();
      jobs.delete(tenant);
    },
    stopAll() {
      for (const j of jobs.values()) j.stop();
      jobs.clear();
    },
  };
}
