#!/usr/bin/env node
// Soak: does the embedded SQLite store stay bounded with retention on? Feeds `--events`
// HubSpot-shaped webhook events (100 per request, as HubSpot batches them) into a real SQLite
// store on disk, on a simulated clock spread over `--days`. After each request the "worker"
// claims and completes the rows and appends one audit row per event (a real Evaluation-sized
// JSON), so the table sizes grow as in production. The retention job (the one the server runs,
// src/pipeline/prune-expired.ts) runs every simulated 10 minutes, CONCURRENTLY with intake: its
// batches interleave with the appends. Reported after every tenth of the run (the first is
// "start", the last "end"): the simulated day, the file size (db + WAL) and the intake latency
// p50 / p99 over that tenth (one inboxAppend of 100 events, group commit, synchronous=FULL).
// Once the simulated clock is past the audit period the file must stop growing. Also the
// longest single prune batch: the most a webhook arriving mid-batch waits for the write lock.
//
//   node scripts/bench/soak.ts                                    (1,000,000 events over 40 days)
//   node scripts/bench/soak.ts --events 200000 --no-prune         (control: retention off)
//   node scripts/bench/soak.ts --inbox-days 7 --audit-days 14 --days 40 --dir /dev/shm
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createSilentLogger } from '../../src/logger.ts';
import { createPruneExpiredJob } from '../../src/pipeline/jobs/prune-expired.ts';
import { createSqliteStore } from '../../src/store/sqlite/create-sqlite-store.ts';
import type { AuditRecord, InboxEventInput, Store } from '../../src/store/types.ts';

const DAY_MS = 86_400_000;
const PRUNE_EVERY_MS = 10 * 60_000; // the server's default interval
const TENANT = 'hubspot:62515';

const { values: args } = parseArgs({
  options: {
    events: { type: 'string', default: '1000000' },
    'per-request': { type: 'string', default: '100' },
    days: { type: 'string', default: '40' },
    'inbox-days': { type: 'string', default: '7' },
    'audit-days': { type: 'string', default: '14' },
    'no-prune': { type: 'boolean', default: false },
    dir: { type: 'string' },
  },
});
const EVENTS = Number(args.events);
const PER_REQUEST = Number(args['per-request']);
const SPAN_MS = Number(args.days) * DAY_MS;
const INBOX_DAYS = Number(args['inbox-days']);
const AUDIT_DAYS = Number(args['audit-days']);
const PRUNE = !args['no-prune'];

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

const mb = (bytes: number) => `${(bytes / 1_048_576).toFixed(1)} MB`;
function fileBytes(path: string): number {
  let n = 0;
  for (const f of [path, `${path}-wal`]) {
    try {
      n += statSync(f).size;
    } catch {
      // no WAL right now
    }
  }
  return n;
}

/** A contact.propertyChange event as HubSpot sends it (about 300 bytes of JSON). */
function event(i: number, at: number): InboxEventInput {
  const objectId = String(100_000 + (i % 50_000));
  return {
    tenant: TENANT, source: 'hubspot-webhook', kind: 'contact.propertyChange', objectId, occurredAt: at,
    dedupeKey: `${objectId}:contact.propertyChange:jobtitle:${at}:${i}`,
    payload: {
      eventId: 1_000_000_000 + i, subscriptionId: 2_812_345, portalId: 62515, appId: 54321, occurredAt: at,
      subscriptionType: 'contact.propertyChange', attemptNumber: 0, objectId: Number(objectId), changeFlag: 'UPDATED',
      changeSource: 'CRM_UI', sourceId: 'userId:1234567', propertyName: 'jobtitle', propertyValue: `Head of Procurement ${i % 97}`,
    },
  };
}

/** One decision's audit row, shaped like a real Evaluation (about 1 KB of JSON). */
function audit(leadId: string, at: number, i: number): AuditRecord {
  const contribution = (rule: string, points: number) => ({ kind: 'fit' as const, group: rule, rule, label: `${rule} matched`, value: `${rule}-value`, raw: points, points });
  return {
    tenant: TENANT, leadId, at,
    evaluation: {
      leadId,
      score: { fit: 40 + (i % 20), engagement: 15, total: 55 + (i % 20), contributions: ['industry', 'size', 'seniority', 'country', 'visits'].map((r, k) => contribution(r, 5 + k)), adjustments: [] },
      tier: 'warm', grade: 'B',
      route: {
        owner: 'anna@acme.test', rule: 'pharma', target: 'team', team: 'pharma', reason: 'rule pharma -> team pharma (round_robin): anna@acme.test',
        trace: ["rule 'urgent': no match (score 62 < 90)", "rule 'pharma': match (industry = pharma)"],
        candidates: [{ owner: 'anna@acme.test', eligible: true, pointer: 12.5 }, { owner: 'ben@acme.test', eligible: true, pointer: 13 }],
      },
      reasons: 'Score 62 (fit 47, engagement 15): industry pharma +12, 1000+ employees +10, VP +8',
    },
  };
}

