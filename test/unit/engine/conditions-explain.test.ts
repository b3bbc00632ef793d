// explainTest (one pass: test + why) against the two-pass reference it replaced: test every
// part with matchPredicate, then explain along the parts that decided the result.
import { describe, expect, it } from '@jest/globals';
import { conditionSchema, type Condition } from '../../../src/config/schema.ts';
import { evaluateCondition } from '../../../src/engine/conditions.ts';
import { describePredicate, isEmpty, matchPredicate } from '../../../src/engine/predicate.ts';
import type { FieldValue, Lead } from '../../../src/engine/types.ts';
import { makeConfig, scoreOf } from './route-fixtures.ts';

const compiled = makeConfig({ owners: ['anna@x.test'] });
type Ctx = { score: ReturnType<typeof scoreOf>; tier: string; grade: string | null };
type Leaf = Extract<Condition, { field: string }>;

function value(leaf: Leaf, lead: Lead, ctx: Ctx): FieldValue | undefined {
  switch (leaf.field) {
    case 'score':
      return ctx.score.total;
    case 'fit':
      return ctx.score.fit;
    case 'tier':
      return ctx.tier;
    case 'grade':
      return ctx.grade;
    default:
      return lead.fields[leaf.field];
  }
}

const regexFor = (src: string) => new RegExp(src, 'i');
function test(c: Condition, lead: Lead, ctx: Ctx): boolean {
  if ('all' in c) return c.all.every((k) => test(k, lead, ctx));
  if ('any' in c) return c.any.some((k) => test(k, lead, ctx));
  if ('not' in c) return !test(c.not, lead, ctx);
  return matchPredicate(c, value(c, lead, ctx), regexFor);
}
function show(v: FieldValue | undefined): string {
  if (isEmpty(v)) return 'missing';
  return typeof v === 'string' ? `"${v}"` : String(v);
}
function explain(c: Condition, result: boolean, lead: Lead, ctx: Ctx): string {
  if ('all' in c) {
    if (result) return c.all.map((k) => explain(k, true, lead, ctx)).join(' and ');
    return explain(c.all.find((k) => !test(k, lead, ctx))!, false, lead, ctx);
  }
  if ('any' in c) {
    if (!result) return `none of: ${c.any.map((k) => explain(k, false, lead, ctx)).join('; ')}`;
    return explain(c.any.find((k) => test(k, lead, ctx))!, true, lead, ctx);
  }
  if ('not' in c) return `not [${explain(c.not, !result, lead, ctx)}]`;
  return `${describePredicate(c.field, c)} (${c.field} ${show(value(c, lead, ctx))})`;
}

const LEAVES: unknown[] = [
  { field: 'score', min: 50 },
  { field: 'fit', max: 20.5 },
  { field: 'tier', in: ['hot', 'warm'] },
  { field: 'grade', startsWith: 'A' },
  { field: 'country', in: ['CZ', 'Czechia'] },
  { field: 'country', exists: false },
  { field: 'industry', equals: 'pharma' },
  { field: 'title', matches: '^(vp|chief)' },
  { field: 'employees', min: 1000 },
  { field: 'postcode', between: ['100 00', '199 99'] },
];

function rng(seed: number): () => number {
  let a = seed;
  return () => ((a = (a * 1103515245 + 12345) % 2147483648) / 2147483648);
}

function randomCondition(r: () => number, depth: number): unknown {
  if (depth === 0 || r() < 0.4) return LEAVES[Math.floor(r() * LEAVES.length)];
  const kind = r();
  if (kind < 0.15) return { not: randomCondition(r, depth - 1) };
  const parts = Array.from({ length: 1 + Math.floor(r() * 3) }, () => randomCondition(r, depth - 1));
  return kind < 0.6 ? { all: parts } : { any: parts };
}

function randomLead(r: () => number, i: number): { lead: Lead; ctx: Ctx } {
  const pick = <T,>(xs: T[]) => xs[Math.floor(r() * xs.length)]!;
  const lead: Lead = {
    id: `l${i}`,
    fields: {
      country: pick(['CZ', ' czechia ', 'DE', '', undefined, null]),
      industry: pick(['Pharma', 'retail', '  PHARMA', undefined]),
      title: pick(['VP Sales', 'Chief of staff', 'analyst', '', undefined]),
      employees: pick([1200, '1,500', 999, 'n/a', undefined]),
      postcode: pick(['110 00', '19999', '200 00', 'ABC', undefined]),
    },
  };
  const total = pick([12, 50, 50.25, 88.5, -3]);
  return { lead, ctx: { score: scoreOf(total, pick([10, 20.5, 30.75])), tier: pick(['hot', 'warm', 'cold']), grade: pick(['A1', 'B2', null]) } };
}

describe('explainTest matches the two-pass reference', () => {
  it('on random conditions and leads', () => {
    const r = rng(7);
    const wrong: string[] = [];
    for (let n = 0; n < 300; n++) {
      const cond = conditionSchema.parse(randomCondition(r, 3));
      for (let i = 0; i < 20; i++) {
        const { lead, ctx } = randomLead(r, i);
        const matched = test(cond, lead, ctx);
        const expected = { matched, why: explain(cond, matched, lead, ctx) };
        const got = evaluateCondition(cond, lead, ctx, compiled);
        if (got.matched !== expected.matched || got.why !== expected.why) wrong.push(`${JSON.stringify(cond)}: ${got.why} != ${expected.why}`);
      }
    }
    expect(wrong.slice(0, 5)).toEqual([]);
  });
});
