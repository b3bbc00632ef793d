import { describe, it, expect } from '@jest/globals';
import { configSchema } from '../../../src/config/schema.ts';
import { compileConfig } from '../../../src/engine/compile.ts';
import { scoreLead } from '../../../src/engine/score.ts';
import type { CompiledConfig, EngagementEvent, FieldValue, Lead } from '../../../src/engine/types.ts';

const NOW = Date.UTC(2026, 0, 15, 12, 0, 0);
const DAY = 86_400_000;

function compile(scoring: unknown): CompiledConfig {
  return compileConfig(
    configSchema.parse({ version: 1, scoring, tiers: { priority: [{ name: 'cold' }] }, owners: [{ email: 'a@x.com' }], routing: {} }),
  );
}
const fitRules = (...rules: unknown[]) => compile({ fit: { groups: [{ name: 'g', rules }] } });
const engagementRules = (rules: unknown[], extra: Record<string, unknown> = {}) =>
  compile({ engagement: { ...extra, groups: [{ name: 'e', rules }] } });
const lead = (fields: Record<string, FieldValue | undefined> = {}, events: EngagementEvent[] = []): Lead => ({ id: 'l1', fields, events });
const ev = (type: string, ageDays: number, props?: EngagementEvent['props']): EngagementEvent => ({
  type,
  at: NOW - ageDays * DAY,
  ...(props ? { props } : {}),
});

