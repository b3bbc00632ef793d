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
import type { AppEnv } from './env.ts';
import { EnvError } from './errors.ts';
import { createLogger, type Logger } from './logger.ts';
import { createMetrics, type Metrics } from './metrics/metrics.ts';
import { recordSchedulerEvents } from './metrics/scheduler-metrics.ts';
import { DEFAULT_PIPELINE_OPTIONS, type PipelineDeps, type PipelineOptions } from './pipeline/deps.ts';
import { createOwnerDirectoryCache } from './pipeline/support/owner-directory.ts';
import { createWorker, type Worker, type WorkerOptions } from './pipeline/1-worker.ts';
import { createSchedulerRegistry, type SchedulerRegistry } from './queue/index.ts';
import { createApp } from './server/app.ts';
import { createConsoleRouters } from './server/console/router.ts';
import { createHealthRouter, type ReadinessCheck } from './server/health-routes.ts';
import { createWebhookRouter } from './server/webhook-route.ts';
import { createStore } from './store/create-store.ts';
import type { CrmKind, Store } from './store/types.ts';
import { schedulerPolicyFor } from './wiring/policies.ts';
import { wireHubspot } from './wiring/hubspot.ts';
import { wirePipedrive } from './wiring/pipedrive.ts';
import type { Router } from 'express';

/** The admin console's built front end (scripts/build-console.ts writes it at npm install). */
export const CONSOLE_ASSETS_DIR = fileURLToPath(new URL('../dist/console/', import.meta.url));

export interface RunningApp {
  url: string;
  port: number;
  store: Store;
  metrics: Metrics;
  worker: Worker;
  schedulers: SchedulerRegistry;
  config: () => LoadedConfig;
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
  pipeline?: Partial<PipelineOptions>;
  worker?: Partial<WorkerOptions>;
  /** Scheduler overrides (benchmarks, tests). */
  rateLimitOverride?: { limit?: number; intervalMs?: number; baseDelayMs?: number; burstPauseMs?: number };
}

export interface Core {
  env: AppEnv;
  logger: Logger;
  now: () => number;
  store: Store;
  metrics: Metrics;
  schedulers: SchedulerRegistry;
  config: () => LoadedConfig;
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
  const config = () => loaded;

  const store = createStore(env.databaseUrl);
  await store.migrate();
  const workerId = `${hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`;

  let schedulers: SchedulerRegistry | null = null;
  const metrics = createMetrics({
    queueDepth: () => (schedulers?.all() ?? []).map((s) => ({ tenant: s.tenant, depth: s.stats().queued })),
  });
  schedulers = createSchedulerRegistry((tenant) => schedulerPolicyFor(tenant, env, opts.rateLimitOverride), {
    now,
    logger,
    onEvent: recordSchedulerEvents(metrics),
  });

  const connectors: Partial<Record<CrmKind, CrmConnector>> = {};
  const routers: Router[] = [];
  const checks: ReadinessCheck[] = [{ name: 'config', check: async () => ({ ok: true, detail: `${loaded.file} (${loaded.hash.slice(0, 12)})` }) }];
  const disposers: (() => void)[] = [];

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
  const deps = core.pipelineDeps(opts.pipeline);
  const worker = createWorker(deps, opts.worker);

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
      }),
    );
  }
  routers.unshift(createHealthRouter({ store, checks, metrics }));
  routers.push(...createConsoleRouters({ store, now, config, assetsDir: CONSOLE_ASSETS_DIR }));
  const app = createApp({ logger, routers });

  const server: Server = await new Promise<Server>((resolve, reject) => {
    const s = app.listen(opts.port ?? env.port, opts.host ?? '0.0.0.0', () => resolve(s));
    s.on('error', reject);
  }).catch(async (err: NodeJS.ErrnoException) => {
    await core.close();
    if (err.code === 'EADDRINUSE') throw new EnvError(['PORT'], `Port ${opts.port ?? env.port} is already in use: set PORT (or --port) to a free port`);
    throw err;
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}`;
  worker.start();
  logger.info('lead-router listening', { port, config: config().file, store: store.kind, crms: Object.keys(connectors) });

  let closed = false;
  return {
    url,
    port,
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
      await worker.stop();
      await core.close();
    },
  };
}

/** Reload the config file (SIGHUP): a bad file keeps the running config and logs why. */
export function reloadConfig(current: LoadedConfig, logger: Logger): LoadedConfig {
  try {
    const next = loadConfig(current.file);
    logger.info('config reloaded', { file: next.file, hash: next.hash.slice(0, 12) });
    return next;
  } catch (err) {
    logger.error('config reload failed; keeping the running config', { error: (err as Error).message });
    return current;
  }
}
