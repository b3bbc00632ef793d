import { describe, it, expect } from '@jest/globals';
import { describeRoute, explainScore, formatReasons } from '../../../src/engine/explain.ts';
import type { RouteDecision, ScoreContribution, ScoreResult } from '../../../src/engine/types.ts';

const c = (kind: 'fit' | 'engagement', label: string, points: number, note?: string): ScoreContribution => ({
  kind,
  group: 'g',
  rule: label.replace(/\W+/g, '-'),
  label,
  raw: points,
  points,
  ...(note ? { note } : {}),
});

const example: ScoreResult = {
  fit: 60,
  engagement: 12.5,
  total: 72.5,
  contributions: [
    c('fit', 'title CFO', 25),
    c('engagement', 'webinar', 12.5, 'decayed from 15'),
    c('fit', 'free-mail domain', -20),
    c('fit', 'company size 1000+', 30),
    c('fit', 'industry pharma', 30),
  ],
  adjustments: [{ scope: 'fit', reason: 'cap', from: 65, to: 60 }],
};

const route = (over: Partial<RouteDecision>): RouteDecision => ({
  owner: 'anna@x.com',
  rule: 'pharma',
  target: 'team',
  team: 'pharma',
  reason: 'rule pharma -> team pharma (round_robin): anna@x.com',
  trace: [],
  candidates: [],
  ...over,
});

describe('explainScore', () => {
  it('orders fit then engagement by absolute points (ties keep config order), then caps', () => {
    expect(explainScore(example)).toBe(
      '+30 company size 1000+, +30 industry pharma, +25 title CFO, -20 free-mail domain, +12.5 webinar (decayed from 15), fit capped at 60',
    );
  });

  it.each<[string, ScoreResult, string]>([
    ['nothing matched', { fit: 0, engagement: 0, total: 0, contributions: [], adjustments: [] }, 'no scoring rules matched'],
    [
      'floors and group scopes',
      {
        fit: -30,
        engagement: 0,
        total: 0,
        contributions: [c('fit', 'student', -25), c('fit', 'competitor', -100)],
        adjustments: [
          { scope: 'fit/negative', reason: 'floor', from: -125, to: -30 },
          { scope: 'total', reason: 'floor', from: -30, to: 0 },
        ],
      },
      '-100 competitor, -25 student, fit/negative floored at -30, total floored at 0',
    ],
    [
      'two-decimal points and notes',
      { fit: 0, engagement: 9.06, total: 9.06, contributions: [c('engagement', '4 × email_open', 9.06, 'capped at 10, decayed from 10')], adjustments: [] },
      '+9.06 4 × email_open (capped at 10, decayed from 10)',
    ],
  ])('%s', (_name, score, text) => {
    expect(explainScore(score)).toBe(text);
  });

  it('does not reorder the score it explains', () => {
    const before = example.contributions.map((x) => x.label);
    explainScore(example);
    expect(example.contributions.map((x) => x.label)).toEqual(before);
  });
});

describe('describeRoute', () => {
  it.each<[string, Partial<RouteDecision>, string]>([
    ['team via rule', {}, '-> anna@x.com via rule pharma (team pharma)'],
    ['direct owner', { target: 'owner', team: undefined, rule: 'vip' }, '-> anna@x.com via rule vip'],
    ['account owner', { target: 'account_owner', team: undefined, rule: 'existing-account' }, '-> anna@x.com via rule existing-account (account owner)'],
    ['keep current', { target: 'keep_current', team: undefined, rule: null }, '-> anna@x.com (current owner kept)'],
    ['fallback team', { target: 'fallback', team: 'sdr', rule: null }, '-> anna@x.com via fallback (team sdr)'],
    ['unassigned by rule', { owner: null, target: 'unassigned', team: undefined, rule: 'spam', reason: 'rule spam -> unassigned' }, '-> unassigned via rule spam'],
    ['unassigned, nobody eligible', { owner: null, target: 'unassigned', team: undefined, rule: null, reason: 'no eligible owner' }, '-> unassigned (no eligible owner)'],
  ])('%s', (_name, over, text) => {
    expect(describeRoute(route(over))).toBe(text);
  });
});

describe('formatReasons', () => {
  const full =
    '+30 company size 1000+, +30 industry pharma, +25 title CFO, -20 free-mail domain, +12.5 webinar (decayed from 15), fit capped at 60 -> anna@x.com via rule pharma (team pharma)';

  it('appends the route to the score explanation', () => {
    expect(formatReasons(example, route({}), 1000)).toBe(full);
  });

  it.each<[number, string]>([
    [full.length, full],
    [full.length - 1, '+30 company size 1000+, +30 industry pharma, +25 title CFO, -20 free-mail domain, +12.5 webinar (decayed from 15), … -> anna@x.com via rule pharma (team pharma)'],
    [120, '+30 company size 1000+, +30 industry pharma, +25 title CFO, … -> anna@x.com via rule pharma (team pharma)'],
    [70, '+30 company size 1000+, … -> anna@x.com via rule pharma (team pharma)'],
    [50, '… -> anna@x.com via rule pharma (team pharma)'],
    [40, '+30 company size 1000+, …'],
    [20, '…'],
    [0, ''],
  ])('truncates at an item boundary to maxLength %p', (max, text) => {
    expect(formatReasons(example, route({}), max)).toBe(text);
  });

  it('never exceeds maxLength and always ends on a whole item', () => {
    const items = explainScore(example).split(', ');
    for (let max = 0; max <= full.length + 5; max++) {
      const text = formatReasons(example, route({}), max);
      expect(text.length).toBeLessThanOrEqual(max);
      const scorePart = text.split(' -> ')[0]!;
      if (scorePart === '' || scorePart === full.split(' -> ')[0]) continue;
      const kept = scorePart.split(', ');
      expect(kept[kept.length - 1]).toBe('…');
      expect(kept.slice(0, -1)).toEqual(items.slice(0, kept.length - 1));
    }
  });

  it('says so when nothing matched', () => {
    const empty: ScoreResult = { fit: 0, engagement: 0, total: 0, contributions: [], adjustments: [] };
    expect(formatReasons(empty, route({ target: 'fallback', rule: null, team: 'sdr' }), 1000)).toBe(
      'no scoring rules matched -> anna@x.com via fallback (team sdr)',
    );
  });

  it('is deterministic', () => {
    const a = formatReasons(example, route({}), 100);
    const b = formatReasons(structuredClone(example), route({}), 100);
    expect(a).toBe(b);
  });
});