describe('scoreLead: predicate operators', () => {
  it.each<[string, Record<string, unknown>, FieldValue | undefined, boolean]>([
    ['equals: case and whitespace insensitive', { equals: 'Pharma' }, '  pharma ', true],
    ['equals: different text', { equals: 'Pharma' }, 'pharmacy', false],
    ['equals: number vs numeric string', { equals: 500 }, '500', true],
    ['equals: number vs "500.0"', { equals: 500 }, '500.0', true],
    ['equals: number vs text', { equals: 500 }, 'five hundred', false],
    ['equals: numeric string vs number value', { equals: '500' }, 500, true],
    ['equals: boolean vs text "TRUE"', { equals: true }, 'TRUE', true],
    ['equals: missing value', { equals: 'x' }, undefined, false],
    ['in: case-insensitive', { in: ['pharma', 'biotech'] }, 'BioTech', true],
    ['in: not listed', { in: ['pharma', 'biotech'] }, 'retail', false],
    ['in: numbers vs numeric string', { in: [100, 200] }, '200', true],
    ['notIn: listed', { notIn: ['US', 'CA'] }, 'us', false],
    ['notIn: not listed', { notIn: ['US', 'CA'] }, 'DE', true],
    ['notIn: missing value matches', { notIn: ['US'] }, undefined, true],
    ['notIn: empty value matches', { notIn: ['US'] }, '  ', true],
    ['contains: substring, any case', { contains: 'chief' }, 'CHIEF Financial Officer', true],
    ['contains: absent', { contains: 'chief' }, 'Finance Manager', false],
    ['matches: case-insensitive regex', { matches: '^(cfo|chief financial)' }, 'Chief Financial Officer', true],
    ['matches: no match', { matches: '^cfo$' }, 'CFO assistant', false],
    ['min: inclusive bound', { min: 1000 }, 1000, true],
    ['min: thousands separator', { min: 1000 }, '1,200', true],
    ['min: below', { min: 1000 }, 999, false],
    ['min/max: inside', { min: 10, max: 20 }, 20, true],
    ['min/max: above', { min: 10, max: 20 }, 21, false],
    ['max: non-numeric value', { max: 50 }, 'n/a', false],
    ['exists true: present', { exists: true }, 'x', true],
    ['exists true: blank', { exists: true }, '   ', false],
    ['exists false: missing', { exists: false }, undefined, true],
    ['exists false: present', { exists: false }, 'x', false],
    ['startsWith: Czech PSČ with a space', { startsWith: '11' }, '110 00', true],
    ['startsWith: prefix with a space, value without', { startsWith: '110 0' }, '11000', true],
    ['startsWith: any of several', { startsWith: ['11', '12'] }, '120 00', true],
    ['startsWith: UK outward code, any case', { startsWith: 'SW1' }, 'sw1a 1aa', true],
    ['startsWith: other prefix', { startsWith: ['11', '12'] }, '130 00', false],
    ['between: numeric PSČ inside', { between: ['100 00', '199 99'] }, '110 00', true],
    ['between: numeric PSČ at upper bound', { between: ['100 00', '199 99'] }, '19999', true],
    ['between: numeric PSČ outside', { between: ['100 00', '199 99'] }, '200 00', false],
    ['between: numeric range, non-numeric value', { between: ['100 00', '199 99'] }, 'ABC', false],
    ['between: alphanumeric inside', { between: ['AA', 'AZ'] }, 'am', true],
    ['between: alphanumeric outside', { between: ['AA', 'AZ'] }, 'BA', false],
  ])('%s', (_name, op, value, matches) => {
    const compiled = fitRules({ field: 'f', points: 10, ...op });
    const result = scoreLead(lead({ f: value }), compiled, NOW);
    expect(result.fit).toBe(matches ? 10 : 0);
    expect(result.contributions).toHaveLength(matches ? 1 : 0);
  });

  it('records rule id, generated label, value and points for a match', () => {
    const compiled = compile({
      fit: {
        groups: [
          {
            name: 'Company Size',
            rules: [
              { field: 'industry', equals: 'retail', points: 5 },
              { field: 'industry', in: ['pharma', 'biotech'], points: 20 },
              { id: 'cfo', label: 'title CFO', field: 'title', matches: '^cfo$', points: 25 },
            ],
          },
        ],
      },
    });
    const result = scoreLead(lead({ industry: 'BIOTECH', title: 'CFO' }), compiled, NOW);
    expect(result.contributions).toEqual([
      { kind: 'fit', group: 'Company Size', rule: 'company-size-2', label: 'industry biotech', value: 'BIOTECH', raw: 20, points: 20 },
      { kind: 'fit', group: 'Company Size', rule: 'cfo', label: 'title CFO', value: 'CFO', raw: 25, points: 25 },
    ]);
    expect(result.fit).toBe(45);
  });

  it.each<[Record<string, unknown>, FieldValue | undefined, string]>([
    [{ equals: 'pharma' }, 'Pharma', 'f pharma'],
    [{ in: ['Pharma'] }, 'pharma', 'f Pharma'],
    [{ exists: true }, 'x', 'f present'],
    [{ exists: false }, undefined, 'f missing'],
    [{ notIn: ['US', 'CA'] }, 'DE', 'f not US/CA'],
    [{ contains: 'chief' }, 'Chief of staff', 'f contains chief'],
    [{ matches: '^vp' }, 'VP Sales', 'f ~ /^vp/'],
    [{ startsWith: ['11', '12'] }, '110 00', 'f 11*/12*'],
    [{ between: ['100 00', '199 99'] }, '150 00', 'f 100 00..199 99'],
    [{ min: 1000 }, 15_000, 'f 1000+'],
    [{ max: 49 }, 10, 'f ≤49'],
    [{ min: 10, max: 20 }, 15, 'f 10-20'],
  ])('generates a short label for %j', (op, value, label) => {
    const result = scoreLead(lead({ f: value }), fitRules({ field: 'f', points: 1, ...op }), NOW);
    expect(result.contributions[0]?.label).toBe(label);
  });

  it('ignores prototype names as field aliases', () => {
    const result = scoreLead(lead({}), fitRules({ field: 'constructor', exists: true, points: 5 }), NOW);
    expect(result.fit).toBe(0);
  });
});

