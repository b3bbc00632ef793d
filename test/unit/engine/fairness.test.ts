// Fairness of the rotation over 10,000 simulated leads (applyDecision between leads, the way
// simulate and the store apply decisions): exact weighted shares, no catch-up burst after an
// absence, and roster changes that reset nobody's rotation.
import { describe, expect, it } from '@jest/globals';
import { applyDecision, emptyState, resetPeriodCounts } from '../../../src/engine/apply-state.ts';
import { routeLead } from '../../../src/engine/route.ts';
import type { CompiledConfig, RouteOptions, RoutingState } from '../../../src/engine/types.ts';
import { ctxOf, DAY, leadOf, makeConfig, MINUTE } from './route-fixtures.ts';

const N = 10_000;
const START = Date.UTC(2026, 2, 2); // Monday 2026-03-02 00:00 UTC

function teamOf(owners: (string | Record<string, unknown>)[], strategy = 'round_robin', extra: Record<string, unknown> = {}): CompiledConfig {
  const emails = owners.map((o) => (typeof o === 'string' ? o : (o.email as string)));
  return makeConfig({ owners, teams: [{ name: 't', members: emails, strategy, workingHours: 'ignore', ...extra }], routing: { rules: [{ name: 'r', assign: { team: 't' } }] } });
}

/** Route `n` leads; returns the owner of each. `at(i)` gives lead i's time, `opts(i)` its options. */
function simulate(compiled: CompiledConfig, state: RoutingState, n: number, at: (i: number) => number = () => START, opts?: (i: number) => RouteOptions): string[] {
  const picks: string[] = [];
  let day = Math.floor(at(0) / DAY);
  for (let i = 0; i < n; i++) {
    const now = at(i);
    if (Math.floor(now / DAY) !== day) {
      day = Math.floor(now / DAY);
      resetPeriodCounts(state, 'day'); // all owners are on UTC here
    }
    const d = routeLead(leadOf(), ctxOf(), compiled, state, now, opts?.(i));
    applyDecision(state, d);
    picks.push(d.owner!);
  }
  return picks;
}

function counts(picks: string[]): Record<string, number> {
  const c: Record<string, number> = {};
  for (const p of picks) c[p] = (c[p] ?? 0) + 1;
  return c;
}

/** The largest |count(x) - count(y)| seen at any prefix of `picks`, for x, y in `who`. */
function maxPrefixGap(picks: string[], who: string[]): number {
  const c = new Map(who.map((w) => [w, 0]));
  let worst = 0;
  for (const p of picks) {
    if (!c.has(p)) continue;
    c.set(p, c.get(p)! + 1);
    const v = [...c.values()];
    worst = Math.max(worst, Math.max(...v) - Math.min(...v));
  }
  return worst;
}

describe('weighted shares over 10,000 leads', () => {
  it.each([
    [[1, 2, 3, 4]],
    [[1, 1, 1]],
    [[1, 1.5, 2.5]],
    [[3, 1]],
    [[0.5, 7, 2, 2, 1]],
  ])('weights %j', (weights) => {
    const owners = weights.map((w, i) => ({ email: `w${i}@x.test`, weight: w }));
    const picks = simulate(teamOf(owners, 'weighted'), emptyState(), N);
    const c = counts(picks);
    const total = weights.reduce((a, b) => a + b, 0);
    weights.forEach((w, i) => {
      const got = c[`w${i}@x.test`] ?? 0;
      expect(Math.abs(got / N - w / total)).toBeLessThanOrEqual(0.01);
      // Start-time fair queuing is exact up to one turn per member, not just within 1 %.
      expect(Math.abs(got - (N * w) / total)).toBeLessThanOrEqual(2);
    });
  });
});

