// The predictive score (config scoring.predictive): the fit on synthetic leads with a known
// generating model, the predictor (probability and top factors), the refit job on a real
// SQLite store (fits only above the minimum; below it no model and a clear log line), and a
// decision's evaluation carrying the probability and factors in its reasons.
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { fitPredictiveModel, createPredictor, predictionText } from '../../../src/calibration/predictive-model.ts';
import { parseConfigText } from '../../../src/config/load.ts';
import type { LoadedConfig } from '../../../src/config/load.ts';
import { emptyState } from '../../../src/engine/apply-state.ts';
import { evaluateLead } from '../../../src/engine/evaluate.ts';
import { loadPredictor, appendReason } from '../../../src/pipeline/support/predict.ts';
import { createPredictiveRefitJob, refitPredictive } from '../../../src/pipeline/jobs/refit-predictive.ts';
import { createSqliteStore } from '../../../src/store/sqlite/create-sqlite-store.ts';
import type { Store } from '../../../src/store/types.ts';
import { generateSyntheticLeads, SYNTHETIC_CONFIG, TRUE_WEIGHTS } from '../../../scripts/calibration-synthetic.ts';
import { seedCalibration, TENANT } from '../../integration/calibration/seed.ts';
import { captureLogger } from '../../helpers/capture-logger.ts';

const NOW = Date.parse('2026-06-01T00:00:00Z');
const DAY = 86_400_000;

function predictiveConfig(settings: string): LoadedConfig {
  return parseConfigText(SYNTHETIC_CONFIG.replace('scoring:\n', `scoring:\n  predictive: ${settings}\n`), 'predictive.yaml');
}
const ON = predictiveConfig('{ enabled: true, minOutcomes: 200, topFactors: 2 }');

describe('fitPredictiveModel and createPredictor', () => {
  const leads = generateSyntheticLeads({ count: 8000, seed: 3, now: NOW, config: ON });
  const fit = fitPredictiveModel(leads, ON.compiled, { tenant: 't', config: 'v1', now: NOW, minOutcomes: 200 });

  it('fits one weight per scoring item, with the true signs, and records what it learned from', () => {
    if (!fit.ok) throw new Error(fit.reason);
    const m = fit.model;
    expect(m.features).toEqual(['c-level', 'director', 'size#1', 'size#2', 'size#3', 'software', 'freemail', 'page-views']);
    for (const [key, w] of Object.entries(TRUE_WEIGHTS)) expect([key, Math.sign(m.weights[m.features.indexOf(key)]!)]).toEqual([key, Math.sign(w)]);
    expect(m.outcomes).toBe(leads.filter((l) => l.closed).length);
    expect(m.leads).toBe(8000);
    expect(m.fittedAt).toBe(NOW);
    expect(m.holdoutAuc!).toBeGreaterThan(0.65);
  });

  it('gives the logistic probability of a ledger and names its strongest factors, signed', () => {
    if (!fit.ok) throw new Error(fit.reason);
    const m = fit.model;
    const predict = createPredictor(m, ON.compiled, 2);
    const ceo = evaluateLead({ id: 'x', fields: { job_title: 'CEO', employees: 5000, industry: 'retail', email: 'a@gmail.com', page_views: 0 } }, ON.compiled, emptyState(), NOW);
    const p = predict(ceo.score.contributions);
    const w = (k: string) => m.weights[m.features.indexOf(k)]!;
    const eta = m.intercept + w('c-level') + w('size#1') + w('freemail');
    expect(p.probability).toBeCloseTo(1 / (1 + Math.exp(-eta)), 12);
    const ranked = [['c-level', 'c-level'], ['size#1', 'size=1000+'], ['freemail', 'freemail']]
      .sort((a, b) => Math.abs(w(b[0]!)) - Math.abs(w(a[0]!)))
      .slice(0, 2)
      .map(([k, name]) => `${w(k!) > 0 ? '+' : '-'}${name}`);
    expect(p.factors).toEqual(ranked);
    expect(p.modelFittedAt).toBe(NOW);
    // nothing scored: the base rate, no factors
    expect(predict([])).toEqual({ probability: 1 / (1 + Math.exp(-m.intercept)), factors: [], modelFittedAt: NOW });
    expect(predictionText({ probability: 0.234, factors: ['+c-level', '-freemail'], modelFittedAt: NOW })).toBe('win probability 23%: +c-level, -freemail');
  });

  it('says why there is no model below the minimum', () => {
    const few = fitPredictiveModel(leads.slice(0, 300), ON.compiled, { tenant: 't', config: 'v1', now: NOW, minOutcomes: 200 });
    expect(few.ok).toBe(false);
    if (!few.ok) expect(few.reason).toMatch(/^not enough outcomes for a predictive model: \d+ leads with a won or lost deal, 200 needed \(scoring\.predictive\.minOutcomes\)/);
  });
});

