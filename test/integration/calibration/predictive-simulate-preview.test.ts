// The predictive win probability in `simulate` and `preview` (config scoring.predictive), on both
// stores: with the tenant's stored model each lead gets the probability the pipeline would write
// (same predictor, loadPrediction), in the reasons too; without a model, with the score off, or
// (simulate) without --tenant, none is shown and the output says why. Score, tier and route
// are the same with and without it.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPredictor, fitPredictiveModel } from '../../../src/calibration/predictive-model.ts';
import { formatPreview } from '../../../src/cli/format/preview.ts';
import { parseConfigText, type LoadedConfig } from '../../../src/config/load.ts';
import { emptyState } from '../../../src/engine/apply-state.ts';
import { evaluateLead } from '../../../src/engine/evaluate.ts';
import { runPreview } from '../../../src/preview/run-preview.ts';
import type { SimulationResult } from '../../../src/simulate/types.ts';
import { createSqliteStore } from '../../../src/store/sqlite/create-sqlite-store.ts';
import type { PredictiveModelRecord, Store } from '../../../src/store/types.ts';
import { generateSyntheticLeads, SYNTHETIC_CONFIG, syntheticConfig } from '../../../scripts/calibration-synthetic.ts';
import { cli } from '../../unit/cli/run-cli.ts';
import { POSTGRES, dropSchemas, type StoreKind } from '../tenants/both-stores.ts';

const NOW = Date.parse('2026-06-01T00:00:00Z');
const PORTAL = '62515';
const TENANT = `hubspot:${PORTAL}`;
const ON_YAML = SYNTHETIC_CONFIG.replace('scoring:\n', 'scoring:\n  predictive: { enabled: true, minOutcomes: 200, topFactors: 2 }\n');
const ON: LoadedConfig = parseConfigText(ON_YAML, 'predictive.yaml');
const OFF = syntheticConfig();

const dir = mkdtempSync(join(tmpdir(), 'lr-predictive-sim-'));
const onFile = join(dir, 'on.yaml');
const offFile = join(dir, 'off.yaml');
const leadsFile = join(dir, 'leads.csv');
writeFileSync(onFile, ON_YAML);
writeFileSync(offFile, SYNTHETIC_CONFIG);
const FILE_LEADS = [
  { id: 'a', job_title: 'CEO', employees: 5000, industry: 'software', email: 'a@acme.example', page_views: 8 },
  { id: 'b', job_title: 'Analyst', employees: 5, industry: 'retail', email: 'b@gmail.com', page_views: 0 },
  { id: 'c', job_title: 'Sales Director', employees: 350, industry: 'logistics', email: 'c@acme.example', page_views: 3 },
];
writeFileSync(leadsFile, `id,job_title,employees,industry,email,page_views\n${FILE_LEADS.map((l) => Object.values(l).join(',')).join('\n')}\n`);

let model: PredictiveModelRecord;
beforeAll(() => {
  const fit = fitPredictiveModel(generateSyntheticLeads({ count: 4000, seed: 9, now: NOW, config: ON }), ON.compiled, { tenant: TENANT, config: 'v1', now: NOW, minOutcomes: 200 });
  if (!fit.ok) throw new Error(fit.reason);
  model = fit.model;
});
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await dropSchemas();
});

/** The probability the pipeline would write for these fields (whole percent). */
function expectedPercent(fields: Record<string, string | number>): number {
  const e = evaluateLead({ id: 'x', fields }, ON.compiled, emptyState(), NOW);
  return Math.round(createPredictor(model, ON.compiled, 2)(e.score.contributions).probability * 100);
}

// SQLite on a file: the CLI opens the same database by its path.
const sqlitePaths = new WeakMap<Store, string>();
const FILE_SQLITE: StoreKind = {
  name: 'sqlite',
  async open() {
    const path = join(mkdtempSync(join(dir, 'db-')), 'x.db');
    const store = createSqliteStore(path);
    sqlitePaths.set(store, path);
    await store.migrate();
    return store;
  },
  urlOf: (store) => sqlitePaths.get(store)!,
};

