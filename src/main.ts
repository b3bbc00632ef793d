// Composition root: env -> config -> store -> schedulers -> connectors -> pipeline -> server.
// Concrete pieces are wired together only here and in src/wiring (each CRM's connector, its
// routes and background jobs for the env's auth mode); the CLI and the demo start from here.
import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import { hostname } from 'node:os';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { CrmConnector } from './crm/types.ts';
import { loadConfig, resolveConfigPath, type LoadedConfig } from './config/index.ts';
import { reloadConfig } from './config/reload-config.ts';
import type { AppEnv } from './env.ts';
import { EnvError } from './errors.ts';
import { createLogger, type Logger } from './logger.ts';
import { createMetrics, type Metrics } from './metrics/metrics.ts';
import { recordSchedulerEvents } from './metrics/scheduler-metrics.ts';
import { createTenantHealth, type TenantHealth } from './metrics/tenant-health.ts';
import { DEFAULT_PIPELINE_OPTIONS, type PipelineDeps, type PipelineOptions } from './pipeline/deps.ts';
import { createOwnerDirectoryCache } from './pipeline/support/owner-directory.ts';
import { createWorker, type Worker, type WorkerOptions } from './pipeline/1-worker.ts';
import { createPruneExpiredJob, type PruneExpiredOptions } from './pipeline/jobs/prune-expired.ts';
import { createSchedulerRegistry, type SchedulerRegistry } from './queue/index.ts';
import { createApp } from './server/app.ts';
import { createConsoleRouters } from './server/console/router.ts';
import { consoleDeps } from './wiring/console.ts';
import { createHealthRouter, type ReadinessCheck } from './server/health-routes.ts';
import { startMetricsListener } from './server/metrics-listener.ts';
import { createMetricsRouter, METRICS_DISABLED_HINT } from './server/metrics-routes.ts';
import { createDefaultReadGate, createWebhookRouter } from './server/webhook-route.ts';
import { createStore } from './store/create-store.ts';
import { createTenantConfigs } from './tenants/tenant-configs.ts';
import type { CrmKind, Store } from './store/types.ts';
import { schedulerPolicyFor } from './wiring/policies.ts';
import { wireHubspot } from './wiring/hubspot.ts';
import { wirePipedrive } from './wiring/pipedrive.ts';
import type { Router } from 'express';

/** Accept queue length requested from the kernel (capped by net.core.somaxconn, 4096 on current Linux). */
export const LISTEN_BACKLOG = 4096;
/** The admin console's built front end (scripts/build-console.ts writes it at npm install). */
export const CONSOLE_ASSETS_DIR = fileURLToPath(new URL('../dist/console/', import.meta.url));

export interface RunningApp {
  url: string;
  port: number;
  /** The separate /metrics listener's URL (METRICS_PORT), if any. */
  metricsUrl?: string;
  store: Store;
  metrics: Metrics;
  worker: Worker;
  schedulers: SchedulerRegistry;
  /** The config file, or with a tenant the config deciding that tenant's leads. */
  config: (tenant?: string) => LoadedConfig;
  connectors: Partial<Record<CrmKind, CrmConnector>>;
  /** Re-read the config file (scoring, tiers, owners, teams, routing; field mappings need a restart). */
  reload(): void;
  close(): Promise<void>;
}

