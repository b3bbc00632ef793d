// The one-pass funnel (src/outcomes/report/build-funnel.ts) against a plain reference of its
// rules (the report's first version: one object per lead, then filters per group) on random
// windows: same rows, same order, same numbers, for every dimension. Edge cases on purpose:
// deals without a decision, several deals of one lead created at the same moment, a won deal
// shared by leads of one group, deals without amount or currency, leads never assigned or touched;
// leads a manager reassigned in the CRM and / or closed unworked (counted in the lead's group).
import { describe, expect, it } from '@jest/globals';
import { buildFunnel, FAST_TOUCH_MS, percentile, REPORT_DIMENSIONS, SMALL_SAMPLE, type FunnelRow, type ReportDimension } from '../../../src/outcomes/report/build-funnel.ts';
import { wilsonRate } from '../../../src/outcomes/report/wilson.ts';
import type { OutcomeRecord } from '../../../src/store/outcome-types.ts';
import type { RoutingOverride } from '../../../src/store/types.ts';
import type { ReportDecision } from '../../../src/store/report-types.ts';

interface Fact {
  d: ReportDecision;
  assignedAt: number | null;
  firstTouchAt: number | null;
  deals: OutcomeRecord[];
}

function reference(decisions: ReportDecision[], outcomes: OutcomeRecord[], by: ReportDimension, overrides: Map<string, RoutingOverride> = new Map()) {
  const facts: Fact[] = decisions.map((d) => {
    const own = outcomes.filter((o) => o.leadId === d.leadId);
    const first = [...own].sort((x, y) => (x.dealCreatedAt ?? x.observedAt) - (y.dealCreatedAt ?? y.observedAt)).find((o) => o.decision !== null)?.decision;
    const decision = first ? { ...d, owner: first.owner, rule: first.rule, tier: first.tier } : d;
    return { d: decision, assignedAt: d.assignedAt, firstTouchAt: d.firstTouchAt, deals: own };
  });
  const key: Record<ReportDimension, (f: Fact) => string> = {
    rep: (f) => f.d.owner ?? '(unassigned)',
    source: (f) => f.d.source ?? '(unknown)',
    tier: (f) => f.d.tier,
    rule: (f) => f.d.rule ?? '(no rule)',
    grade: (f) => f.d.grade ?? '(no grade)',
    segment: (f) => f.d.segment ?? '(no team)',
  };
  const row = (group: string, list: Fact[]): FunnelRow => {
    const asg = list.filter((f) => f.assignedAt !== null);
    const delays = asg.filter((f) => f.firstTouchAt !== null).map((f) => (f.firstTouchAt! - f.assignedAt!) / 60_000).sort((a, b) => a - b);
    const revenue: Record<string, number> = {};
    const seen = new Set<string>();
    for (const f of list)
      for (const x of f.deals) {
        if (x.status !== 'won' || x.amount === null || seen.has(x.dealId)) continue;
        seen.add(x.dealId);
        revenue[x.currency ?? '?'] = (revenue[x.currency ?? '?'] ?? 0) + x.amount;
      }
    return {
      group,
      leads: list.length,
      assigned: asg.length,
      touched: delays.length,
      touchedFast: wilsonRate(delays.filter((m) => m * 60_000 <= FAST_TOUCH_MS).length, asg.length),
      medianTouchMinutes: percentile(delays, 0.5),
      p90TouchMinutes: percentile(delays, 0.9),
      converted: wilsonRate(list.filter((f) => f.deals.length > 0).length, list.length),
      won: wilsonRate(list.filter((f) => f.deals.some((x) => x.status === 'won')).length, list.length),
      revenue,
      reassignedInCrm: list.filter((f) => overrides.get(f.d.leadId)?.reassignedInCrm).length,
      closedUnworked: list.filter((f) => overrides.get(f.d.leadId)?.closedUnworked).length,
      small: list.length < SMALL_SAMPLE,
    };
  };
  const groups = new Map<string, Fact[]>();
  for (const f of facts) groups.set(key[by](f), [...(groups.get(key[by](f)) ?? []), f]);
  const rows = [...groups].map(([g, l]) => row(g, l)).sort((a, b) => b.leads - a.leads || a.group.localeCompare(b.group));
  return { rows, total: row('(all)', facts) };
}