describe('scoreLead: bands', () => {
  const compiled = fitRules({
    label: 'company size',
    field: 'employees',
    bands: [{ min: 1000, points: 30 }, { min: 200, max: 999, points: 20 }, { min: 50, max: 199, points: 10, label: 'mid-market' }, { max: 49, points: -5 }],
  });
  it.each<[FieldValue | undefined, number, string | null]>([
    [5000, 30, 'company size 1000+'],
    [1000, 30, 'company size 1000+'],
    [999, 20, 'company size 200-999'],
    ['200', 20, 'company size 200-999'],
    [120, 10, 'company size mid-market'],
    [10, -5, 'company size ≤49'],
    ['n/a', 0, null],
    [undefined, 0, null],
  ])('employees %p -> %p', (value, points, label) => {
    const result = scoreLead(lead({ employees: value }), compiled, NOW);
    expect(result.fit).toBe(points);
    expect(result.contributions[0]?.label ?? null).toBe(label);
  });

  it('takes the first band that contains the value when bands overlap', () => {
    const overlapping = fitRules({ field: 'n', bands: [{ min: 0, max: 100, points: 1 }, { min: 50, points: 2 }] });
    expect(scoreLead(lead({ n: 75 }), overlapping, NOW).fit).toBe(1);
    expect(scoreLead(lead({ n: 175 }), overlapping, NOW).fit).toBe(2);
  });
});

describe('scoreLead: counters', () => {
  it.each<[string, Record<string, unknown>, FieldValue | undefined, number, string | undefined]>([
    ['per unit', { perUnit: 2 }, 3, 6, undefined],
    ['numeric string', { perUnit: 2 }, '4', 8, undefined],
    ['below the cap', { perUnit: 2, max: 10 }, 5, 10, undefined],
    ['capped', { perUnit: 2, max: 10 }, 7, 10, 'capped at 10'],
    ['negative, capped on the absolute value', { perUnit: -5, max: 15 }, 4, -15, 'capped at -15'],
    ['zero units', { perUnit: 2 }, 0, 0, undefined],
    ['missing', { perUnit: 2 }, undefined, 0, undefined],
  ])('%s', (_name, rule, value, points, note) => {
    const compiled = engagementRules([{ field: 'opens', ...rule }], { halfLifeDays: 7 });
    const result = scoreLead(lead({ opens: value }), compiled, NOW);
    expect(result.engagement).toBe(points);
    expect(result.contributions[0]?.note).toBe(note);
    if (points !== 0) expect(result.contributions[0]).toMatchObject({ count: Number(value), label: `${Number(value)} × opens` });
  });
});

