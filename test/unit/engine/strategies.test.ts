// Team strategies: round_robin, weighted, least_loaded; pointers, tie-breaks, rotation updates.
import { describe, expect, it } from '@jest/globals';
import { applyDecision, emptyState } from '../../../src/engine/apply-state.ts';
import { routeLead } from '../../../src/engine/route.ts';
import { effectivePointer, pointerStep, TICKS_PER_TURN } from '../../../src/engine/strategies/fair-queue.ts';
import type { RouteDecision, RoutingState } from '../../../src/engine/types.ts';
import { ctxOf, leadOf, makeConfig, MON_10Z } from './route-fixtures.ts';

/** One tick: members without a pointer (or lagging behind virtualTime) start at virtualTime + TICK. */
const TICK = 1 / TICKS_PER_TURN;

function teamConfig(strategy: string, owners: (string | Record<string, unknown>)[]) {
  const emails = owners.map((o) => (typeof o === 'string' ? o : (o.email as string)));
  return makeConfig({ owners, teams: [{ name: 't', members: emails, strategy }], routing: { rules: [{ name: 'r', assign: { team: 't' } }] } });
}

function run(strategy: string, owners: (string | Record<string, unknown>)[], n: number, state: RoutingState = emptyState()) {
  const compiled = teamConfig(strategy, owners);
  const decisions: RouteDecision[] = [];
  for (let i = 0; i < n; i++) {
    const d = routeLead(leadOf(), ctxOf(), compiled, state, MON_10Z);
    applyDecision(state, d);
    decisions.push(d);
  }
  return { decisions, picks: decisions.map((d) => d.owner![0]).join(''), state };
}

describe('round_robin', () => {
  it('takes turns in team order', () => {
    expect(run('round_robin', ['a@x.test', 'b@x.test', 'c@x.test'], 7).picks).toBe('abcabca');
  });

  it('ignores owner weights', () => {
    expect(run('round_robin', [{ email: 'a@x.test', weight: 5 }, 'b@x.test'], 6).picks).toBe('ababab');
  });

  it('reports pointers, the tie-break and the rotation update', () => {
    const { decisions } = run('round_robin', ['a@x.test', 'b@x.test', 'c@x.test'], 2);
    const [first, second] = decisions;
    expect(first!.candidates).toEqual([
      { owner: 'a@x.test', eligible: true, pointer: 0.000001 },
      { owner: 'b@x.test', eligible: true, pointer: 0.000001 },
      { owner: 'c@x.test', eligible: true, pointer: 0.000001 },
    ]);
    expect(first!.tieBreak).toBe('3 tied on pointer 0.000001 (a@x.test, b@x.test, c@x.test): first in team order');
    expect(first!.rotation).toEqual({ team: 't', owner: 'a@x.test', pointer: 1 + TICK, virtualTime: TICK });
    // virtualTime is now one tick; b and c still have no pointer and start one tick after it.
    expect(second!.candidates.map((c) => c.pointer)).toEqual([1.000001, 0.000003, 0.000003]);
    expect(second!.tieBreak).toBe('2 tied on pointer 0.000003 (b@x.test, c@x.test): first in team order');
    expect(second!.rotation).toEqual({ team: 't', owner: 'b@x.test', pointer: 1 + 2 * TICK, virtualTime: 2 * TICK });
  });

  it('reports no tie-break when one member has the lowest pointer', () => {
    const state: RoutingState = { loads: {}, rotations: { t: { virtualTime: 1, pointers: { 'a@x.test': 2, 'b@x.test': 1.5 } } } };
    const d = routeLead(leadOf(), ctxOf(), teamConfig('round_robin', ['a@x.test', 'b@x.test']), state, MON_10Z);
    expect(d.owner).toBe('b@x.test');
    expect(d.tieBreak).toBeUndefined();
    expect(d.rotation).toEqual({ team: 't', owner: 'b@x.test', pointer: 2.5, virtualTime: 1.5 });
  });
});

describe('weighted', () => {
  it('gives turns in proportion to weight (2:1)', () => {
    expect(run('weighted', [{ email: 'a@x.test', weight: 2 }, 'b@x.test'], 9).picks).toBe('abaabaaba');
  });

  it('gives turns in proportion to weight (1:3), ties to the first listed', () => {
    expect(run('weighted', ['a@x.test', { email: 'b@x.test', weight: 3 }], 8).picks).toBe('abbbabbb');
  });

  it('advances the pointer by 1/weight', () => {
    const { decisions } = run('weighted', [{ email: 'a@x.test', weight: 4 }], 2);
    expect(decisions.map((d) => d.rotation)).toEqual([
      { team: 't', owner: 'a@x.test', pointer: (1 + 180180) / TICKS_PER_TURN, virtualTime: TICK },
      { team: 't', owner: 'a@x.test', pointer: (1 + 2 * 180180) / TICKS_PER_TURN, virtualTime: (1 + 180180) / TICKS_PER_TURN },
    ]);
  });
});

