// Entry of the pipeline worker thread (LEAD_ROUTER_PIPELINE=thread; started by pipeline-host.ts).
// It builds its own core (store connection, schedulers, connectors; no background setup jobs,
// the server runs those) and runs the pipeline loop, SLA timers, retention and the predictive
// score's refits there, so the server's event loop only verifies, parses, inserts and
// acknowledges. Messages: see pipeline-host.ts (ThreadRequest / ThreadMessage).
import { parentPort, workerData } from 'node:worker_threads';
import { reloadConfig } from '../config/reload-config.ts';
import { createForwardingLogger } from '../logger.ts';
import { buildCore } from './build-core.ts';
import { createWorker } from '../pipeline/1-worker.ts';
import { createPruneExpiredJob } from '../pipeline/jobs/prune-expired.ts';
import type { ThreadData, ThreadMessage, ThreadRequest } from './pipeline-host.ts';
import { startPredictiveRefits } from './pipeline.ts';

/** How often the thread tells the server which tenants it found degraded (/readyz). */
const HEALTH_PUSH_MS = 1000;

async function run(port: NonNullable<typeof parentPort>, data: ThreadData): Promise<void> {
  const post = (m: ThreadMessage) => port.postMessage(m);
  // Records go to the server's logger (its format, destination, silence): one log stream.
  const logger = createForwardingLogger(data.log.level, (record) => post({ type: 'log', record })).child({ thread: 'pipeline' });
  const core = await buildCore({ env: data.env, logger, ...(data.cwd ? { cwd: data.cwd } : {}), background: false, pollConfigs: true, defaultMetrics: false,
    ...(data.writePriority ? { sqlite: { synchronous: 'NORMAL' as const, priority: { role: 'pipeline' as const, shared: data.writePriority } } } : {}), ...(data.rateLimitOverride ? { rateLimitOverride: data.rateLimitOverride } : {}) });
  // The Health page is served by the server: its write-back latency and 429s go there too.
  const activity = core.metrics.tenantActivity;
  const { writeBackDone, rateLimited } = activity;
  activity.writeBackDone = (tenant, latencyMs, at) => (writeBackDone(tenant, latencyMs, at), post({ type: 'activity', kind: 'writeBack', tenant, latencyMs, at }));
  activity.rateLimited = (tenant, policy, at) => (rateLimited(tenant, policy, at), post({ type: 'activity', kind: 'rateLimited', tenant, policy, at }));
  const worker = createWorker(core.pipelineDeps(data.pipeline), data.worker);
  const pruner = createPruneExpiredJob({ store: core.store, logger: core.logger, metrics: core.metrics, now: core.now }, { ...data.env.retention, ...data.prune });
  worker.start();
  pruner.start();
  const refits = startPredictiveRefits(core);
  const health = setInterval(() => post({ type: 'degraded', entries: core.tenantHealth.degraded() }), HEALTH_PUSH_MS);

  const handle = async (m: Extract<ThreadRequest, { type: 'call' }>): Promise<unknown> => {
    switch (m.method) {
      case 'drain':
        return worker.drain(m.timeoutMs === undefined ? {} : { timeoutMs: m.timeoutMs });
      case 'fireTimers':
        return worker.fireTimers();
      case 'metrics':
        return core.metrics.registry.getMetricsAsJSON();
      case 'refreshConfigs':
        await core.refreshConfigs();
        return null;
      case 'reload':
        core.setConfig(reloadConfig(core.config(), core.logger));
        return null;
      case 'stop':
        clearInterval(health);
        await worker.stop();
        await pruner.stop();
        await refits.stop();
        await core.close();
        return null;
    }
  };
  port.on('message', (m: ThreadRequest) => {
    if (m.type === 'notify') return worker.notify();
    handle(m).then(
      (value) => {
        post({ type: 'reply', id: m.id, ok: true, value });
        if (m.method === 'stop') port.close();
      },
      (err: unknown) => post({ type: 'reply', id: m.id, ok: false, error: (err as Error).message }),
    );
  });
  post({ type: 'ready', worker: core.workerId });
}

if (parentPort) {
  const port = parentPort;
  run(port, workerData as ThreadData).catch((err: unknown) => {
    port.postMessage({ type: 'fatal', error: (err as Error).stack ?? String(err) } satisfies ThreadMessage);
    process.exitCode = 1;
    port.close();
  });
}
