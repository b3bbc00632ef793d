#!/usr/bin/env node
// Calibration throughput, end to end from the store: --count (default 100,000) synthetic leads
// with a known generating model (scripts/calibration-synthetic.ts), each with its audited
// decision (the real engine's score ledger) and, for the closed ones, a won or lost deal
// attributed to it, written before timing. Timed: `runCalibration` (page the audit rows and
// outcomes out of SQLite, pick the attributed decisions, build the features, lift, won rates,
// the regularised logistic fit, holdout AUCs). Target: 100,000 leads in < 10 s on one core.
//
//   node scripts/bench/calibrate.ts
//   node scripts/bench/calibrate.ts --count 20000 --db /tmp/calibrate.db
import { rmSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { runCalibration } from '../../src/calibration/run-calibration.ts';
import type { AuditInput } from '../../src/store/console-types.ts';
import { createSqliteStore } from '../../src/store/sqlite/create-sqlite-store.ts';
import { generateSyntheticLeads, SYNTHETIC_CONFIG, syntheticConfig } from '../calibration-synthetic.ts';

const { values } = parseArgs({ options: { count: { type: 'string', default: '100000' }, seed: { type: 'string', default: '42' }, db: { type: 'string' } } });
const COUNT = Number(values.count);
const TENANT = 'hubspot:1';
const BASE = Date.parse('2026-03-10T09:00:00Z');

const config = syntheticConfig();
// In memory by default: seeding 100,000 deals one durable upsert at a time would take minutes.
const store = createSqliteStore(values.db ?? ':memory:');
await store.migrate();

const leads = generateSyntheticLeads({ count: COUNT, seed: Number(values.seed), now: BASE, config });
let batch: AuditInput[] = [];
for (const l of leads) {
  batch.push({ tenant: TENANT, leadId: l.leadId, at: l.at, evaluation: l.evaluation, configVersion: 'v1' });
  if (batch.length === 1000) {
    await store.appendAudit(batch);
    batch = [];
  }
}
if (batch.length) await store.appendAudit(batch);
let closed = 0;
for (const l of leads) {
  if (!l.closed) continue;
  closed++;
  await store.upsertOutcome({
    tenant: TENANT, leadId: l.leadId, dealId: `D-${l.leadId}`, status: l.won ? 'won' : 'lost', amount: 1000, currency: 'EUR',
    dealCreatedAt: l.at + 1000, closedAt: l.at + 2000, lostReason: null, observedAt: l.at + 2000,
    decision: { decidedAt: l.at, owner: 'ae@example.com', rule: 'everyone', tier: l.tier, score: l.score, configVersion: 'v1' },
  });
}

const cpu0 = process.cpuUsage();
const t0 = performance.now();
const { report } = await runCalibration({ store, tenant: TENANT, since: BASE, config, yaml: SYNTHETIC_CONFIG });
const ms = performance.now() - t0;
const cpu = process.cpuUsage(cpu0);
await store.close();
if (values.db) rmSync(values.db, { force: true });

const cpuMs = (cpu.user + cpu.system) / 1000;
const m = report.model;
console.log(
  `calibrate: ${report.leads} leads (${report.won} won, ${closed} closed deals) in ${(ms / 1000).toFixed(2)} s wall, ${(cpuMs / 1000).toFixed(2)} s CPU ` +
    `(${Math.round(report.leads / (ms / 1000)).toLocaleString('en')} leads/s); ${report.items.length} items, ${m?.iterations ?? 0} Newton steps; ` +
    `holdout AUC current ${m?.aucCurrent?.toFixed(3)} / suggested ${m?.aucSuggested?.toFixed(3)}; target < 10 s for 100,000 on one core: CPU ${cpuMs < 10_000 ? 'met' : 'NOT met'}, wall ${ms < 10_000 ? 'met' : 'NOT met'} (wall counts waiting for a core on a loaded machine)`,
);
