// Calibration on synthetic data with a known generating model (scripts/calibration-synthetic.ts):
// the fit recovers the true weights' signs and order, the suggestion's holdout AUC is within
// 0.02 of the oracle's (the true log-odds), and the suggested points follow the evidence.
import { describe, expect, it } from '@jest/globals';
import { auc, inHoldout } from '../../../src/calibration/auc.ts';
import { calibrate } from '../../../src/calibration/calibrate.ts';
import { HOLDOUT_SHARE } from '../../../src/calibration/suggest-points.ts';
import { applySuggestions } from '../../../src/calibration/apply-draft.ts';
import { fitLogistic } from '../../../src/calibration/logistic.ts';
import { generateSyntheticLeads, SYNTHETIC_CONFIG, syntheticConfig, TRUE_WEIGHTS } from '../../../scripts/calibration-synthetic.ts';

const NOW = Date.parse('2026-06-01T00:00:00Z');
const config = syntheticConfig();
const leads = generateSyntheticLeads({ count: 30_000, seed: 7, now: NOW, config });
const { report } = calibrate(leads, config.compiled, { tenant: 'hubspot:1', since: NOW, configLabel: 'v1' });

describe('calibrate on a known generating model', () => {
  it('reads every scoring item of the config from the ledger', () => {
    expect(report.items.map((r) => r.key)).toEqual(['c-level', 'director', 'size#1', 'size#2', 'size#3', 'software', 'freemail', 'page-views']);
    expect(report.notEnough).toBeNull();
    expect(report.model?.converged).toBe(true);
    expect(report.model!.train + report.model!.holdout).toBe(30_000);
    expect(report.model!.holdout / 30_000).toBeCloseTo(HOLDOUT_SHARE, 1);
  });

  it('recovers the signs and the order of the true weights', () => {
    const fitted = Object.fromEntries(report.items.map((r) => [r.key, r.weight!]));
    for (const [key, w] of Object.entries(TRUE_WEIGHTS)) expect([key, Math.sign(fitted[key]!)]).toEqual([key, Math.sign(w)]);
    // per-match items ordered like the truth (page views are per unit: another scale)
    const perMatch = Object.keys(TRUE_WEIGHTS).filter((k) => k !== 'page-views');
    const byTruth = [...perMatch].sort((a, b) => TRUE_WEIGHTS[b]! - TRUE_WEIGHTS[a]!);
    const byFit = [...perMatch].sort((a, b) => fitted[b]! - fitted[a]!);
    expect(byFit).toEqual(byTruth);
    // and close to the truth (n = 24,000 training leads)
    for (const [key, w] of Object.entries(TRUE_WEIGHTS)) expect(Math.abs(fitted[key]! - w)).toBeLessThan(key === 'page-views' ? 0.03 : 0.2);
  });

  it('suggests points with the right signs, and a holdout AUC within 0.02 of the oracle and above the guessed points', () => {
    for (const r of report.items) {
      if (TRUE_WEIGHTS[r.key]! > 0.3) expect([r.key, r.suggested! > 0]).toEqual([r.key, true]);
      if (TRUE_WEIGHTS[r.key]! < -0.3) expect([r.key, r.suggested! < 0]).toEqual([r.key, true]);
    }
    const hold = leads.filter((l) => inHoldout(l.leadId, HOLDOUT_SHARE));
    const oracle = auc(hold.map((l) => l.trueLogit), hold.map((l) => (l.won ? 1 : 0)))!;
    expect(report.model!.aucSuggested!).toBeGreaterThan(oracle - 0.02);
    expect(report.model!.aucSuggested!).toBeLessThanOrEqual(oracle + 0.02);
    // the config's guesses (director = c-level/2 + ..., size 200-999 = 1000+) rank worse
    expect(report.model!.aucSuggested!).toBeGreaterThan(report.model!.aucCurrent!);
  });

  it('reports won rates with and without each item', () => {
    const c = report.items.find((r) => r.key === 'c-level')!;
    const withC = leads.filter((l) => l.contributions.some((x) => x.rule === 'c-level'));
    expect(c.withItem.n).toBe(withC.length);
    expect(c.withItem.successes).toBe(withC.filter((l) => l.won).length);
    expect(c.withItem.n + c.withoutItem.n).toBe(leads.length);
    expect(c.withItem.rate!).toBeGreaterThan(c.withoutItem.rate!);
  });

  it('keeps the points of an item too few leads had (no suggestion, the draft leaves it alone)', () => {
    let kept = 0;
    const rare = leads.map((l) => {
      const has = l.contributions.some((c) => c.rule === 'software');
      if (has && kept++ < 10) return l;
      return { ...l, contributions: l.contributions.filter((c) => c.rule !== 'software') };
    });
    const r = calibrate(rare, config.compiled, { tenant: 'hubspot:1', since: NOW, configLabel: 'v1' });
    const software = r.report.items.find((i) => i.key === 'software')!;
    expect(software).toMatchObject({ sparse: true, suggested: null, points: 10 });
    expect(software.withItem.n).toBe(10);
    expect(r.report.items.filter((i) => i.sparse).map((i) => i.key)).toEqual(['software']);
    const { yaml, changes } = applySuggestions(SYNTHETIC_CONFIG, r.items, r.report);
    expect(changes.map((c) => c.key)).not.toContain('software');
    expect(yaml).toContain("- { id: software, field: industry, in: [software], points: 10 }");
  });

  it('says how many outcomes exist and are needed instead of fitting below the minimum', () => {
    const few = leads.slice(0, 300);
    const closed = few.filter((l) => l.closed).length;
    const r = calibrate(few, config.compiled, { tenant: 'hubspot:1', since: NOW, configLabel: 'v1', minOutcomes: 500 }).report;
    expect(r.model).toBeNull();
    expect(r.items.every((i) => i.suggested === null && i.weight === null)).toBe(true);
    expect(r.notEnough).toBe(`not enough outcomes for suggested points: ${closed} leads with a won or lost deal in the window, 500 needed (--min-outcomes); lift and won rates are shown, no model`);
    expect(r.deciles).toHaveLength(10);
  });
});

