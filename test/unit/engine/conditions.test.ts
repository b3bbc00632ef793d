import { describe, expect, it } from '@jest/globals';
import { conditionSchema, type Condition } from '../../../src/config/schema.ts';
import { evaluateCondition, testCondition } from '../../../src/engine/conditions.ts';
import { matchPredicate } from '../../../src/engine/predicate.ts';
import type { Lead } from '../../../src/engine/types.ts';
import { makeConfig, scoreOf } from './route-fixtures.ts';

const compiled = makeConfig({ owners: ['anna@x.test'] });
const lead: Lead = {
  id: 'l1',
  fields: { industry: 'Pharma', country: 'CZ', employees: 1200, postcode: '110 00', title: 'VP Sales', empty: '' },
  currentOwner: 'anna@x.test',
  accountOwner: null,
};
const ctx = { score: scoreOf(82, 50, 32), tier: 'hot', grade: 'A1' };
const cond = (c: unknown): Condition => conditionSchema.parse(c);

describe('evaluateCondition', () => {
  it.each<[string, unknown, boolean, string]>([
    ['equals, case-insensitive', { field: 'industry', equals: 'pharma' }, true, 'industry = pharma (industry "Pharma")'],
    ['in', { field: 'country', in: ['SK', 'CZ'] }, true, 'country in [SK, CZ] (country "CZ")'],
    ['numeric min on a lead field', { field: 'employees', min: 1000 }, true, 'employees >= 1000 (employees 1200)'],
    ['between postcodes', { field: 'postcode', between: ['100 00', '199 99'] }, true, 'postcode between 100 00..199 99 (postcode "110 00")'],
    ['regex', { field: 'title', matches: '^(vp|chief)' }, true, 'title ~ /^(vp|chief)/i (title "VP Sales")'],
    ['missing field', { field: 'region', equals: 'emea' }, false, 'region = emea (region missing)'],
    ['empty string counts as missing', { field: 'empty', exists: false }, true, 'empty is missing (empty missing)'],
    ['pseudo-field score', { field: 'score', min: 90 }, false, 'score >= 90 (score 82)'],
    ['pseudo-field fit', { field: 'fit', min: 50 }, true, 'fit >= 50 (fit 50)'],
    ['pseudo-field engagement', { field: 'engagement', max: 30 }, false, 'engagement <= 30 (engagement 32)'],
    ['pseudo-field tier', { field: 'tier', equals: 'hot' }, true, 'tier = hot (tier "hot")'],
    ['pseudo-field grade', { field: 'grade', startsWith: 'A' }, true, 'grade starts with A (grade "A1")'],
    ['pseudo-field current_owner', { field: 'current_owner', equals: 'ANNA@x.test' }, true, 'current_owner = ANNA@x.test (current_owner "anna@x.test")'],
    ['pseudo-field account_owner', { field: 'account_owner', exists: true }, false, 'account_owner exists (account_owner missing)'],
    [
      'all: every part when met',
      { all: [{ field: 'industry', equals: 'pharma' }, { field: 'score', min: 80 }] },
      true,
      'industry = pharma (industry "Pharma") and score >= 80 (score 82)',
    ],
    [
      'all: only the first failing part',
      { all: [{ field: 'industry', equals: 'pharma' }, { field: 'score', min: 90 }, { field: 'country', equals: 'DE' }] },
      false,
      'score >= 90 (score 82)',
    ],
    [
      'any: the first met part',
      { any: [{ field: 'country', equals: 'DE' }, { field: 'tier', in: ['hot', 'warm'] }, { field: 'fit', min: 0 }] },
      true,
      'tier in [hot, warm] (tier "hot")',
    ],
    [
      'any: every part when none met',
      { any: [{ field: 'country', equals: 'DE' }, { field: 'score', min: 90 }] },
      false,
      'none of: country = DE (country "CZ"); score >= 90 (score 82)',
    ],
    ['not', { not: { field: 'country', equals: 'DE' } }, true, 'not [country = DE (country "CZ")]'],
    ['not of a met condition', { not: { field: 'country', equals: 'CZ' } }, false, 'not [country = CZ (country "CZ")]'],
    [
      'nested all / any / not',
      { all: [{ any: [{ field: 'grade', in: ['A1', 'A2'] }, { field: 'score', min: 95 }] }, { not: { field: 'industry', in: ['retail'] } }] },
      true,
      'grade in [A1, A2] (grade "A1") and not [industry in [retail] (industry "Pharma")]',
    ],
  ])('%s', (_name, raw, matched, why) => {
    const c = cond(raw);
    expect(evaluateCondition(c, lead, ctx, compiled)).toEqual({ matched, why });
    expect(testCondition(c, lead, ctx, compiled)).toBe(matched);
  });

  it('pseudo-fields win over a lead field of the same name', () => {
    const l: Lead = { id: 'l2', fields: { score: 5, tier: 'cold' } };
    expect(testCondition(cond({ field: 'score', min: 80 }), l, ctx, compiled)).toBe(true);
    expect(testCondition(cond({ field: 'tier', equals: 'cold' }), l, ctx, compiled)).toBe(false);
  });

  it('a null grade (no grade matrix) is missing', () => {
    expect(testCondition(cond({ field: 'grade', exists: false }), lead, { ...ctx, grade: null }, compiled)).toBe(true);
  });

  it('the precompiled matchers agree with matchPredicate on every operator and value', () => {
    const predicates: Record<string, unknown>[] = [
      { equals: 'pharma' },
      { equals: 5 },
      { equals: true },
      { equals: 0 },
      { in: ['Pharma', 'biotech', 5, true] },
      { in: [1200, 0] },
      { in: ['5'] },
      { notIn: ['pharma', 5, false] },
      { min: 5 },
      { max: 0 },
      { min: -1, max: 1200 },
      { exists: true },
      { exists: false },
      { contains: 'arm' },
      { matches: '^ph' },
      { startsWith: ['1', 'PH'] },
      { between: ['100', '1300'] },
    ];
    const values = ['Pharma', ' pharma ', 'PHARMA', '', '  ', null, undefined, 5, '5', '5.0', ' 5 ', '1,200', 1200, true, 'true', false, 0, -0, '0', 'abc', Infinity, NaN];
    const regex = (s: string) => new RegExp(s, 'i');
    for (const p of predicates) {
      const c = cond({ field: 'x', ...p });
      for (const v of values) {
        const l: Lead = { id: 'eq', fields: { x: v as never } };
        expect([p, v, testCondition(c, l, ctx, compiled)]).toEqual([p, v, matchPredicate(p, v as never, regex)]);
      }
    }
  });

  it('compiles a regex not seen at compile time only once', () => {
    const c = cond({ field: 'title', matches: 'sales$' });
    expect(testCondition(c, lead, ctx, compiled)).toBe(true);
    const re = compiled.regex.get('sales$');
    expect(re).toBeInstanceOf(RegExp);
    testCondition(c, lead, ctx, compiled);
    expect(compiled.regex.get('sales$')).toBe(re);
  });
});