interface Window { label: string; day: number; bytes: number; p99: number; p50: number }

async function main(): Promise<void> {
  const dir = args.dir ? mkdtempSync(join(args.dir, 'lr-soak-')) : mkdtempSync(join(tmpdir(), 'lr-soak-'));
  const path = join(dir, 'soak.db');
  const store: Store = createSqliteStore(path);
  await store.migrate();
  let now = Date.parse('2026-01-05T00:00:00Z');
  const requests = Math.ceil(EVENTS / PER_REQUEST);
  const stepMs = SPAN_MS / requests;
  const tenth = Math.max(1, Math.floor(requests / 10));
  const intake: number[] = [];
  const pruneBatches: number[] = [];
  const pruned = { inbox: 0, audit: 0, assignments: 0 };

  // The store as the job sees it, timing each prune batch (one short write transaction per table).
  const timedStore: Store = {
    ...store,
    async pruneExpired(req: Parameters<Store['pruneExpired']>[0]) {
      const t = performance.now();
      const n = await store.pruneExpired(req);
      pruneBatches.push(performance.now() - t);
      return n;
    },
  };
  const job = createPruneExpiredJob({ store: timedStore, logger: createSilentLogger(), now: () => now }, { inboxDays: INBOX_DAYS, auditDays: AUDIT_DAYS });
  let running: Promise<void> | null = null;
  let nextPrune = now + PRUNE_EVERY_MS;

  const windows: Window[] = [];
  const t0 = now;
  const close = (label: string, from: number) => {
    const s = intake.slice(from).sort((a, b) => a - b);
    const w = { label, day: (now - t0) / DAY_MS, bytes: fileBytes(path), p50: percentile(s, 50), p99: percentile(s, 99) };
    windows.push(w);
    console.error(`  ${w.label} day ${w.day.toFixed(1)}: ${mb(w.bytes)}, intake p99 ${w.p99.toFixed(2)} ms`);
  };
  const started = performance.now();
  let i = 0;
  for (let r = 0; r < requests; r++) {
    const events = Array.from({ length: Math.min(PER_REQUEST, EVENTS - i) }, (_, k) => event(i + k, now));
    i += events.length;
    const t = performance.now();
    await store.inboxAppend(events, now);
    intake.push(performance.now() - t);
    const rows = await store.inboxClaim({ limit: events.length, leaseMs: 60_000, now, worker: 'soak' });
    await store.inboxComplete(rows.map((row) => row.id));
    await store.appendAudit(rows.map((row, k) => audit(row.objectId, now, i + k)));
    if (PRUNE && now >= nextPrune && !running) {
      nextPrune = now + PRUNE_EVERY_MS;
      running = job.runOnce().then((n) => {
        pruned.inbox += n.inbox;
        pruned.audit += n.audit;
        running = null;
      });
    }
    if ((r + 1) % tenth === 0 || r + 1 === requests) {
      const k = Math.ceil((r + 1) / tenth);
      const label = k === 1 ? 'start' : r + 1 === requests ? 'end' : `${k * 10}%`;
      if (windows.length < 10 || r + 1 === requests) close(label, r + 1 - tenth);
    }
    now += stepMs;
  }
  await running;
  const seconds = (performance.now() - started) / 1000;
  const stats = await store.inboxStats();
  await store.close();
  const finalBytes = fileBytes(path);
  rmSync(dir, { recursive: true, force: true });

  const batches = pruneBatches.sort((a, b) => a - b);
  console.log(`soak: ${EVENTS} events in ${requests} requests of ${PER_REQUEST}, simulated ${args.days} days, ${seconds.toFixed(0)} s wall`);
  console.log(`retention: ${PRUNE ? `inbox ${INBOX_DAYS} d, audit ${AUDIT_DAYS} d, pass every 10 simulated min` : 'OFF (control)'}`);
  console.log('tenth | simulated day | file (db + WAL) | intake p50 | intake p99');
  for (const w of windows) console.log(`${w.label} | ${w.day.toFixed(1)} | ${mb(w.bytes)} | ${w.p50.toFixed(2)} ms | ${w.p99.toFixed(2)} ms`);
  console.log(`closed: file ${mb(finalBytes)}; inbox rows left: done ${stats.done}, pending ${stats.pending}`);
  if (PRUNE) {
    console.log(`pruned: inbox ${pruned.inbox}, audit ${pruned.audit}; prune batches ${batches.length}, p99 ${percentile(batches, 99).toFixed(1)} ms, max ${percentile(batches, 100).toFixed(1)} ms`);
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