describe('scoreLead: event rules', () => {
  it.each<[string, Record<string, unknown>, EngagementEvent[], number, number]>([
    ['points per occurrence', { event: 'email_open', points: 1 }, [ev('email_open', 0), ev('email_open', 0), ev('email_open', 0), ev('page_view', 0)], 3, 3],
    ['once: only one occurrence counts', { event: 'form_submission', points: 20, once: true }, [ev('form_submission', 0), ev('form_submission', 0)], 20, 1],
    ['where: equality, trimmed and case-insensitive', { event: 'page_view', points: 5, where: { url: '/pricing' } }, [ev('page_view', 0, { url: '/pricing' }), ev('page_view', 0, { url: ' /PRICING ' }), ev('page_view', 0, { url: '/blog' }), ev('page_view', 0)], 10, 2],
    ['where: number vs numeric prop', { event: 'webinar', points: 15, where: { minutes: 60 } }, [ev('webinar', 0, { minutes: '60' }), ev('webinar', 0, { minutes: 30 })], 15, 1],
    ['where: boolean', { event: 'meeting', points: 30, where: { held: true } }, [ev('meeting', 0, { held: true }), ev('meeting', 0, { held: 'false' })], 30, 1],
    ['where: all keys must match', { event: 'page_view', points: 5, where: { url: '/pricing', lang: 'en' } }, [ev('page_view', 0, { url: '/pricing', lang: 'EN' }), ev('page_view', 0, { url: '/pricing' })], 5, 1],
    ['contains: substring, case-insensitive', { event: 'page_view', points: 5, contains: { url: 'pricing' } }, [ev('page_view', 0, { url: '/en/Pricing/enterprise' }), ev('page_view', 0, { url: '/careers' }), ev('page_view', 0, { title: 'pricing' })], 5, 1],
    ['max: capped on the raw sum', { event: 'email_open', points: 3, max: 10 }, [ev('email_open', 0), ev('email_open', 0), ev('email_open', 0), ev('email_open', 0), ev('email_open', 0)], 10, 5],
    ['no matching event', { event: 'webinar', points: 15 }, [ev('page_view', 0)], 0, 0],
  ])('%s', (_name, rule, events, points, count) => {
    const result = scoreLead(lead({}, events), engagementRules([rule]), NOW);
    expect(result.engagement).toBe(points);
    if (count > 0) expect(result.contributions[0]?.count).toBe(count);
    else expect(result.contributions).toEqual([]);
  });

  it('labels events by count and notes a cap', () => {
    const result = scoreLead(
      lead({}, [ev('email_open', 0), ev('email_open', 0), ev('email_open', 0), ev('email_open', 0), ev('webinar', 0)]),
      engagementRules([{ event: 'email_open', points: 3, max: 10 }, { event: 'webinar', points: 15 }, { event: 'webinar', label: 'webinar attended', points: 1 }]),
      NOW,
    );
    expect(result.contributions.map((c) => [c.label, c.raw, c.points, c.note])).toEqual([
      ['4 × email_open', 12, 10, 'capped at 10'],
      ['webinar', 15, 15, undefined],
      ['webinar attended', 1, 1, undefined],
    ]);
  });

  it('treats a lead without events as having none', () => {
    const result = scoreLead({ id: 'x', fields: {} }, engagementRules([{ event: 'email_open', points: 1 }]), NOW);
    expect(result).toEqual({ fit: 0, engagement: 0, total: 0, contributions: [], adjustments: [] });
  });
});

describe('scoreLead: negative points', () => {
  const compiled = compile({
    fit: {
      groups: [
        {
          name: 'disqualifiers',
          rules: [
            { label: 'free-mail domain', field: 'email', matches: '@(gmail|yahoo|hotmail|seznam)\\.', points: -20 },
            { label: 'student', field: 'title', contains: 'student', points: -25 },
            { label: 'competitor', field: 'company_domain', in: ['rival.com', 'other-crm.io'], points: -100 },
          ],
        },
      ],
    },
    engagement: {
      groups: [
        {
          name: 'bad signals',
          rules: [
            { event: 'unsubscribed', points: -50, once: true },
            { event: 'email_bounced', points: -30, once: true },
          ],
        },
      ],
    },
  });
  it.each<[string, Lead, number, number]>([
    ['free-mail domain', lead({ email: 'Jan.Novak@Seznam.cz' }), -20, 0],
    ['business domain', lead({ email: 'jan@acme.cz' }), 0, 0],
    ['student title', lead({ title: 'PhD Student' }), -25, 0],
    ['competitor', lead({ company_domain: 'Rival.com' }), -100, 0],
    ['unsubscribed', lead({}, [ev('unsubscribed', 0), ev('unsubscribed', 0)]), 0, -50],
    ['bounced', lead({}, [ev('email_bounced', 0)]), 0, -30],
    ['all of them', lead({ email: 'x@gmail.com', title: 'student', company_domain: 'other-crm.io' }, [ev('unsubscribed', 0), ev('email_bounced', 0)]), -145, -80],
  ])('%s', (_name, l, fit, engagement) => {
    const result = scoreLead(l, compiled, NOW);
    expect([result.fit, result.engagement, result.total]).toEqual([fit, engagement, fit + engagement]);
    expect(result.contributions.every((c) => c.points < 0)).toBe(true);
  });
});

