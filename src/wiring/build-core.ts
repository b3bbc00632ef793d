// Everything but the HTTP server, built once per process (and once more in the pipeline
// thread, LEAD_ROUTER_PIPELINE=thread): env -> config -> store -> schedulers -> connectors.
// Concrete pieces are wired together only here, in src/main.ts and in src/wiring.
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Router } from 'express';
import type { CrmConnector } from '../crm/types.ts';
import { loadConfig, resolveConfigPath, type LoadedConfig } from '../config/index.ts';
import type { AppEnv } from '../env.ts';
import { createLogger, type Logger } from '../logger.ts';
import { createMetrics, type Metrics } from '../metrics/metrics.ts';
import { recordSchedulerEvents } from '../metrics/scheduler-metrics.ts';
import { createTenantHealth, type TenantHealth } from '../metrics/tenant-health.ts';
import { DEFAULT_PIPELINE_OPTIONS, type PipelineDeps, type PipelineOptions } from '../pipeline/deps.ts';
import { createOwnerDirectoryCache } from '../pipeline/support/owner-directory.ts';
import { createSchedulerRegistry, type SchedulerRegistry } from '../queue/index.ts';
import type { ReadinessCheck } from '../server/health-routes.ts';
import { createStore } from '../store/create-store.ts';
import type { SqliteOptions } from '../store/sqlite/open-sqlite-db.ts';
import type { CrmKind, Store } from '../store/types.ts';
import { createTenantConfigs } from '../tenants/tenant-configs.ts';
import { wireHubspot } from './hubspot.ts';
import { wirePipedrive } from './pipedrive.ts';
import { schedulerPolicyFor } from './policies.ts';

/** Scheduler overrides (benchmarks, tests). */
export type RateLimitOverride = { limit?: number; intervalMs?: number; baseDelayMs?: number; burstPauseMs?: number };

export interface Core {
  env: AppEnv;
  logger: Logger;
  now: () => number;
  store: Store;
  metrics: Metrics;
  tenantHealth: TenantHealth;
  schedulers: SchedulerRegistry;
  /** The config file, or with a tenant the config deciding that tenant's leads. */
  config: (tenant?: string) => LoadedConfig;
  setConfig(next: LoadedConfig): void;
  /** Read the active config versions now (after a publish in this process), not at the next poll. */
  refreshConfigs(): Promise<void>;
  /** Called when a poll loaded or dropped a tenant's version (the server tells its pipeline thread). */
  onConfigsChanged(fn: () => void): void;
  connectors: Partial<Record<CrmKind, CrmConnector>>;
  routers: Router[];
  checks: ReadinessCheck[];
  workerId: string;
  pipelineDeps(options?: Partial<PipelineOptions>): PipelineDeps;
  close(): Promise<void>;
}

/**
 * Everything but the HTTP server: store, schedulers, connectors. The server
 * (`startApp`) and one-shot CLI commands (backfill, install-properties) share it; only the
 * server starts background jobs and releases stale leases.
 */
export async function buildCore(opts: {
  env: AppEnv;
  cwd?: string;
  logger?: Logger;
  now?: () => number;
  background: boolean;
  /** Poll for published config versions (default: as background; the pipeline thread polls without background jobs). */
  pollConfigs?: boolean;
  /** Process metrics (CPU, memory, event loop); the pipeline thread leaves them to the server's registry. */
  defaultMetrics?: boolean;
  configFlag?: string;
  rateLimitOverride?: RateLimitOverride;
  /** SQLite connection settings (the pipeline thread's: NORMAL sync, yields to intake writes). */
  sqlite?: SqliteOptions;
}): Promise<Core> {
  const { env } = opts;
  const now = opts.now ?? Date.now;
  const logger = opts.logger ?? createLogger({ level: env.logLevel });
  const configPath = resolveConfigPath({ flag: opts.configFlag, env: env.configPath, cwd: opts.cwd ?? process.cwd() });
  let loaded = loadConfig(configPath);

  const store = createStore(env.databaseUrl, opts.sqlite ? { sqlite: opts.sqlite } : {});
  await store.migrate();
  // Per tenant: its active stored version, else the file (src/tenants/tenant-configs.ts).
  let configsChanged = (): void => {};
  const tenantConfigs = createTenantConfigs({ store, file: () => loaded, logger, onChange: () => configsChanged() });
  await tenantConfigs.refresh();
  if (opts.pollConfigs ?? opts.background) tenantConfigs.start();
  const config = (tenant?: string) => tenantConfigs.get(tenant);
  const workerId = `${hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`;

  let schedulers: SchedulerRegistry | null = null;
  const tenantHealth = createTenantHealth(now);
  const metrics = createMetrics({
    defaultMetrics: opts.defaultMetrics ?? true,
    queueDepth: () => (schedulers?.all() ?? []).map((s) => ({ tenant: s.tenant, depth: s.stats().queued })),
    degradedTenants: () => tenantHealth.degraded(),
  });
  // PostgreSQL: N processes keep one rate limit per tenant through the store (docs/architecture.md
  // "Rate limits and retries"). SQLite: one process owns the file; its schedulers are the limit.
  const recordMetrics = recordSchedulerEvents(metrics, undefined, now);
  schedulers = createSchedulerRegistry((tenant) => schedulerPolicyFor(tenant, env, opts.rateLimitOverride), {
    now,
    logger,
    onEvent: (event) => {
      recordMetrics(event);
      tenantHealth.record(event); // CRM errors, 401 / 403, outages: per-tenant health for /readyz
    },
    ...(store.kind === 'postgres' ? { shared: store } : {}),
  });

  const connectors: Partial<Record<CrmKind, CrmConnector>> = {};
  const routers: Router[] = [];
  const checks: ReadinessCheck[] = [{ name: 'config', check: async () => ({ ok: true, detail: `${loaded.file} (${loaded.hash.slice(0, 12)})` }) }];
  const disposers: (() => void)[] = [() => tenantConfigs.stop()];

  const shared = { env, store, schedulers, config, logger, now, metrics, background: opts.background, onClose: (fn: () => void) => disposers.push(fn) };
  if (env.hubspot) {
    const hs = await wireHubspot(shared, env.hubspot);
    connectors.hubspot = hs.connector;
    routers.push(...hs.routers);
    checks.push(...hs.checks);
  }
  if (env.pipedrive) {
    const pd = await wirePipedrive(shared, env.pipedrive);
    connectors.pipedrive = pd.connector;
    routers.push(...pd.routers);
    checks.push(...pd.checks);
  }
  const owners = createOwnerDirectoryCache({ now });
  const sched = schedulers;
  return {
    env,
    logger,
    now,
    store,
    metrics,
    tenantHealth,
    schedulers: sched,
    config,
    refreshConfigs: () => tenantConfigs.refresh(),
    onConfigsChanged: (fn) => {
      configsChanged = fn;
    },
    setConfig: (next) => {
      loaded = next;
    },
    connectors,
    routers,
    checks,
    workerId,
    pipelineDeps: (options = {}) => ({
      store,
      connectors,
        config,
      owners,
      metrics,
      logger,
      now,
      worker: workerId,
      options: { ...DEFAULT_PIPELINE_OPTIONS, ...options },
    }),
    async close() {
      for (const d of disposers) d();
      await sched.closeAll();
      await store.close();
    },
  };
}