export interface StartOptions {
  env: AppEnv;
  cwd?: string;
  logger?: Logger;
  now?: () => number;
  /** Listen on this port instead of env.port (0 = any free port). */
  port?: number;
  host?: string;
  /** Listen for /metrics on this port instead of env.metrics.port (0 = any free port). */
  metricsPort?: number;
  pipeline?: Partial<PipelineOptions>;
  worker?: Partial<WorkerOptions>;
  /** Retention job overrides (batch size, pauses, interval; the periods come from env). */
  prune?: Partial<PruneExpiredOptions>;
  /** Scheduler overrides (benchmarks, tests). */
  rateLimitOverride?: { limit?: number; intervalMs?: number; baseDelayMs?: number; burstPauseMs?: number };
}

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
export async function buildCore(opts: { env: AppEnv; cwd?: string; logger?: Logger; now?: () => number; background: boolean; configFlag?: string; rateLimitOverride?: StartOptions['rateLimitOverride'] }): Promise<Core> {
  const { env } = opts;
  const now = opts.now ?? Date.now;
  const logger = opts.logger ?? createLogger({ level: env.logLevel });
  const configPath = resolveConfigPath({ flag: opts.configFlag, env: env.configPath, cwd: opts.cwd ?? process.cwd() });
  let loaded = loadConfig(configPath);

  const store = createStore(env.databaseUrl);
  await store.migrate();
  // Per tenant: its active stored version, else the file (src/tenants/tenant-configs.ts).
  const tenantConfigs = createTenantConfigs({ store, file: () => loaded, logger });
  await tenantConfigs.refresh();
  if (opts.background) tenantConfigs.start();
  const config = (tenant?: string) => tenantConfigs.get(tenant);
  const workerId = `${hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`;

  let schedulers: SchedulerRegistry | null = null;
  const tenantHealth = createTenantHealth(now);
  const metrics = createMetrics({
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

export async function startApp(opts: StartOptions): Promise<RunningApp> {
  const core = await buildCore({ ...opts, background: true });
  const { env, logger, store, metrics, schedulers, connectors, config } = core;
  const now = core.now;
  if (store.kind === 'sqlite') {
    // One process owns the embedded store: leases left behind belong to a process that died
    // (kill -9, OOM); their rows are claimable again at once instead of after the lease.
    const released = await store.inboxReleaseLeases(core.workerId);
    if (released) logger.warn('released events a previous process had claimed', { count: released });
  }
  if (!env.hubspot && !env.pipedrive) {
    logger.warn('no CRM configured: set HUBSPOT_* or PIPEDRIVE_* variables (see README); serving health endpoints only');
  }
  const routers = [...core.routers];
  const checks = core.checks;
  const deps = core.pipelineDeps({ ...(env.inboxLeaseMs ? { leaseMs: env.inboxLeaseMs } : {}), ...opts.pipeline });
  const worker = createWorker(deps, opts.worker);

  const readGate = createDefaultReadGate(); // one bound on body reads across all CRMs
  for (const crm of Object.keys(connectors) as CrmKind[]) {
    routers.unshift(
      createWebhookRouter(`/webhooks/${crm}`, {
        connector: connectors[crm]!,
        store,
        logger,
        metrics,
        now,
        publicBaseUrl: env.publicBaseUrl,
        onStored: () => worker.notify(),
        readGate,
      }),
    );
  }
  routers.unshift(createHealthRouter({ store, checks, degraded: () => core.tenantHealth.degraded() }));
  const metricsEnv = env.metrics;
  routers.unshift(
    createMetricsRouter({
      registry: metrics.registry,
      mode: metricsEnv.token ? 'serve' : 'disabled',
      logger,
      ...(metricsEnv.token ? { token: metricsEnv.token } : {}),
    }),
  );
  routers.push(...createConsoleRouters(consoleDeps(core, CONSOLE_ASSETS_DIR, () => worker.notify())));
  const app = createApp({ logger, routers });

  const server: Server = await new Promise<Server>((resolve, reject) => {
    // Express 5 hands a listen error to this callback (not only to 'error').
    // Node's default accept backlog (511) overflows when ~1,000 CRM connections arrive at once:
    // the kernel drops the excess SYNs and the sender retries after 1 s, 3 s, 7 s, which alone
    // pushes deliveries past HubSpot's 5 s timeout. The kernel caps it at net.core.somaxconn.
    const s = app.listen(opts.port ?? env.port, opts.host ?? '0.0.0.0', LISTEN_BACKLOG, (err?: Error) => (err ? reject(err) : resolve(s)));
    s.on('error', reject);
  }).catch(async (err: NodeJS.ErrnoException) => {
    await core.close();
    if (err.code === 'EADDRINUSE') {
      throw new EnvError(['PORT'], `Port ${opts.port ?? env.port} is already in use (another program, or another lead-router, listens there): set PORT (or serve --port) to a free port`);
    }
    throw err;
  });
  const metricsServer = metricsEnv.port
    ? await startMetricsListener({ registry: metrics.registry, host: metricsEnv.host, port: opts.metricsPort ?? metricsEnv.port, logger, ...(metricsEnv.token ? { token: metricsEnv.token } : {}) }).catch(
        async (err: unknown) => {
          await new Promise<void>((r) => server.close(() => r()));
          await core.close();
          throw err;
        },
      )
    : null;
  if (!metricsEnv.token && !metricsServer) logger.info(METRICS_DISABLED_HINT);
  const port = (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}`;
  worker.start();
  // Retention: bounded storage, in small batches between intake (src/pipeline/jobs/prune-expired.ts).
  const pruner = createPruneExpiredJob({ store, logger, metrics, now }, { ...env.retention, ...opts.prune });
  pruner.start();
  const metricsPort = metricsServer ? (metricsServer.address() as AddressInfo).port : undefined;
  logger.info('lead-router listening', { port, metricsPort, config: config().file, store: store.kind, crms: Object.keys(connectors) });

  let closed = false;
  return {
    url,
    port,
    ...(metricsPort !== undefined ? { metricsUrl: `http://${metricsEnv.host}:${metricsPort}` } : {}),
    store,
    metrics,
    worker,
    schedulers,
    config,
    connectors,
    reload() {
      core.setConfig(reloadConfig(config(), logger));
    },
    async close() {
      if (closed) return;
      closed = true;
      await new Promise<void>((r) => server.close(() => r()));
      server.closeAllConnections?.();
      if (metricsServer) {
        await new Promise<void>((r) => metricsServer.close(() => r()));
        metricsServer.closeAllConnections();
      }
      await worker.stop();
      await pruner.stop();
      await core.close();
    },
  };
}
