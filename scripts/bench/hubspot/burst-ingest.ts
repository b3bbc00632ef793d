// Scenario 4, burst_ingest: acknowledging webhooks while a burst drains. N new contacts
// (default 10,000) are created in the sandbox (it delivers their webhooks and rate-limits the
// app's calls, as in `burst`); meanwhile a load generator in its own process posts signed
// 100-event batches over 50 concurrent connections, paced at each rate of --load-rates for
// --load-seconds. Figures per rate: events/s acknowledged, ack p50 / p99 / max (target p99
// < 100 ms and max < 1 s: issue 13), and whether the burst was still draining the whole time.
// Compare LEAD_ROUTER_PIPELINE modes with --pipeline thread|inline (docs/benchmarks.md).
import { fork } from 'node:child_process';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { LoadOptions, LoadResult } from './load-client.ts';
import { figure, info, percentile } from './report.ts';
import { APP_ID, PORTAL, SECRET, benchSettings, startBenchPair } from './setup.ts';

export const BURST_INGEST_TARGET_P99_MS = 100;
export const BURST_INGEST_TARGET_MAX_MS = 1000;
const COMPANIES = 500;

function runInProcess(options: LoadOptions, seqStart: number): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const child = fork(new URL('./load-process.ts', import.meta.url), [], { execPath: process.execPath, stdio: 'inherit' });
    child.once('message', (m: { ok: boolean; result?: LoadResult; error?: string }) => (m.ok ? resolve(m.result!) : reject(new Error(m.error))));
    child.once('error', reject);
    child.once('exit', (code) => code && reject(new Error(`load generator exited with code ${code}`)));
    child.send({ options, seqStart });
  });
}

export async function benchBurstIngest(opts: { contacts: number; rates: number[]; seconds: number; connections: number; webhookBatchMs: number }): Promise<void> {
  let companies: string[] = [];
  const pair = await startBenchPair({ webhookBatchMs: opts.webhookBatchMs, seed: async (s) => void (companies = await s.createCompanies(COMPANIES)) });
  const { sandbox, app } = pair;
  try {
    const ids = await sandbox.createContacts(opts.contacts, 0, companies);
    const t0 = Date.now();
    info('burst_ingest', `pipeline ${benchSettings.pipeline}; created ${opts.contacts} contacts; load: ${opts.connections} connections, 100-event batches, rates ${opts.rates.join(', ')} events/s, ${opts.seconds} s each`);
    let seq = 0;
    for (const rate of opts.rates) {
      const requests = Math.max(1, Math.round((rate * opts.seconds) / 100));
      const base = { url: `${app.url}/webhooks/hubspot`, clientSecret: SECRET, portalId: PORTAL, appId: APP_ID, contactIds: ids };
      const delay = monitorEventLoopDelay({ resolution: 10 });
      delay.enable();
      const r = await runInProcess({ ...base, batchSize: 100, concurrency: opts.connections, requests, warmupRequests: 0, eventsPerS: rate }, seq);
      delay.disable();
      seq += requests * 100;
      const { written } = await sandbox.progress();
      const inbox = await app.store.inboxStats();
      const draining = written < opts.contacts;
      info('burst_ingest', `at ${rate} events/s: ${r.requests} requests in ${(r.wallMs / 1000).toFixed(1)} s, ${r.errors} non-200${r.firstError ? ` (first: ${r.firstError})` : ''}; burst ${draining ? 'still draining' : 'DRAINED during this phase'}: ${written}/${opts.contacts} written, inbox ${inbox.pending} pending + ${inbox.processing} processing, ${((Date.now() - t0) / 1000).toFixed(0)} s since creation`);
      const label = `burst_ingest.${benchSettings.pipeline}.at_${rate}`;
      figure({ name: `${label}.events_per_s`, value: r.events / (r.wallMs / 1000), unit: 'events/s' });
      figure({ name: `${label}.ack_p50`, value: percentile(r.latenciesMs, 50), unit: 'ms', digits: 1 });
      figure({ name: `${label}.ack_p99`, value: percentile(r.latenciesMs, 99), unit: 'ms', digits: 1, target: { op: '<', value: BURST_INGEST_TARGET_P99_MS } });
      figure({ name: `${label}.ack_max`, value: Math.max(...r.latenciesMs), unit: 'ms', digits: 1, target: { op: '<', value: BURST_INGEST_TARGET_MAX_MS } });
      figure({ name: `${label}.server_loop_delay_p99`, value: delay.percentile(99) / 1e6, unit: 'ms', digits: 1, note: `max ${(delay.max / 1e6).toFixed(0)} ms: the event loop that answers webhooks` });
      if (r.errors) figure({ name: `${label}.errors`, value: r.errors, unit: 'requests', target: { op: '<=', value: 0 } });
    }
  } finally {
    await pair.close();
  }
}