describe('scoreLead: caps and floors', () => {
  const rules = (...points: number[]) => points.map((p, i) => ({ field: `f${i}`, exists: true, points: p }));
  const full = lead({ f0: 'x', f1: 'x', f2: 'x' });

  it.each<[string, unknown, { fit: number; engagement: number; total: number }, unknown[]]>([
    ['group cap', { fit: { groups: [{ name: 'size', cap: 30, rules: rules(25, 20) }] } }, { fit: 30, engagement: 0, total: 30 }, [{ scope: 'fit/size', reason: 'cap', from: 45, to: 30 }]],
    ['group floor', { fit: { groups: [{ name: 'neg', floor: -30, rules: rules(-20, -20) }] } }, { fit: -30, engagement: 0, total: -30 }, [{ scope: 'fit/neg', reason: 'floor', from: -40, to: -30 }]],
    ['group within bounds', { fit: { groups: [{ name: 'g', cap: 50, floor: -50, rules: rules(20, -10) }] } }, { fit: 10, engagement: 0, total: 10 }, []],
    ['section cap', { fit: { cap: 60, groups: [{ name: 'a', rules: rules(40) }, { name: 'b', rules: [{ field: 'f1', exists: true, points: 35 }] }] } }, { fit: 60, engagement: 0, total: 60 }, [{ scope: 'fit', reason: 'cap', from: 75, to: 60 }]],
    ['section floor', { engagement: { floor: -20, groups: [{ name: 'e', rules: rules(-50) }] } }, { fit: 0, engagement: -20, total: -20 }, [{ scope: 'engagement', reason: 'floor', from: -50, to: -20 }]],
    ['group cap then section cap', { fit: { cap: 25, groups: [{ name: 'g', cap: 30, rules: rules(20, 20) }] } }, { fit: 25, engagement: 0, total: 25 }, [{ scope: 'fit/g', reason: 'cap', from: 40, to: 30 }, { scope: 'fit', reason: 'cap', from: 30, to: 25 }]],
    ['total cap', { fit: { groups: [{ name: 'g', rules: rules(80) }] }, engagement: { groups: [{ name: 'e', rules: [{ field: 'f1', exists: true, points: 40 }] }] }, total: { cap: 100 } }, { fit: 80, engagement: 40, total: 100 }, [{ scope: 'total', reason: 'cap', from: 120, to: 100 }]],
    ['total floor', { fit: { groups: [{ name: 'g', rules: rules(-80) }] }, total: { floor: 0 } }, { fit: -80, engagement: 0, total: 0 }, [{ scope: 'total', reason: 'floor', from: -80, to: 0 }]],
  ])('%s', (_name, scoring, totals, adjustments) => {
    const result = scoreLead(full, compile(scoring), NOW);
    expect({ fit: result.fit, engagement: result.engagement, total: result.total }).toEqual(totals);
    expect(result.adjustments).toEqual(adjustments);
  });

  it('keeps contributions at their own points (caps are adjustments, not rewrites)', () => {
    const result = scoreLead(full, compile({ fit: { groups: [{ name: 'size', cap: 30, rules: rules(25, 20) }] } }), NOW);
    expect(result.contributions.map((c) => c.points)).toEqual([25, 20]);
  });
});

