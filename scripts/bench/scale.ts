#!/usr/bin/env node
// Scale-out on PostgreSQL: 1, 2 and 3 `lead-router serve` processes on one database behind one
// port, one HubSpot portal in the sandbox (rolling 110 / 10 s, real 429s), a burst of contacts.
// More processes must neither exceed the portal's one rate limit (429s: target 0) nor drain
// slower (drain / floor: target <= 1.2 at every N; floor = the calls the sandbox counted at
// 110 / 10 s). docs/benchmarks.md ("## Scale-out").
//
//   npm run bench:scale
//   node scripts/bench/scale.ts --processes 1,3 --contacts 2000 --database postgres://postgres@127.0.0.1:5432/test
import { parseArgs } from 'node:util';
import { availableParallelism, loadavg } from 'node:os';
import { figure, info, summary } from './hubspot/report.ts';
import { NOMINAL_LIMIT, WINDOW_MS, runProcesses } from './scale/run-processes.ts';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      processes: { type: 'string', default: '1,2,3' },
      contacts: { type: 'string', default: '3000' },
      database: { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/test' },
    },
  });
  const counts = values.processes.split(',').map(Number);
  const contacts = Number(values.contacts);
  console.log(`lead-router scale bench: node ${process.version}, ${availableParallelism()} cores (load average ${loadavg()[0]!.toFixed(1)}), ${contacts} contacts per run, processes ${counts.join(', ')}`);
  const started = performance.now();
  for (const n of counts) {
    const run = await runProcesses({ processes: n, contacts, databaseUrl: values.database, schema: `lr_bench_scale_${process.pid}_${n}` });
    const floorMs = (run.calls / NOMINAL_LIMIT) * WINDOW_MS;
    info(`n=${n}`, `drained ${contacts} contacts in ${(run.drainMs / 1000).toFixed(1)} s with ${run.calls} API calls; load average ${loadavg()[0]!.toFixed(1)}`);
    figure({ name: `scale.n${n}.rate_limited`, value: run.rateLimited, unit: '429s', target: { op: '<=', value: 0 } });
    figure({ name: `scale.n${n}.drain_over_floor`, value: run.drainMs / floorMs, unit: 'x', digits: 2, target: { op: '<=', value: 1.2 }, note: `floor ${(floorMs / 1000).toFixed(1)} s = ${run.calls} calls at ${NOMINAL_LIMIT} / ${WINDOW_MS / 1000} s` });
    figure({ name: `scale.n${n}.calls_per_lead`, value: run.calls / contacts, unit: 'calls', digits: 3 });
    figure({ name: `scale.n${n}.ingest_events_per_s`, value: run.eventsPerSecond, unit: 'events/s', note: 'while the sandbox delivered the burst (10 requests in flight): bounded by the sender here' });
  }
  console.log(`  load average at the end: ${loadavg()[0]!.toFixed(1)} (other processes on the machine compete for its ${availableParallelism()} cores)`);
  process.exitCode = summary(performance.now() - started) ? 0 : 1;
}

await main();
