#!/usr/bin/env node
// Preview throughput, end to end from the store: --count (default 100,000) recorded decisions
// of one tenant in a SQLite file (generated leads, the default config, inputs as the pipeline
// records them; written before timing), then `runPreview` with a draft (the default config
// with the hot threshold moved from 70 to 75): page the narrow preview rows (audit_preview,
// migration 22), parse them, replay each through decideForSnapshot, build the report. Reports
// wall and CPU time, decisions/s and the stored input size. Target: 100,000 decisions in < 3 s
// on one core.
//
//   node scripts/bench/preview.ts
//   node scripts/bench/preview.ts --count 20000 --db /tmp/preview.db
//   node scripts/bench/preview.ts --count 20000 --db /tmp/preview.db --reuse   (time again, no rewrite)
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig, parseConfigText } from '../../src/config/load.ts';
import { applyDecision, emptyState } from '../../src/engine/apply-state.ts';
import { evaluateLead } from '../../src/engine/evaluate.ts';
import { compactState, type DecisionInput } from '../../src/pipeline/support/decision-input.ts';
import { runPreview } from '../../src/preview/run-preview.ts';
import { createSqliteStore } from '../../src/store/sqlite/create-sqlite-store.ts';
import type { AuditInput } from '../../src/store/console-types.ts';
import { generateLeads } from '../generate-leads.ts';

const { values } = parseArgs({ options: { count: { type: 'string', default: '100000' }, seed: { type: 'string', default: '42' }, db: { type: 'string' }, reuse: { type: 'boolean', default: false } } });
const COUNT = Number(values.count);
const TENANT = 'hubspot:1';
const BASE = Date.parse('2026-03-10T09:00:00Z');
const CONFIG = 'config/lead-router.yaml';

const active = loadConfig(CONFIG);
const draft = parseConfigText(readFileSync(CONFIG, 'utf8').replace('{ name: hot, min: 70 }', '{ name: hot, min: 75 }'), 'draft.yaml');
const owners = active.config.owners.map((o) => o.email.toLowerCase());
const ownerIds = Object.fromEntries(owners.map((e, i) => [e, String(100 + i)]));
const dir = mkdtempSync(join(tmpdir(), 'lr-bench-preview-'));
const store = createSqliteStore(values.db ?? join(dir, 'preview.db'));
await store.migrate();

// Record the history (not timed): decisions at one per 10 s, state evolving as in production.
// --reuse: the --db file already holds them (an earlier run with the same --count and --seed).
const leads = values.reuse ? [] : generateLeads({ count: COUNT, seed: Number(values.seed), now: BASE, owners });
const state = emptyState();
let batch: AuditInput[] = [];
let inputBytes = 0;
for (let i = 0; i < leads.length; i++) {
  const lead = leads[i]!;
  const now = BASE + i * 10_000;
  const routing = { state: compactState(state), current: null };
  const evaluation = evaluateLead(lead, active.compiled, state, now);
  applyDecision(state, evaluation.route);
  const ownerId = lead.currentOwner ? (ownerIds[lead.currentOwner] ?? null) : null;
  const companyOwnerId = lead.accountOwner ? (ownerIds[lead.accountOwner] ?? null) : null;
  const input: DecisionInput = {
    snapshot: { id: lead.id, fields: lead.fields as DecisionInput['snapshot']['fields'], ownerId, companyOwnerId, createdAt: lead.createdAt ?? null },
    events: lead.events ?? [],
    crmOwners: Object.fromEntries([ownerId, companyOwnerId].filter((x) => x !== null).map((id) => [id, owners[Number(id) - 100]!])),
    ownerIds,
    now,
    routing,
  };
  inputBytes += JSON.stringify(input).length;
  batch.push({ tenant: TENANT, leadId: lead.id, at: now, evaluation, configVersion: 'v1', input, routingSeq: i + 1 }); // routed in time order
  if (batch.length === 1000 || i === leads.length - 1) {
    await store.appendAudit(batch);
    batch = [];
  }
}

const cpu0 = process.cpuUsage();
const t0 = performance.now();
const report = await runPreview({ store, tenant: TENANT, compiled: draft.compiled, configName: 'draft.yaml', since: BASE });
const ms = performance.now() - t0;
const cpu = process.cpuUsage(cpu0);
await store.close();
if (!values.db) rmSync(dir, { recursive: true, force: true });

const cpuMs = (cpu.user + cpu.system) / 1000;
console.log(
  `preview: ${report.decisions} decisions in ${(ms / 1000).toFixed(2)} s wall, ${(cpuMs / 1000).toFixed(2)} s CPU ` +
    `(${Math.round(report.decisions / (ms / 1000)).toLocaleString('en')} decisions/s); ${report.changes.length} would change; ` +
    `input ${values.reuse ? '(reused db)' : Math.round(inputBytes / COUNT)} bytes per decision on average; target < 3 s CPU per 100,000 decisions (this run: ${((cpuMs / Math.max(1, report.decisions)) * 100).toFixed(2)} s per 100,000): ${(cpuMs / Math.max(1, report.decisions)) * 100_000 < 3000 ? 'met' : 'NOT met'}`,
);