/** Field sets of the recorded history (the first three are the lead file's). */
const HISTORY = Array.from({ length: 12 }, (_, i) => {
  const { id: _id, ...fields } = FILE_LEADS[i % 3]!;
  return { id: `h${i}`, fields: { ...fields, page_views: i } };
});

describe.each([FILE_SQLITE, POSTGRES])('win probability in simulate and preview ($name store)', (kind) => {
  let store: Store;
  let url: string;
  let open: boolean;
  beforeEach(async () => {
    store = await kind.open();
    url = kind.urlOf(store);
    open = true;
  });
  afterEach(async () => {
    if (open) await store.close();
  });
  /** Hand the database to the CLI. */
  async function closeStore(): Promise<void> {
    await store.close();
    open = false;
  }

  /** Decisions recorded with their engine input, under a tier the config does not have (so every one changes). */
  async function recordHistory(): Promise<void> {
    await store.appendAudit(
      HISTORY.map((l, i) => ({
        tenant: TENANT,
        leadId: l.id,
        at: NOW + i * 1000,
        configVersion: 'v0',
        evaluation: { ...evaluateLead({ id: l.id, fields: l.fields }, ON.compiled, emptyState(), NOW + i * 1000), tier: 'old-tier', reasons: 'recorded' },
        input: {
          snapshot: { id: l.id, fields: l.fields, ownerId: null, companyOwnerId: null, createdAt: null },
          events: [],
          crmOwners: {},
          ownerIds: { 'ae@example.com': '7' },
          now: NOW + i * 1000,
          ...(i === 0 ? { routing: { state: { loads: {}, rotations: {} }, current: null } } : {}),
        },
      })),
    );
  }

  it('preview: the draft side of each changed lead carries the probability of the tenant model', async () => {
    await recordHistory();
    await store.savePredictiveModel(model);
    const report = await runPreview({ store, tenant: TENANT, compiled: ON.compiled, configName: 'on', since: NOW - 1 });
    expect(report.decisions).toBe(12);
    expect(report.changes).toHaveLength(12);
    expect(report.predictive).toEqual({ status: 'on', model: { fittedAt: NOW, outcomes: model.outcomes, leads: 4000, holdoutAuc: model.holdoutAuc, config: 'v1' } });
    for (const c of report.changes) {
      const lead = HISTORY.find((l) => l.id === c.id)!;
      expect([c.id, c.draft.winProbability]).toEqual([c.id, expectedPercent(lead.fields)]);
      expect(c.draft.reasons).toContain(`win probability ${c.draft.winProbability}%`);
      expect(c.recorded.winProbability).toBeUndefined();
    }
    const table = formatPreview(report, 'table');
    expect(table).toContain(`Win probability: ${TENANT} model fitted 2026-06-01T00:00:00.000Z on ${model.outcomes} outcomes (holdout AUC ${model.holdoutAuc!.toFixed(3)}), in the draft's reasons of each changed lead.`);
    expect(formatPreview(report, 'csv').split('\r\n')[0]).toMatch(/,draft_reasons,draft_win_probability$/);

    // the same decisions without the model: same outcomes, no probability
    await store.deletePredictiveModel(TENANT);
    const none = await runPreview({ store, tenant: TENANT, compiled: ON.compiled, configName: 'on', since: NOW - 1 });
    expect(none.predictive).toEqual({ status: 'no-model' });
    expect(none.changes.map((c) => c.draft.winProbability)).toEqual(new Array(12).fill(undefined));
    expect(none.changes.map(({ draft: { owner, tier, rule } }) => [owner, tier, rule])).toEqual(report.changes.map(({ draft: { owner, tier, rule } }) => [owner, tier, rule]));
    expect(formatPreview(none, 'table')).toContain(`Win probability: scoring.predictive is on in the draft, but ${TENANT} has no model yet`);

    // a draft with the score off: nothing said, nothing shown, even with a model stored
    await store.savePredictiveModel(model);
    const off = await runPreview({ store, tenant: TENANT, compiled: OFF.compiled, configName: 'off', since: NOW - 1 });
    expect(off.predictive).toEqual({ status: 'off' });
    expect(off.changes.every((c) => c.draft.winProbability === undefined && !c.draft.reasons.includes('win probability'))).toBe(true);
    expect(formatPreview(off, 'table')).not.toContain('Win probability');
  });

  it("simulate --tenant applies the tenant's stored model; without it, it says there is no model here", async () => {
    await store.savePredictiveModel(model);
    await closeStore();
    const env = { DATABASE_URL: url, HUBSPOT_PORTAL_ID: PORTAL, HUBSPOT_ACCESS_TOKEN: 'pat-x', HUBSPOT_CLIENT_SECRET: 'secret-0123456789abcdef' };
    const args = ['simulate', leadsFile, '--config', onFile, '--now', '2026-06-01T00:00:00Z'];

    const withModel = await cli([...args, '--tenant', TENANT, '--format', 'json'], { env });
    expect(withModel.code).toBe(0);
    expect(withModel.stderr).toContain(`predictive: ${TENANT} model fitted 2026-06-01T00:00:00.000Z on ${model.outcomes} outcomes`);
    const result = JSON.parse(withModel.stdout) as SimulationResult;
    expect(result.leads.map((l) => l.winProbability)).toEqual(FILE_LEADS.map(({ id: _, ...fields }) => expectedPercent(fields)));
    for (const l of result.leads) expect(l.reasons).toContain(`win probability ${l.winProbability}%`);

    const table = await cli([...args, '--tenant', TENANT], { env });
    expect(table.stdout).toMatch(/ WIN%\n/);
    const csv = await cli([...args, '--tenant', TENANT, '--format', 'csv'], { env });
    expect(csv.stdout.split('\r\n')[0]).toBe('id,fit,engagement,score,tier,grade,owner,rule,target,team,reasons,winProbability');

    // no --tenant: no store read, no probability, and the output says so; decisions unchanged
    const noTenant = await cli([...args, '--format', 'json'], { env });
    expect(noTenant.code).toBe(0);
    expect(noTenant.stderr).toContain('predictive: scoring.predictive is on in');
    expect(noTenant.stderr).toContain('but simulate has no model here');
    const plain = JSON.parse(noTenant.stdout) as SimulationResult;
    expect(plain.leads.every((l) => l.winProbability === undefined && !l.reasons.includes('win probability'))).toBe(true);
    expect(plain.leads.map(({ score, tier, owner, rule }) => [score, tier, owner, rule])).toEqual(result.leads.map(({ score, tier, owner, rule }) => [score, tier, owner, rule]));
    expect((await cli(args, { env })).stdout).not.toContain('WIN%');

    // the score off in the config: said with --tenant, silent without
    const off = await cli(['simulate', leadsFile, '--config', offFile, '--tenant', TENANT, '--format', 'json'], { env });
    expect(off.stderr).toContain(`predictive: off in ${offFile} (scoring.predictive.enabled): no win probability`);
    expect((await cli(['simulate', leadsFile, '--config', offFile], { env })).stderr).not.toContain('predictive');

    // an unknown tenant is refused with the known ones
    const unknown = await cli([...args, '--tenant', 'hubspot:404'], { env });
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr).toContain('unknown tenant "hubspot:404"');
  });

  it('simulate --tenant says when the tenant has no model yet', async () => {
    await closeStore();
    const env = { DATABASE_URL: url, HUBSPOT_PORTAL_ID: PORTAL, HUBSPOT_ACCESS_TOKEN: 'pat-x', HUBSPOT_CLIENT_SECRET: 'secret-0123456789abcdef' };
    const r = await cli(['simulate', leadsFile, '--config', onFile, '--tenant', TENANT, '--format', 'json'], { env });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(`predictive: ${TENANT} has no model yet`);
    expect((JSON.parse(r.stdout) as SimulationResult).leads.every((l) => l.winProbability === undefined)).toBe(true);
  });
});
