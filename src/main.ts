// Composition root: env -> config -> store -> schedulers -> connectors (src/wiring/build-core.ts)
// -> pipeline (inline or on its own thread: src/wiring/pipeline.ts) -> server. Concrete pieces are
// wired together only here and in src/wiring; the CLI and the demo start from here.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { CrmConnector } from './crm/types.ts';
import type { LoadedConfig } from './config/index.ts';
import { reloadConfig } from './config/reload-config.ts';
import type { AppEnv, PipelineMode } from './env.ts';
import { EnvError } from './errors.ts';
import type { Logger } from './logger.ts';
import { mergedMetrics } from './metrics/merge-metrics.ts';
import type { Metrics } from './metrics/metrics.ts';
import type { PipelineOptions } from './pipeline/deps.ts';
import type { Worker, WorkerOptions } from './pipeline/1-worker.ts';
import type { PruneExpiredOptions } from './pipeline/jobs/prune-expired.ts';
import type { SchedulerRegistry } from './queue/index.ts';
import { createApp } from './server/app.ts';
import { createConsoleRouters } from './server/console/router.ts';
import { consoleDeps } from './wiring/console.ts';
import { createHealthRouter } from './server/health-routes.ts';
import { startMetricsListener } from './server/metrics-listener.ts';
import { createMetricsRouter, METRICS_DISABLED_HINT } from './server/metrics-routes.ts';
import { createDefaultReadGate, createWebhookRouter } from './server/webhook-route.ts';
import { parseDatabaseUrl } from './store/parse-database-url.ts';
import { createWritePriorityBuffer } from './store/sqlite/write-priority.ts';
import type { CrmKind, Store } from './store/types.ts';
import { buildCore, type RateLimitOverride } from './wiring/build-core.ts';
import { pipelineOptionsOf, startInlinePipeline, type PipelineRunner } from './wiring/pipeline.ts';
import { startPipelineThread } from './wiring/pipeline-host.ts';

export { buildCore, type Core } from './wiring/build-core.ts';

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
  /** Where the pipeline runs (LEAD_ROUTER_PIPELINE, or StartOptions.pipelineMode). */
  pipelineMode: PipelineMode;
  schedulers: SchedulerRegistry;
  /** The config file, or with a tenant the config deciding that tenant's leads. */
  config: (tenant?: string) => LoadedConfig;
  connectors: Partial<Record<CrmKind, CrmConnector>>;
  /** Re-read the config file (scoring, tiers, owners, teams, routing; field mappings need a restart). */
  reload(): void;
  /** Thread mode: end the pipeline thread at once, as a crash would; it is restarted (crash tests). */
  terminatePipelineThread?: () => Promise<void>;
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
  /** Overrides LEAD_ROUTER_PIPELINE. A custom `now` or an in-memory store run inline (a thread has its own clock and connection). */
  pipelineMode?: PipelineMode;
  worker?: Partial<WorkerOptions>;
  /** Retention job overrides (batch size, pauses, interval; the periods come from env). */
  prune?: Partial<PruneExpiredOptions>;
  /** Scheduler overrides (benchmarks, tests). */
  rateLimitOverride?: RateLimitOverride;
}


export async function startApp(opts: StartOptions): Promise<RunningApp> {
  const mode = pipelineModeFor(opts, opts.env);
  // Thread + SQLite: two connections on one file; webhook inserts go before pipeline writes.
  const writePriority = mode === 'thread' && parseDatabaseUrl(opts.env.databaseUrl).kind === 'sqlite' ? createWritePriorityBuffer() : undefined;
  const core = await buildCore({ ...opts, background: true, ...(writePriority ? { sqlite: { priority: { role: 'intake', shared: writePriority } } } : {}) });
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
  let pipeline: PipelineRunner | null = null;
  const notify = () => pipeline?.worker.notify();

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
        onStored: notify,
        readGate,
      }),
    );
  }
  routers.unshift(createHealthRouter({ store, checks, degraded: () => [...core.tenantHealth.degraded(), ...(pipeline?.degraded() ?? [])] }));
  const scrape = mergedMetrics(metrics.registry, () => pipeline?.metricsJson() ?? Promise.resolve(null));
  const metricsEnv = env.metrics;
  routers.unshift(
    createMetricsRouter({
      registry: scrape,
      mode: metricsEnv.token ? 'serve' : 'disabled',
      logger,
      ...(metricsEnv.token ? { token: metricsEnv.token } : {}),
    }),
  );
  routers.push(...createConsoleRouters(consoleDeps(core, CONSOLE_ASSETS_DIR, notify, async () => {
    await core.refreshConfigs();
    await pipeline?.refreshConfigs();
  })));
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
    ? await startMetricsListener({ registry: scrape, host: metricsEnv.host, port: opts.metricsPort ?? metricsEnv.port, logger, ...(metricsEnv.token ? { token: metricsEnv.token } : {}) }).catch(
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
  const pipelineOpts = { pipeline: pipelineOptionsOf(core, opts.pipeline), ...pick(opts), ...(writePriority ? { writePriority } : {}) };
  // A version this process's poll loaded: its pipeline thread (own copy) loads it at once too.
  core.onConfigsChanged(() => void pipeline?.refreshConfigs());
  pipeline = await (mode === 'thread'
    ? startPipelineThread({ env, store, logger, serverWorker: core.workerId, activity: metrics.tenantActivity }, pipelineOpts)
    : Promise.resolve(startInlinePipeline(core, pipelineOpts))
  ).catch(async (err: unknown) => {
    await closeServers(server, metricsServer);
    await core.close();
    throw err;
  });
  const running = pipeline;
  const metricsPort = metricsServer ? (metricsServer.address() as AddressInfo).port : undefined;
  logger.info('lead-router listening', { port, metricsPort, config: config().file, store: store.kind, crms: Object.keys(connectors), pipeline: mode });

  let closed = false;
  return {
    url,
    port,
    ...(metricsPort !== undefined ? { metricsUrl: `http://${metricsEnv.host}:${metricsPort}` } : {}),
    store,
    metrics,
    worker: running.worker,
    pipelineMode: mode,
    schedulers,
    config,
    connectors,
    reload() {
      core.setConfig(reloadConfig(config(), logger));
      running.reload();
    },
    ...(running.terminateThread ? { terminatePipelineThread: () => running.terminateThread!() } : {}),
    async close() {
      if (closed) return;
      closed = true;
      await closeServers(server, metricsServer);
      await running.stop();
      await core.close();
    },
  };
}

async function closeServers(server: Server, metricsServer: Server | null): Promise<void> {
  await new Promise<void>((r) => server.close(() => r()));
  server.closeAllConnections?.();
  if (metricsServer) {
    await new Promise<void>((r) => metricsServer.close(() => r()));
    metricsServer.closeAllConnections();
  }
}

/** The thread has its own clock and store connection: a test clock or an in-memory SQLite stays inline. */
function pipelineModeFor(opts: StartOptions, env: AppEnv): PipelineMode {
  const wanted = opts.pipelineMode ?? env.pipeline;
  if (wanted === 'inline' || opts.now) return 'inline';
  const target = parseDatabaseUrl(env.databaseUrl);
  return target.kind === 'sqlite' && target.path === ':memory:' ? 'inline' : 'thread';
}

function pick(opts: StartOptions) {
  return {
    ...(opts.worker ? { worker: opts.worker } : {}),
    ...(opts.prune ? { prune: opts.prune } : {}),
    ...(opts.rateLimitOverride ? { rateLimitOverride: opts.rateLimitOverride } : {}),
    ...(opts.cwd ? { cwd: opts.cwd } : {}),
  };
}