describe('plain round-robin with absences and caps over 10,000 leads', () => {
  // Leads every 5 minutes from Monday 2026-03-02: ~35 days. dave is out of office for the
  // week of 2026-03-09; erin has a daily cap (40) below her share (~57/day), so she drops out
  // every afternoon and comes back each midnight.
  const owners = [
    { email: 'dave@x.test', outOfOffice: [{ from: '2026-03-09', to: '2026-03-15' }] },
    'anna@x.test',
    'bob@x.test',
    'carol@x.test',
    { email: 'erin@x.test', capacity: { perDay: 40 } },
  ];
  const at = (i: number) => START + i * 5 * MINUTE;
  const picks = simulate(teamOf(owners), emptyState(), N, at);
  const always = ['anna@x.test', 'bob@x.test', 'carol@x.test'];

  it('reps available the whole time differ by at most one lead, at every point', () => {
    expect(maxPrefixGap(picks, always)).toBeLessThanOrEqual(1);
    const c = counts(picks);
    expect(Math.max(...always.map((a) => c[a]!)) - Math.min(...always.map((a) => c[a]!))).toBeLessThanOrEqual(1);
  });

  it('the capped rep never exceeds her daily cap', () => {
    const perDay = new Map<number, number>();
    picks.forEach((p, i) => {
      if (p === 'erin@x.test') perDay.set(Math.floor(at(i) / DAY), (perDay.get(Math.floor(at(i) / DAY)) ?? 0) + 1);
    });
    expect(Math.max(...perDay.values())).toBe(40);
  });

  it('the rep back from a week out of office gets no catch-up burst', () => {
    const away = picks.filter((p, i) => p === 'dave@x.test' && at(i) >= Date.UTC(2026, 2, 9) && at(i) < Date.UTC(2026, 2, 16));
    expect(away).toHaveLength(0);
    const back = picks.findIndex((_p, i) => at(i) >= Date.UTC(2026, 2, 16));
    const after = picks.slice(back);
    // Counting from the moment he is back, dave stays within one lead of every rep who was
    // there all along, at every point.
    expect(maxPrefixGap(after, ['dave@x.test', ...always])).toBeLessThanOrEqual(1);
  });

  it.each([0, 1, 2, 3, 4, 5, 6])('no burst whatever the position in the round on return (return after %i extra leads)', (shift) => {
    // Absence via SLA exclusion for leads 1000..2999+shift, listed first so he would win ties.
    const compiled = teamOf(['dave@x.test', 'anna@x.test', 'bob@x.test', 'carol@x.test']);
    const end = 3000 + shift;
    const p = simulate(compiled, emptyState(), 5000, () => START, (i) => (i >= 1000 && i < end ? { exclude: ['dave@x.test'] } : {}));
    expect(p.slice(1000, end)).not.toContain('dave@x.test');
    expect(maxPrefixGap(p.slice(end), ['dave@x.test', 'anna@x.test', 'bob@x.test', 'carol@x.test'])).toBeLessThanOrEqual(1);
  });

  it('a weighted rep back from absence gets his weighted share, not a burst', () => {
    const compiled = teamOf([{ email: 'dave@x.test', weight: 2 }, 'anna@x.test', 'bob@x.test'], 'weighted');
    const p = simulate(compiled, emptyState(), 6001, () => START, (i) => (i >= 1000 && i < 3001 ? { exclude: ['dave@x.test'] } : {}));
    const after = p.slice(3001);
    // Over any prefix of the 3000 leads after his return, dave has at most 2 (his weight) per
    // turn of the others, plus one turn of slack: never a backlog of missed leads.
    const c = { dave: 0, anna: 0, bob: 0 };
    for (const o of after) {
      c[o.split('@')[0] as keyof typeof c]++;
      expect(c.dave).toBeLessThanOrEqual(2 * Math.min(c.anna, c.bob) + 2);
      expect(c.dave).toBeGreaterThanOrEqual(2 * Math.max(c.anna, c.bob) - 2);
    }
    expect(c.dave).toBe(1500);
  });
});

describe('roster changes do not reset the rotation', () => {
  const state = emptyState();
  const abc = teamOf(['anna@x.test', 'bob@x.test', 'carol@x.test']);
  const first = simulate(abc, state, 3001); // 1000 full rounds, then anna once more
  const pointersBefore = { ...state.rotations.t!.pointers };

  it('adding a rep: the others continue where they were; the newcomer gets a normal share', () => {
    const withDave = teamOf(['anna@x.test', 'bob@x.test', 'carol@x.test', 'dave@x.test']);
    expect(first.at(-1)).toBe('anna@x.test');
    const probe = routeLead(leadOf(), ctxOf(), withDave, state, START);
    expect(probe.candidates.slice(0, 3).map((c) => c.pointer)).toEqual(
      ['anna@x.test', 'bob@x.test', 'carol@x.test'].map((o) => Math.round(pointersBefore[o]! * 1e6) / 1e6),
    );
    const next = simulate(withDave, state, 4000);
    // A reset (HubSpot's native rotation) would start over at anna; here bob and carol finish the round.
    expect(next.slice(0, 4)).toEqual(['bob@x.test', 'carol@x.test', 'dave@x.test', 'anna@x.test']);
    expect(maxPrefixGap(next, ['anna@x.test', 'bob@x.test', 'carol@x.test', 'dave@x.test'])).toBeLessThanOrEqual(1);
  });

  it('removing a rep: the others keep their turns', () => {
    const withoutBob = teamOf(['anna@x.test', 'carol@x.test', 'dave@x.test']);
    const before = { ...state.rotations.t!.pointers };
    const next = simulate(withoutBob, state, 3000);
    expect(state.rotations.t!.pointers['bob@x.test']).toBe(before['bob@x.test']); // untouched, kept for a return
    expect(maxPrefixGap(next, ['anna@x.test', 'carol@x.test', 'dave@x.test'])).toBeLessThanOrEqual(1);
    expect(counts(next)).toEqual({ 'anna@x.test': 1000, 'carol@x.test': 1000, 'dave@x.test': 1000 });
  });
});
