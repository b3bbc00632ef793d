import { describe, it, expect } from '@jest/globals';
import { configSchema } from '../../../src/config/schema.ts';
import { compileConfig } from '../../../src/engine/compile.ts';
import { classify, pickThreshold } from '../../../src/engine/tiers.ts';
import { scoreLead } from '../../../src/engine/score.ts';
import type { CompiledConfig, ScoreResult } from '../../../src/engine/types.ts';

function compile(tiers: unknown, scoring: unknown = {}): CompiledConfig {
  return compileConfig(configSchema.parse({ version: 1, scoring, tiers, owners: [{ email: 'a@x.com' }], routing: {} }));
}
const score = (fit: number, engagement: number, total = fit + engagement): ScoreResult => ({
  fit,
  engagement,
  total,
  contributions: [],
  adjustments: [],
});

const priority = [{ name: 'hot', min: 70 }, { name: 'warm', min: 40 }, { name: 'cold' }];
const grade = {
  fit: [{ grade: 'A', min: 40 }, { grade: 'B', min: 20 }, { grade: 'C' }],
  engagement: [{ grade: '1', min: 30 }, { grade: '2', min: 10 }, { grade: '3' }],
};

describe('classify: priority tiers', () => {
  const compiled = compile({ priority });
  it.each<[number, string]>([
    [100, 'hot'],
    [70, 'hot'],
    [69.99, 'warm'],
    [40, 'warm'],
    [39.99, 'cold'],
    [0, 'cold'],
    [-25, 'cold'],
  ])('total %p -> %s', (total, tier) => {
    expect(classify(score(total, 0), compiled)).toEqual({ tier, grade: null });
  });

  it.each<[number, string]>([
    [80, 'hot'],
    [50, 'warm'],
    [10, 'warm'],
  ])('without a catch-all, total %p falls back to the last entry (%s)', (total, tier) => {
    const noCatchAll = compile({ priority: [{ name: 'hot', min: 70 }, { name: 'warm', min: 40 }] });
    expect(classify(score(total, 0), noCatchAll).tier).toBe(tier);
  });

  it('uses the first matching entry in config order', () => {
    const unordered = compile({ priority: [{ name: 'warm', min: 40 }, { name: 'hot', min: 70 }, { name: 'cold' }] });
    expect(classify(score(90, 0), unordered).tier).toBe('warm');
  });

  it('compares the total, not fit + engagement (caps apply)', () => {
    expect(classify(score(60, 30, 65), compiled).tier).toBe('warm');
  });
});

describe('classify: grades', () => {
  const compiled = compile({ priority, grade });
  it.each<[number, number, string]>([
    [40, 30, 'A1'],
    [39.99, 30, 'B1'],
    [20, 29.99, 'B2'],
    [19.99, 10, 'C2'],
    [50, 9.99, 'A3'],
    [-10, -5, 'C3'],
  ])('fit %p, engagement %p -> %s', (fit, engagement, expected) => {
    expect(classify(score(fit, engagement), compiled).grade).toBe(expected);
  });

  it('grades a scored lead end to end', () => {
    const scored = compile(
      { priority, grade },
      {
        fit: { groups: [{ name: 'size', rules: [{ field: 'employees', min: 1000, points: 45 }] }] },
        engagement: { groups: [{ name: 'web', rules: [{ event: 'webinar', points: 15 }] }] },
      },
    );
    const now = Date.UTC(2026, 0, 1);
    const result = scoreLead({ id: 'l', fields: { employees: 2500 }, events: [{ type: 'webinar', at: now }] }, scored, now);
    expect(classify(result, scored)).toEqual({ tier: 'warm', grade: 'A2' });
  });
});

describe('pickThreshold', () => {
  it('treats an entry without min as matching anything', () => {
    expect(pickThreshold([{ min: 10, n: 'a' }, { n: 'b' }, { min: -100, n: 'c' }], -50).n).toBe('b');
  });
});