/** Deterministic pseudo-random numbers (mulberry32). */
function rng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function window(seed: number, leads: number) {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const owners = ['anna@x.test', 'jan@x.test', 'eva@x.test', null];
  const rules = ['dach', 'pharma', null];
  const T0 = Date.UTC(2026, 10, 1);
  const decisions: ReportDecision[] = [];
  const outcomes: OutcomeRecord[] = [];
  const overrides = new Map<string, RoutingOverride>();
  for (let i = 0; i < leads; i++) {
    const leadId = String(i);
    const reassignedInCrm = r() < 0.15;
    const closedUnworked = r() < 0.1;
    if (reassignedInCrm || closedUnworked) overrides.set(leadId, { leadId, reassignedInCrm, closedUnworked });
    const at = T0 + Math.floor(r() * 30 * 86_400_000);
    // touches on whole minutes, exactly at 5 minutes, and in between; 1 in 5 never assigned
    const delay = pick([null, 0, FAST_TOUCH_MS, FAST_TOUCH_MS + 1, Math.floor(r() * 3_600_000), 60_000 * Math.floor(r() * 20)]);
    const assignedAt = r() < 0.8 ? at : null;
    const firstTouchAt = assignedAt === null || delay === null ? null : at + delay;
    decisions.push({ leadId, at, owner: pick(owners), rule: pick(rules), tier: pick(['hot', 'warm', 'cold']), grade: pick(['A1', 'B2', null]), score: Math.floor(r() * 100), source: pick(['web', 'fair', null]), segment: pick(['sales', null]), target: pick(['team', 'fallback']), assignedAt, firstTouchAt });
    const deals = r() < 0.3 ? 1 + Math.floor(r() * 3) : 0;
    for (let k = 0; k < deals; k++) {
      const created = pick([at + 86_400_000, at + 86_400_000, null]); // same moment twice on purpose
      const status = pick(['won', 'lost', 'open'] as const);
      outcomes.push({
        tenant: 't',
        leadId,
        dealId: r() < 0.2 ? `shared${Math.floor(r() * 3)}` : `d${i}-${k}`,
        status,
        amount: r() < 0.2 ? null : Math.round(r() * 100_000) / 100,
        currency: pick(['EUR', 'USD', null]),
        dealCreatedAt: created,
        closedAt: null,
        lostReason: null,
        observedAt: at + 2 * 86_400_000 + k,
        decision: r() < 0.3 ? null : { decidedAt: at, owner: pick(owners), rule: pick(rules), tier: pick(['hot', 'warm', 'cold']), score: 50, configVersion: null },
      });
    }
  }
  // The store's order of outcomes: deal creation (else first sighting), then deal id.
  outcomes.sort((x, y) => (x.dealCreatedAt ?? x.observedAt) - (y.dealCreatedAt ?? y.observedAt) || (x.dealId < y.dealId ? -1 : x.dealId > y.dealId ? 1 : 0));
  // an override of a lead not decided in the window: not counted anywhere
  overrides.set('gone', { leadId: 'gone', reassignedInCrm: true, closedUnworked: true });
  return { decisions, outcomes, overrides };
}

describe('buildFunnel', () => {
  it.each(REPORT_DIMENSIONS.flatMap((by) => [1, 2, 3].map((seed) => [by, seed] as const)))('by %s (seed %i) equals the reference', (by, seed) => {
    const w = window(seed, seed === 1 ? 25 : 400);
    const funnel = buildFunnel(w.decisions, w.outcomes, by, w.overrides);
    expect(funnel).toEqual(reference(w.decisions, w.outcomes, by, w.overrides));
    expect(funnel.total.reassignedInCrm).toBe([...w.overrides.values()].filter((o) => o.leadId !== 'gone' && o.reassignedInCrm).length);
    // without overrides: all zero, the rest the same
    expect(buildFunnel(w.decisions, w.outcomes, by)).toEqual(reference(w.decisions, w.outcomes, by));
  });

  it('counts a lead under its earliest attributed deal, the first of equal creation times', () => {
    const d: ReportDecision = { leadId: 'l', at: 0, owner: 'latest@x.test', rule: 'r', tier: 'cold', grade: null, score: 1, source: null, segment: null, target: 'team', assignedAt: null, firstTouchAt: null };
    const deal = (dealId: string, createdAt: number | null, owner: string | null, decided = true): OutcomeRecord => ({
      tenant: 't', leadId: 'l', dealId, status: 'open', amount: null, currency: null, dealCreatedAt: createdAt, closedAt: null, lostReason: null, observedAt: 50,
      decision: decided ? { decidedAt: 0, owner, rule: 'x', tier: 'hot', score: 9, configVersion: null } : null,
    });
    const rep = (deals: OutcomeRecord[]) => buildFunnel([d], deals, 'rep').rows.map((x) => x.group);
    expect(rep([])).toEqual(['latest@x.test']);
    expect(rep([deal('a', 10, 'undecided@x.test', false), deal('b', 20, 'b@x.test'), deal('c', 20, 'c@x.test')])).toEqual(['b@x.test']);
    expect(rep([deal('a', null, 'seen@x.test'), deal('b', 60, 'b@x.test')])).toEqual(['seen@x.test']);
    expect(rep([deal('a', 10, null)])).toEqual(['(unassigned)']);
    expect(buildFunnel([d], [deal('a', 10, 'b@x.test')], 'source').rows.map((x) => x.group)).toEqual(['(unknown)']);
  });
});