describe('least_loaded', () => {
  it('picks the fewest open leads; missing load counts as zero', () => {
    const state: RoutingState = {
      loads: { 'a@x.test': { assignedToday: 0, assignedThisWeek: 0, openLeads: 3 }, 'b@x.test': { assignedToday: 0, assignedThisWeek: 0, openLeads: 1 } },
      rotations: { t: { virtualTime: 0, pointers: { 'a@x.test': 0, 'b@x.test': 0 } } },
    };
    const d = routeLead(leadOf(), ctxOf(), teamConfig('least_loaded', ['a@x.test', 'b@x.test', 'c@x.test']), state, MON_10Z);
    expect(d.owner).toBe('c@x.test');
    expect(d.candidates.map((c) => c.openLeads)).toEqual([3, 1, 0]);
    expect(d.tieBreak).toBeUndefined();
  });

  it('breaks equal loads by rotation pointer, then team order', () => {
    const state: RoutingState = {
      loads: { 'a@x.test': { assignedToday: 0, assignedThisWeek: 0, openLeads: 3 }, 'b@x.test': { assignedToday: 0, assignedThisWeek: 0, openLeads: 1 }, 'c@x.test': { assignedToday: 0, assignedThisWeek: 0, openLeads: 1 } },
      rotations: { t: { virtualTime: 0, pointers: { 'a@x.test': 0, 'b@x.test': 1, 'c@x.test': 1 } } },
    };
    const next = routeLead(leadOf(), ctxOf(), teamConfig('least_loaded', ['a@x.test', 'b@x.test', 'c@x.test']), state, MON_10Z);
    expect(next.owner).toBe('b@x.test');
    expect(next.tieBreak).toBe('2 with 1 open leads; 2 tied on pointer 1 (b@x.test, c@x.test): first in team order');
    expect(next.rotation).toEqual({ team: 't', owner: 'b@x.test', pointer: 2, virtualTime: 1 });
  });

  it('rotates among equally loaded members and still moves the rotation', () => {
    const { picks, state } = run('least_loaded', ['a@x.test', 'b@x.test', 'c@x.test'], 6);
    expect(picks).toBe('abcabc');
    // Each member joined one tick after the previous pick, so the round order is fixed: a, b, c.
    const p = state.rotations.t!.pointers;
    expect(p['a@x.test']! * TICKS_PER_TURN).toBeCloseTo(2 * TICKS_PER_TURN + 1, 6);
    expect(p['b@x.test']! * TICKS_PER_TURN).toBeCloseTo(2 * TICKS_PER_TURN + 2, 6);
    expect(p['c@x.test']! * TICKS_PER_TURN).toBeCloseTo(2 * TICKS_PER_TURN + 3, 6);
  });

  it('names the pointer when equal loads are decided by it', () => {
    const state: RoutingState = { loads: {}, rotations: { t: { virtualTime: 1, pointers: { 'a@x.test': 2, 'b@x.test': 1 } } } };
    const d = routeLead(leadOf(), ctxOf(), teamConfig('least_loaded', ['a@x.test', 'b@x.test']), state, MON_10Z);
    expect(d.owner).toBe('b@x.test');
    expect(d.tieBreak).toBe('2 with 0 open leads: lowest rotation pointer (1)');
  });

  it('follows load, not turns, when loads differ', () => {
    const state = emptyState();
    const compiled = teamConfig('least_loaded', ['a@x.test', 'b@x.test']);
    const picks: string[] = [];
    for (let i = 0; i < 4; i++) {
      const d = routeLead(leadOf(), ctxOf(), compiled, state, MON_10Z);
      applyDecision(state, d);
      picks.push(d.owner!);
      if (d.owner === 'a@x.test') state.loads['a@x.test']!.openLeads = 0; // a works every lead at once
    }
    // lead 2: both at 0 open, b's pointer is lower; then b keeps 1 open while a stays at 0.
    expect(picks).toEqual(['a@x.test', 'b@x.test', 'a@x.test', 'a@x.test']);
  });
});

describe('fair-queue helpers', () => {
  it('a missing pointer or one below virtual time (absent / new member) restarts one tick after it', () => {
    const rotation = { virtualTime: 10, pointers: { 'a@x.test': 3, 'b@x.test': 12, 'c@x.test': 10 } };
    expect(effectivePointer(rotation, 'a@x.test')).toBe(10 + TICK);
    expect(effectivePointer(rotation, 'new@x.test')).toBe(10 + TICK);
    expect(effectivePointer(rotation, 'b@x.test')).toBe(12);
    expect(effectivePointer(rotation, 'c@x.test')).toBe(10); // due exactly now: not lagging
    expect(effectivePointer(undefined, 'a@x.test')).toBe(TICK);
  });

  it('steps are whole ticks: three 1/3 turns are exactly one turn, no drift over many turns', () => {
    expect(3 * pointerStep(3)).toBe(pointerStep(1));
    for (const w of [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 12, 16, 0.5, 1.5, 0.25, 0.1, 0.3, 2.5]) {
      expect(Number.isInteger(TICKS_PER_TURN / w) || Math.abs(TICKS_PER_TURN / w - Math.round(TICKS_PER_TURN / w)) < 1e-6).toBe(true);
    }
    // A pointer stored as turns (float) and read back snaps to the same tick after a million turns.
    const state: RoutingState = { loads: {}, rotations: { t: { virtualTime: 1e6, pointers: { 'a@x.test': (1e6 * TICKS_PER_TURN + pointerStep(3)) / TICKS_PER_TURN } } } };
    expect(effectivePointer(state.rotations.t, 'a@x.test') * TICKS_PER_TURN).toBe(1e6 * TICKS_PER_TURN + pointerStep(3));
  });
});
