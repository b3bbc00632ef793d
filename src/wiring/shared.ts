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
  /** The config deciding a tenant's leads (its active version, else the file); no tenant: the file. */
  config: (tenant?: string) => LoadedConfig;
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
