// Lift by decile and tier, and the inversion check: flagged only when a higher band's 95%
// interval lies entirely below a lower band's. Plus the logistic fit against closed forms.
import { describe, expect, it } from '@jest/globals';
import type { CalibrationLead } from '../../../src/calibration/collect-leads.ts';
import { decileRows, findInversions, tierRows } from '../../../src/calibration/lift.ts';
import { fitLogistic } from '../../../src/calibration/logistic.ts';

function leads(spec: [tier: string, score: number, n: number, won: number][]): CalibrationLead[] {
  const out: CalibrationLead[] = [];
  for (const [tier, score, n, won] of spec) {
    for (let i = 0; i < n; i++) out.push({ leadId: `${tier}-${score}-${i}`, at: 0, score, tier, contributions: [], won: i < won, closed: i < won });
  }
  return out;
}

describe('lift by tier', () => {
  it('flags a higher tier converting worse beyond the intervals', () => {
    const rows = tierRows(leads([['hot', 80, 200, 20], ['warm', 50, 200, 60], ['cold', 10, 200, 10]]), ['hot', 'warm', 'cold']);
    expect(rows.map((r) => [r.band, r.won.n, r.won.successes])).toEqual([['hot', 200, 20], ['warm', 200, 60], ['cold', 200, 10]]);
    expect(findInversions(rows, 'tier')).toEqual([{ kind: 'tier', higher: 'hot', lower: 'warm', higherRate: 0.1, lowerRate: 0.3 }]);
  });

  it('does not flag a difference the intervals cannot tell apart', () => {
    const rows = tierRows(leads([['hot', 80, 20, 4], ['warm', 50, 20, 6], ['cold', 10, 20, 1]]), ['hot', 'warm', 'cold']);
    expect(findInversions(rows, 'tier')).toEqual([]);
  });

  it('lists every configured tier (empty ones with n = 0) and tiers of older configs after them', () => {
    const rows = tierRows(leads([['warm', 50, 3, 1], ['legacy', 20, 2, 0]]), ['hot', 'warm', 'cold']);
    expect(rows.map((r) => [r.band, r.won.n])).toEqual([['hot', 0], ['warm', 3], ['cold', 0], ['legacy', 2]]);
    expect(rows[0]!.won.rate).toBeNull();
    expect(findInversions(rows, 'tier')).toEqual([]);
  });
});

describe('lift by decile', () => {
  it('cuts ten bands by score rank, highest first, keeping equal scores together', () => {
    const many = Array.from({ length: 100 }, (_, i): CalibrationLead => ({ leadId: String(i), at: 0, score: i, tier: 't', contributions: [], won: i >= 90, closed: true }));
    const rows = decileRows(many);
    expect(rows.map((r) => [r.band, r.minScore, r.maxScore, r.won.n])).toEqual(
      Array.from({ length: 10 }, (_, k) => [`D${10 - k}`, (9 - k) * 10, (9 - k) * 10 + 9, 10]),
    );
    const tied = decileRows(leads([['t', 5, 50, 0], ['t', 7, 50, 0]]));
    expect(tied.filter((r) => r.won.n > 0).map((r) => [r.band, r.minScore, r.won.n])).toEqual([['D6', 7, 50], ['D1', 5, 50]]);
  });

  it('flags the top decile converting worse than a lower one', () => {
    const spec: [string, number, number, number][] = Array.from({ length: 10 }, (_, d) => ['t', d * 10, 100, d === 9 ? 5 : 10 + d * 3]);
    const inversions = findInversions(decileRows(leads(spec)), 'decile');
    expect(inversions.every((i) => i.higher === 'D10')).toBe(true);
    expect(inversions.map((i) => i.lower)).toEqual(['D9', 'D8', 'D7', 'D6', 'D5', 'D4']);
  });
});

describe('fitLogistic', () => {
  it('matches the log odds ratio of a 2x2 table (no penalty to speak of)', () => {
    // feature 1: 300 leads, 120 won; feature 0: 700 leads, 70 won
    const rows: [number, number][] = [];
    for (let i = 0; i < 300; i++) rows.push([1, i < 120 ? 1 : 0]);
    for (let i = 0; i < 700; i++) rows.push([0, i < 70 ? 1 : 0]);
    const fit = fitLogistic(Float64Array.from(rows, (r) => r[0]), 1, Uint8Array.from(rows, (r) => r[1]), undefined, { lambda: 1e-9 });
    expect(fit.converged).toBe(true);
    expect(fit.intercept).toBeCloseTo(Math.log(70 / 630), 6);
    expect(fit.weights[0]).toBeCloseTo(Math.log(120 / 180) - Math.log(70 / 630), 6);
  });

  it('stays finite on a separable item and on an item nobody has, shrinking with lambda', () => {
    const x = new Float64Array(200 * 2);
    const y = new Uint8Array(200);
    for (let i = 0; i < 200; i++) {
      x[i * 2] = i < 50 ? 1 : 0; // every lead with it was won: unbounded without the penalty
      y[i] = i < 50 || i % 3 === 0 ? 1 : 0;
    }
    const weak = fitLogistic(x, 2, y, undefined, { lambda: 0.1 });
    const strong = fitLogistic(x, 2, y, undefined, { lambda: 10 });
    expect(weak.weights.every(Number.isFinite)).toBe(true);
    expect(weak.weights[1]).toBe(0);
    expect(strong.weights[0]!).toBeGreaterThan(0);
    expect(strong.weights[0]!).toBeLessThan(weak.weights[0]!);
  });
});