describe('the refit job, on a SQLite store', () => {
  let store: Store;
  const T0 = Date.now() - 30 * DAY;
  beforeEach(async () => {
    store = createSqliteStore(':memory:');
    await store.migrate();
    await seedCalibration(store, { count: 1500, now: T0 });
    await store.saveInstall({ tenant: TENANT, crm: 'hubspot', externalId: '62515', credentials: 'x', meta: {}, installedAt: T0, updatedAt: T0 });
  });
  afterEach(async () => store.close());

  it('below the minimum: no model, nothing stored, a clear log line; never a throw', async () => {
    const { logger, lines } = captureLogger();
    const config = () => predictiveConfig('{ enabled: true, minOutcomes: 5000 }');
    const out = await refitPredictive({ store, logger, config, now: () => T0 + 10 * DAY }, TENANT);
    expect(out.status).toBe('not-enough');
    expect(await store.getPredictiveModel(TENANT)).toBeNull();
    const line = lines.find((l) => l.message.startsWith('predictive score: not enough outcomes'))!;
    expect(line.message).toMatch(/\d+ leads with a won or lost deal, 5000 needed/);
    expect(line.tenant).toBe(TENANT);
  });

  it('off: nothing fitted, nothing logged', async () => {
    const { logger, lines } = captureLogger();
    const out = await refitPredictive({ store, logger, config: () => predictiveConfig('{ enabled: false }'), now: () => T0 + 10 * DAY }, TENANT);
    expect(out).toEqual({ status: 'off' });
    expect(lines).toEqual([]);
    expect(await store.getPredictiveModel(TENANT)).toBeNull();
  });

  it('above the minimum: fits, then refits only once the retrain interval passed; drops the model when outcomes fall below', async () => {
    const { logger } = captureLogger();
    let now = T0 + 10 * DAY;
    let config = ON;
    const job = createPredictiveRefitJob({ store, logger, config: () => config, now: () => now, tenants: async () => (await store.listInstalls()).map((i) => i.tenant) });
    await job.runOnce();
    const first = (await store.getPredictiveModel(TENANT))!;
    expect(first).toMatchObject({ tenant: TENANT, fittedAt: now, leads: 1500, config: 'file:' + first.config.slice(5) });
    expect(first.outcomes).toBeGreaterThanOrEqual(200);
    now += DAY / 2; // daily: not due yet
    await job.runOnce();
    expect((await store.getPredictiveModel(TENANT))!.fittedAt).toBe(first.fittedAt);
    now += DAY / 2;
    await job.runOnce();
    expect((await store.getPredictiveModel(TENANT))!.fittedAt).toBe(now);
    config = predictiveConfig('{ enabled: true, minOutcomes: 100000 }');
    now += DAY;
    await job.runOnce();
    expect(await store.getPredictiveModel(TENANT)).toBeNull();
  });

  it('a decision gets the probability and its factors, in the evaluation and the reasons; score, tier and route unchanged', async () => {
    const { logger } = captureLogger();
    await refitPredictive({ store, logger, config: () => ON, now: () => T0 + 10 * DAY }, TENANT);
    const predict = (await loadPredictor(store, TENANT, ON.compiled))!;
    expect(predict).not.toBeNull();
    const before = evaluateLead({ id: 'new', fields: { job_title: 'CFO', employees: 300, industry: 'software', email: 'a@acme.example', page_views: 4 } }, ON.compiled, emptyState(), T0 + 11 * DAY);
    const after = predict(before);
    expect(after.prediction!.probability).toBeGreaterThan(0);
    expect(after.prediction!.probability).toBeLessThan(1);
    expect(after.prediction!.factors).toHaveLength(2);
    expect(after.reasons).toBe(`${before.reasons}; win probability ${Math.round(after.prediction!.probability * 100)}%: ${after.prediction!.factors.join(', ')}`);
    expect(after.reasons).toMatch(/win probability \d+%: [+-]/);
    expect({ ...after, prediction: undefined, reasons: before.reasons }).toEqual({ ...before, prediction: undefined });
    // off, or no model: no predictor
    expect(await loadPredictor(store, TENANT, predictiveConfig('{ enabled: false }').compiled)).toBeNull();
    expect(await loadPredictor(store, 'hubspot:other', ON.compiled)).toBeNull();
  });

  it('the reasons keep their length limit: the rule reasons are cut, the probability kept', () => {
    expect(appendReason('a'.repeat(20), 'win probability 5%', 30)).toBe(`${'a'.repeat(9)}…; win probability 5%`);
    expect(appendReason('short', 'win probability 5%', 100)).toBe('short; win probability 5%');
  });
});