describe('bad-fit verdicts in the fit', () => {
  it('a row of weight 2 fits like the row twice', () => {
    const sample = leads.slice(0, 2000);
    const p = 2;
    const feature = (l: (typeof sample)[number]) => [l.contributions.some((c) => c.rule === 'software') ? 1 : 0, l.contributions.some((c) => c.rule === 'freemail') ? 1 : 0];
    const doubled = sample.flatMap((l, i) => (i % 3 === 0 ? [l, l] : [l]));
    const x = Float64Array.from(sample.flatMap(feature));
    const y = Uint8Array.from(sample, (l) => (l.won ? 1 : 0));
    const weighted = fitLogistic(x, p, y, undefined, { rowWeights: Float64Array.from(sample, (_, i) => (i % 3 === 0 ? 2 : 1)) });
    const copies = fitLogistic(Float64Array.from(doubled.flatMap(feature)), p, Uint8Array.from(doubled, (l) => (l.won ? 1 : 0)));
    expect(weighted.intercept).toBeCloseTo(copies.intercept, 6);
    weighted.weights.forEach((w, j) => expect(w).toBeCloseTo(copies.weights[j]!, 6));
  });

  it('counts bad-fit leads per item, ignores the mark on a won lead, and lowers the shared item', () => {
    const freemail = (l: (typeof leads)[number]) => l.contributions.some((c) => c.rule === 'freemail');
    const marked = leads.map((l) => (freemail(l) || l.won ? { ...l, badFit: true } : l));
    const r = calibrate(marked, config.compiled, { tenant: 'hubspot:1', since: NOW, configLabel: 'v1' }).report;
    const expected = leads.filter((l) => freemail(l) && !l.won).length;
    expect(r.badFit).toBe(expected);
    expect(r.badFitWeight).toBe(2);
    expect(r.items.find((i) => i.key === 'freemail')!.badFit).toBe(expected);
    expect(r.items.find((i) => i.key === 'freemail')!.suggested!).toBeLessThan(report.items.find((i) => i.key === 'freemail')!.suggested!);
    expect(r.won).toBe(report.won);
    // weight 1: same fit as without the verdicts
    const plain = calibrate(marked, config.compiled, { tenant: 'hubspot:1', since: NOW, configLabel: 'v1', badFitWeight: 1 }).report;
    expect(plain.items.map((i) => i.weight)).toEqual(report.items.map((i) => i.weight));
  });
});

describe('auc', () => {
  it('counts ties half and needs both classes', () => {
    expect(auc([1, 2, 3, 4], [0, 0, 1, 1])).toBe(1);
    expect(auc([4, 3, 2, 1], [0, 0, 1, 1])).toBe(0);
    expect(auc([1, 1, 1, 1], [0, 1, 0, 1])).toBe(0.5);
    expect(auc([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1])).toBe(0.75);
    expect(auc([1, 2], [1, 1])).toBeNull();
  });

  it('splits the holdout by lead id, stably and near the share', () => {
    const ids = Array.from({ length: 10_000 }, (_, i) => `lead-${i}`);
    const share = ids.filter((id) => inHoldout(id, 0.2)).length / ids.length;
    expect(share).toBeGreaterThan(0.18);
    expect(share).toBeLessThan(0.22);
    expect(ids.filter((id) => inHoldout(id, 0.2))).toEqual(ids.filter((id) => inHoldout(id, 0.2)));
  });
});