describe('scoreLead: engagement decay and window', () => {
  const webinar = (extra: Record<string, unknown> = {}) =>
    engagementRules([{ event: 'webinar', points: 16 }], { halfLifeDays: 30, ...extra });

  it.each<[string, number, number, string | undefined]>([
    ['0 half-lives', 0, 16, undefined],
    ['1 half-life', 30, 8, 'decayed from 16'],
    ['2 half-lives', 60, 4, 'decayed from 16'],
    ['half a half-life', 15, 11.31, 'decayed from 16'],
    ['future event counts as age 0', -10, 16, undefined],
  ])('%s', (_name, ageDays, points, note) => {
    const result = scoreLead(lead({}, [ev('webinar', ageDays)]), webinar(), NOW);
    expect(result.engagement).toBe(points);
    expect(result.contributions[0]).toMatchObject({ raw: 16, points });
    expect(result.contributions[0]?.note).toBe(note);
  });

  it('sums each occurrence with its own decay', () => {
    const result = scoreLead(lead({}, [ev('webinar', 0), ev('webinar', 30), ev('webinar', 60)]), webinar(), NOW);
    expect(result.contributions[0]).toMatchObject({ count: 3, raw: 48, points: 28, note: 'decayed from 48' });
  });

  it.each<[number, number]>([
    [89, 1],
    [90, 1],
    [91, 0],
  ])('window of 90 days: event %p days old counts %p times', (ageDays, count) => {
    const result = scoreLead(lead({}, [ev('webinar', 0), ev('webinar', ageDays)]), webinar({ windowDays: 90 }), NOW);
    expect(result.contributions[0]?.count).toBe(1 + count);
  });

  it('does not decay without halfLifeDays', () => {
    const compiled = engagementRules([{ event: 'webinar', points: 16 }]);
    expect(scoreLead(lead({}, [ev('webinar', 365)]), compiled, NOW).engagement).toBe(16);
  });

  it('applies max on the raw sum, newest occurrences first, then decays those', () => {
    // 3 events × 10 points, max 15: the newest (age 0, factor 1) gives 10, the next
    // (age 10d, factor 0.5) gives the remaining 5 × 0.5 = 2.5; the oldest is not counted.
    const compiled = engagementRules([{ event: 'page_view', points: 10, max: 15 }], { halfLifeDays: 10 });
    const events = [ev('page_view', 20), ev('page_view', 0), ev('page_view', 10)];
    const result = scoreLead(lead({}, events), compiled, NOW);
    expect(result.contributions[0]).toMatchObject({ count: 3, raw: 30, points: 12.5, note: 'capped at 15, decayed from 15' });
    expect(scoreLead(lead({}, [...events].reverse()), compiled, NOW)).toEqual(result);
  });

  it('applies a negative max the same way', () => {
    const compiled = engagementRules([{ event: 'bounce', points: -10, max: 15 }], { halfLifeDays: 10 });
    const result = scoreLead(lead({}, [ev('bounce', 10), ev('bounce', 0), ev('bounce', 20)]), compiled, NOW);
    expect(result.contributions[0]).toMatchObject({ raw: -30, points: -12.5, note: 'capped at -15, decayed from -15' });
  });

  it('once: scores the most recent occurrence', () => {
    const compiled = engagementRules([{ event: 'demo_request', points: 40, once: true }], { halfLifeDays: 30 });
    const result = scoreLead(lead({}, [ev('demo_request', 60), ev('demo_request', 30)]), compiled, NOW);
    expect(result.contributions[0]).toMatchObject({ count: 1, raw: 40, points: 20, note: 'decayed from 40' });
  });

  it('once: still honours max', () => {
    const compiled = engagementRules([{ event: 'demo_request', points: 40, once: true, max: 25 }], { halfLifeDays: 30 });
    const result = scoreLead(lead({}, [ev('demo_request', 30)]), compiled, NOW);
    expect(result.contributions[0]).toMatchObject({ count: 1, raw: 40, points: 12.5, note: 'capped at 25, decayed from 25' });
  });

  it('caps a single occurrence worth more than max', () => {
    const compiled = engagementRules([{ event: 'meeting', points: 40, max: 30 }]);
    expect(scoreLead(lead({}, [ev('meeting', 3)]), compiled, NOW).contributions[0]).toMatchObject({ raw: 40, points: 30, note: 'capped at 30' });
  });

  it('drops a contribution that decayed to 0.00', () => {
    const compiled = engagementRules([{ event: 'email_open', points: 1 }], { halfLifeDays: 1 });
    expect(scoreLead(lead({}, [ev('email_open', 30)]), compiled, NOW).contributions).toEqual([]);
  });

  it('ignores events without a valid timestamp', () => {
    const compiled = engagementRules([{ event: 'webinar', points: 16 }], { halfLifeDays: 30 });
    const bad = [{ type: 'webinar', at: Number.NaN }, { type: 'webinar' } as unknown as EngagementEvent, ev('webinar', 30)];
    expect(scoreLead(lead({}, bad), compiled, NOW).contributions[0]).toMatchObject({ count: 1, points: 8 });
  });

  it('scores one event type in both sections, each with its own decay', () => {
    const compiled = compile({
      fit: { groups: [{ name: 'f', rules: [{ event: 'trial_signup', points: 20, once: true }] }] },
      engagement: {
        halfLifeDays: 30,
        groups: [{ name: 'e', rules: [{ event: 'trial_signup', points: 10 }, { event: 'trial_signup', points: 5, where: { plan: 'pro' } }] }],
      },
    });
    const result = scoreLead(lead({}, [ev('trial_signup', 30, { plan: 'Pro' }), ev('trial_signup', 60)]), compiled, NOW);
    expect(result.contributions.map((c) => [c.kind, c.count, c.points])).toEqual([
      ['fit', 1, 20],
      ['engagement', 2, 7.5],
      ['engagement', 1, 2.5],
    ]);
  });

  it('never decays fit, even for event rules in the fit section, nor counters', () => {
    const compiled = compile({
      fit: { groups: [{ name: 'f', rules: [{ event: 'trial_signup', points: 20 }] }] },
      engagement: { halfLifeDays: 7, windowDays: 30, groups: [{ name: 'e', rules: [{ field: 'opens', perUnit: 1 }] }] },
    });
    const result = scoreLead(lead({ opens: 12 }, [ev('trial_signup', 365)]), compiled, NOW);
    expect([result.fit, result.engagement]).toEqual([20, 12]);
  });
});

