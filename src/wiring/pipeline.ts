// Where the pipeline runs, chosen by LEAD_ROUTER_PIPELINE (docs/architecture.md "Intake and the
// pipeline"): `thread` (a worker thread with its own store connection, schedulers, connectors
// and jobs; pipeline-host.ts) or `inline` (on the event loop that answers webhooks). Either way
// the server sees one PipelineRunner: wake it after an insert, drain it in tests, stop it.
import type { Registry } from 'prom-client';
import type { Core, RateLimitOverride } from './build-core.ts';
import type { TenantHealthEntry } from '../metrics/tenant-health.ts';
import { createWorker, type Worker, type WorkerOptions } from '../pipeline/1-worker.ts';
import { createPruneExpiredJob, type PruneExpiredOptions } from '../pipeline/jobs/prune-expired.ts';
import type { PipelineOptions } from '../pipeline/deps.ts';
import { createPredictiveRefitJob, type PredictiveRefitJob } from '../pipeline/jobs/refit-predictive.ts';
import { knownTenants } from '../cli/config-tenant.ts';

export type MetricsJson = Awaited<ReturnType<Registry['getMetricsAsJSON']>>;

export interface PipelineRunner {
  mode: 'thread' | 'inline';
  /** notify / drain / fireTimers / stop, wherever the pipeline runs. */
  worker: Worker;
  /** SIGHUP: re-read the config file (the server reloads its own copy). */
  reload(): void;
  /** A version was published in this process: load it now (the thread has its own copy). */
  refreshConfigs(): Promise<void>;
  /** Tenants the pipeline found degraded (its CRM calls), besides the server's own. */
  degraded(): TenantHealthEntry[];
  /** The pipeline's metrics when they live in another registry (thread), else null. */
  metricsJson(): Promise<MetricsJson | null>;
  /** Thread mode: end the thread at once, as a crash would (tests); it is restarted as after any exit. */
  terminateThread?(): Promise<void>;
  stop(): Promise<void>;
}

export interface PipelineStartOptions {
  pipeline: Partial<PipelineOptions>;
  worker?: Partial<WorkerOptions>;
  prune?: Partial<PruneExpiredOptions>;
  rateLimitOverride?: RateLimitOverride;
  cwd?: string;
  /** SQLite in thread mode: the counter the server's and the thread's connections share. */
  writePriority?: SharedArrayBuffer;
}

/** The pipeline options of this process's env and the caller's overrides. */
export function pipelineOptionsOf(core: Pick<Core, 'env'>, overrides: Partial<PipelineOptions> | undefined): Partial<PipelineOptions> {
  return { ...(core.env.inboxLeaseMs ? { leaseMs: core.env.inboxLeaseMs } : {}), ...overrides };
}

/**
 * The optional predictive score's refits (config scoring.predictive), run next to retention
 * wherever the pipeline runs (a fit is CPU work: off the server's event loop in thread mode).
 */
export function startPredictiveRefits(core: Pick<Core, 'store' | 'logger' | 'config' | 'now' | 'env'>): PredictiveRefitJob {
  const job = createPredictiveRefitJob({ store: core.store, logger: core.logger, config: core.config, now: core.now, tenants: () => knownTenants(core.store, core.env) });
  job.start();
  return job;
}

/** The pipeline on the server's own event loop, sharing its store, schedulers and connectors. */
export function startInlinePipeline(core: Core, opts: PipelineStartOptions): PipelineRunner {
  const worker = createWorker(core.pipelineDeps(opts.pipeline), opts.worker);
  worker.start();
  // Retention: bounded storage, in small batches between intake (src/pipeline/jobs/prune-expired.ts).
  const pruner = createPruneExpiredJob({ store: core.store, logger: core.logger, metrics: core.metrics, now: core.now }, { ...core.env.retention, ...opts.prune });
  pruner.start();
  const refits = startPredictiveRefits(core);
  return {
    mode: 'inline',
    worker,
    reload: () => {},
    refreshConfigs: async () => {},
    degraded: () => [],
    metricsJson: async () => null,
    async stop() {
      await worker.stop();
      await pruner.stop();
      await refits.stop();
    },
  };
}
