#!/usr/bin/env node
// HubSpot performance promises, measured on the real app (startApp: Express, SQLite inbox with
// synchronous=FULL, pipeline worker, rate-limited scheduler) against the HubSpot sandbox
// (rolling 110 / 10 s limit with real 429s, batch APIs, v3-signed webhooks, call counters).
//
//   1. ingest  signed webhook batches, 10 in flight: events/s acknowledged, p99 ack latency
//   1b. connections  1,000 deliveries at once on new connections: client-side ack p50/p99/max
//   2. burst   10,000 contacts created at once: API calls per lead, 429s, drain time / floor
//   3. idle    single contacts on a quiet system: webhook-to-write-back latency p50 / p95
//   4. burst_ingest  a 10,000-contact burst drains while a load process posts signed 100-event
//              batches on 50 connections: ack p50/p99/max and events/s per paced rate
//
// --pipeline thread|inline: where the app's pipeline runs (LEAD_ROUTER_PIPELINE; default thread).
//
// Every figure is one "figure <name>: <value> (target ...; ratio) MET|MISSED" line; the last
// line is the summary. Exit code 1 when a target is missed. docs/benchmarks.md ("## HubSpot").
//
//   npm run bench:hubspot
//   node scripts/bench/hubspot.ts --only burst --contacts 2000
//   node scripts/bench/hubspot.ts --only ingest,idle --idle-samples 10
//   node scripts/bench/hubspot.ts --only connections --connections 1000 --connection-rounds 3
//   node scripts/bench/hubspot.ts --only burst_ingest --pipeline inline --load-rates 1000,2000
import { parseArgs } from 'node:util';
import { availableParallelism, loadavg } from 'node:os';
import { benchBurst } from './hubspot/burst.ts';
import { benchIdle } from './hubspot/idle.ts';
import { benchIngest } from './hubspot/ingest.ts';
import { benchConnections } from './hubspot/connections.ts';
import { summary } from './hubspot/report.ts';
import { benchBurstIngest } from './hubspot/burst-ingest.ts';
import { benchSettings } from './hubspot/setup.ts';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      only: { type: 'string', default: 'ingest,connections,burst,idle' },
      connections: { type: 'string', default: '1000' },
      'connection-rounds': { type: 'string', default: '3' },
      'connections-without-pipeline': { type: 'boolean', default: false },
      contacts: { type: 'string', default: '10000' },
      'ingest-requests': { type: 'string', default: '1000' },
      'ingest-requests-single': { type: 'string', default: '3000' },
      'idle-samples': { type: 'string', default: '20' },
      'webhook-batch-ms': { type: 'string', default: '200' },
      pipeline: { type: 'string', default: 'thread' },
      'load-rates': { type: 'string', default: '1000,2000,5000' },
      'load-seconds': { type: 'string', default: '15' },
      'load-connections': { type: 'string', default: '50' },
    },
  });
  if (values.pipeline !== 'thread' && values.pipeline !== 'inline') throw new Error(`--pipeline must be thread or inline, got "${values.pipeline}"`);
  benchSettings.pipeline = values.pipeline;
  const only = new Set(values.only.split(',').map((s) => s.trim()));
  const webhookBatchMs = Number(values['webhook-batch-ms']);
  console.log(
    `lead-router HubSpot bench: node ${process.version}, ${availableParallelism()} cores (load average ${loadavg()[0]!.toFixed(1)}), scenarios ${[...only].join(', ')}, pipeline ${benchSettings.pipeline}, sandbox webhook batching window ${webhookBatchMs} ms`,
  );
  const started = performance.now();
  if (only.has('ingest')) {
    await benchIngest({ requests100: Number(values['ingest-requests']), requests1: Number(values['ingest-requests-single']), contacts: 2000 });
  }
  if (only.has('connections')) {
    await benchConnections({ connections: Number(values.connections), rounds: Number(values['connection-rounds']), batchSize: 10, pipeline: !values['connections-without-pipeline'] });
  }
  if (only.has('burst')) await benchBurst({ contacts: Number(values.contacts), webhookBatchMs });
  if (only.has('burst_ingest')) {
    const rates = values['load-rates'].split(',').map(Number);
    await benchBurstIngest({ contacts: Number(values.contacts), rates, seconds: Number(values['load-seconds']), connections: Number(values['load-connections']), webhookBatchMs });
  }
  if (only.has('idle')) await benchIdle({ samples: Number(values['idle-samples']), webhookBatchMs });
  console.log(`  load average at the end: ${loadavg()[0]!.toFixed(1)} (other processes on the machine compete for its ${availableParallelism()} cores)`);
  const ok = summary(performance.now() - started);
  process.exitCode = ok ? 0 : 1;
}

await main();