describe('scoreLead: rounding and determinism', () => {
  it('rounds contribution points and totals to 2 decimals, and the totals add up', () => {
    const compiled = compile({
      fit: { groups: [{ name: 'g', rules: [{ field: 'a', exists: true, points: 0.1 }, { field: 'b', exists: true, points: 0.2 }] }] },
      engagement: { halfLifeDays: 7, groups: [{ name: 'e', rules: [{ event: 'open', points: 10 }] }] },
    });
    const result = scoreLead(lead({ a: 1, b: 1 }, [ev('open', 1), ev('open', 2)]), compiled, NOW);
    expect(result.fit).toBe(0.3);
    // 10 × 2^(-1/7) + 10 × 2^(-2/7) = 9.0572 + 8.2034 = 17.2606
    expect(result.contributions[2]?.points).toBe(17.26);
    expect(result.engagement).toBe(17.26);
    expect(result.total).toBe(17.56);
    const sum = result.contributions.reduce((s, c) => s + c.points, 0);
    expect(Math.round(sum * 100) / 100).toBe(result.total);
  });

  it('gives the same result for the same input, and does not mutate the lead', () => {
    const compiled = compile({
      fit: { groups: [{ name: 'g', rules: [{ field: 'industry', in: ['pharma'], points: 20 }] }] },
      engagement: { halfLifeDays: 30, groups: [{ name: 'e', rules: [{ event: 'open', points: 2, max: 5 }] }] },
    });
    const l = lead({ industry: 'pharma' }, [ev('open', 3), ev('open', 1), ev('open', 2), ev('open', 40)]);
    const snapshot = structuredClone(l);
    const first = scoreLead(l, compiled, NOW);
    expect(scoreLead(l, compiled, NOW)).toEqual(first);
    expect(scoreLead(structuredClone(l), compileConfig(compiled.config), NOW)).toEqual(first);
    expect(l).toEqual(snapshot);
  });

  it('measures decay against the given clock only', () => {
    const compiled = engagementRules([{ event: 'webinar', points: 16 }], { halfLifeDays: 30 });
    const l = lead({}, [{ type: 'webinar', at: NOW }]);
    expect(scoreLead(l, compiled, NOW + 30 * DAY).engagement).toBe(8);
    expect(scoreLead(l, compiled, NOW + 60 * DAY).engagement).toBe(4);
  });
});
