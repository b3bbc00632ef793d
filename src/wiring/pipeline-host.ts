// The server's side of the pipeline thread (LEAD_ROUTER_PIPELINE=thread): starts it, wakes it
// after each insert, forwards SIGHUP reloads and test drains, merges its health and metrics,
// and restarts it if it dies. A thread that died leaves claimed rows behind: on SQLite (one
// process owns the file) they are released at once; on PostgreSQL other processes may own
// leases too, so the rows return when their lease ends (INBOX_LEASE_MS), as after a crash.
import { Worker as Thread } from 'node:worker_threads';
import type { AppEnv } from '../env.ts';
import { writeForwarded, type LogRecord, type Logger } from '../logger.ts';
import type { TenantActivity } from '../metrics/tenant-activity.ts';
import type { TenantHealthEntry } from '../metrics/tenant-health.ts';
import type { Worker } from '../pipeline/1-worker.ts';
import type { PipelineOptions } from '../pipeline/deps.ts';
import type { Store } from '../store/types.ts';
import type { MetricsJson, PipelineRunner, PipelineStartOptions } from './pipeline.ts';

export interface ThreadData extends Omit<PipelineStartOptions, 'pipeline'> {
  env: AppEnv;
  /** The server logger's level: the thread forwards records at or above it (to the server's logger). */
  log: { level: string };
  pipeline: Partial<PipelineOptions>;
}

type CallMethod = 'drain' | 'fireTimers' | 'metrics' | 'reload' | 'refreshConfigs' | 'stop';
export type ThreadRequest = { type: 'notify' } | { type: 'call'; id: number; method: CallMethod; timeoutMs?: number };
export type ThreadMessage =
  | { type: 'ready'; worker: string }
  | { type: 'fatal'; error: string }
  | { type: 'degraded'; entries: TenantHealthEntry[] }
  | { type: 'log'; record: LogRecord }
  /** Per-tenant activity for the console's Health page (the server's TenantActivity keeps it). */
  | { type: 'activity'; kind: 'writeBack'; tenant: string; latencyMs: number; at: number }
  | { type: 'activity'; kind: 'rateLimited'; tenant: string; policy: 'burst' | 'daily'; at: number }
  | { type: 'reply'; id: number; ok: boolean; value?: unknown; error?: string };

/** A scrape waits this long for the thread's metrics, then serves the server's alone. */
const METRICS_TIMEOUT_MS = 2000;
/** Restart backoff after the thread died: doubles up to the max, reset once it ran a minute. */
const RESTART_MIN_MS = 500;
const RESTART_MAX_MS = 30_000;

export interface ThreadHostDeps {
  env: AppEnv;
  store: Store;
  logger: Logger;
  /** The server's worker id: its own leases are never released (it claims none in this mode). */
  serverWorker: string;
  /** Where the thread's per-tenant activity lands (the Health page reads the server's). */
  activity?: TenantActivity;
}

export async function startPipelineThread(deps: ThreadHostDeps, opts: PipelineStartOptions): Promise<PipelineRunner> {
  const data: ThreadData = { ...opts, env: deps.env, log: { level: deps.logger.level } };
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  let nextId = 1;
  let degraded: TenantHealthEntry[] = [];
  let thread: Thread | null = null;
  let stopping = false;
  let backoff = RESTART_MIN_MS;
  let restartTimer: NodeJS.Timeout | null = null;

  function spawn(): Promise<void> {
    return new Promise((resolve, reject) => {
      const t = new Thread(new URL('./pipeline-thread.ts', import.meta.url), { workerData: data, name: 'lead-router pipeline' });
      const startedAt = Date.now();
      let ready = false;
      t.on('message', (m: ThreadMessage) => {
        if (m.type === 'ready') {
          ready = true;
          thread = t;
          deps.logger.info('pipeline thread started', { worker: m.worker });
          resolve();
        } else if (m.type === 'fatal') {
          deps.logger.error('pipeline thread failed to start', { error: m.error });
          if (!ready) reject(new Error(`pipeline thread failed to start: ${m.error.split('\n')[0]}`));
          void t.terminate();
        } else if (m.type === 'log') writeForwarded(deps.logger, m.record);
        else if (m.type === 'degraded') degraded = m.entries;
        else if (m.type === 'activity') {
          if (m.kind === 'writeBack') deps.activity?.writeBackDone(m.tenant, m.latencyMs, m.at);
          else deps.activity?.rateLimited(m.tenant, m.policy, m.at);
        }
        else if (m.type === 'reply') {
          const p = pending.get(m.id);
          pending.delete(m.id);
          if (m.ok) p?.resolve(m.value);
          else p?.reject(new Error(m.error));
        }
      });
      t.on('error', (err) => deps.logger.error('pipeline thread crashed', { error: err.message }));
      t.on('exit', (code) => {
        if (thread === t) thread = null;
        for (const p of pending.values()) p.reject(new Error(`pipeline thread exited (code ${code})`));
        pending.clear();
        if (!ready) return reject(new Error(`pipeline thread exited before it was ready (code ${code})`));
        if (stopping) return;
        if (Date.now() - startedAt > 60_000) backoff = RESTART_MIN_MS;
        deps.logger.error('pipeline thread exited; restarting it', { code, inMs: backoff });
        restartTimer = setTimeout(() => void restart(), backoff);
        backoff = Math.min(RESTART_MAX_MS, backoff * 2);
      });
    });
  }

  async function restart(): Promise<void> {
    restartTimer = null;
    if (stopping) return;
    try {
      if (deps.store.kind === 'sqlite') {
        const released = await deps.store.inboxReleaseLeases(deps.serverWorker);
        if (released) deps.logger.warn('released events the dead pipeline thread had claimed', { count: released });
      }
      await spawn();
    } catch (err) {
      deps.logger.error('pipeline thread restart failed; retrying', { error: (err as Error).message, inMs: backoff });
      restartTimer = setTimeout(() => void restart(), backoff);
      backoff = Math.min(RESTART_MAX_MS, backoff * 2);
    }
  }

  function call(method: CallMethod, extra: { timeoutMs?: number } = {}): Promise<unknown> {
    const t = thread;
    if (!t) return Promise.reject(new Error('the pipeline thread is not running (restarting)'));
    const id = nextId++;
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject });
      t.postMessage({ type: 'call', id, method, ...extra } satisfies ThreadRequest);
    });
  }

  await spawn();

  const worker: Worker = {
    start: () => {},
    stop: () => runner.stop(),
    notify: () => thread?.postMessage({ type: 'notify' } satisfies ThreadRequest),
    drain: async (o = {}) => {
      await call('drain', o.timeoutMs === undefined ? {} : { timeoutMs: o.timeoutMs });
    },
    fireTimers: async () => Number(await call('fireTimers')),
  };
  const runner: PipelineRunner = {
    mode: 'thread',
    worker,
    reload: () => void call('reload').catch((err: unknown) => deps.logger.error('pipeline thread reload failed', { error: (err as Error).message })),
    refreshConfigs: async () => {
      await call('refreshConfigs').catch((err: unknown) => deps.logger.warn('pipeline thread config refresh failed; its poll will load it', { error: (err as Error).message }));
    },
    degraded: () => degraded,
    async metricsJson() {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<null>((r) => (timer = setTimeout(() => r(null), METRICS_TIMEOUT_MS)));
      try {
        return (await Promise.race([call('metrics').catch(() => null), timeout])) as MetricsJson | null;
      } finally {
        clearTimeout(timer);
      }
    },
    async terminateThread() {
      await thread?.terminate();
    },
    async stop() {
      if (stopping) return;
      stopping = true;
      if (restartTimer) clearTimeout(restartTimer);
      const t = thread;
      if (!t) return;
      const exited = new Promise<void>((r) => t.once('exit', () => r()));
      await call('stop').catch((err: unknown) => deps.logger.error('pipeline thread stop failed', { error: (err as Error).message }));
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000).unref())]);
      await t.terminate();
    },
  };
  return runner;
}
