// Eligibility gates before the strategy picks: every skipped candidate says why.
import { describe, expect, it } from '@jest/globals';
import { emptyState } from '../../../src/engine/apply-state.ts';
import { routeLead } from '../../../src/engine/route.ts';
import type { CandidateTrace, RouteOptions, RoutingState } from '../../../src/engine/types.ts';
import { ctxOf, leadOf, makeConfig, MON_10Z } from './route-fixtures.ts';

const pragueHours = { timezone: 'Europe/Prague', workingHours: { start: '09:00', end: '17:00' } }; // 11:00 local at MON_10Z
const nyHours = { timezone: 'America/New_York', workingHours: { start: '09:00', end: '17:00' } }; // 05:00 local at MON_10Z
const load = (assignedToday: number, assignedThisWeek: number, openLeads: number) => ({ assignedToday, assignedThisWeek, openLeads });

interface Row {
  name: string;
  member: Record<string, unknown>;
  team?: Record<string, unknown>;
  target?: Record<string, unknown>;
  state?: RoutingState;
  opts?: RouteOptions;
  skipped: CandidateTrace['skipped'] | null;
  detail?: RegExp;
}

// The tested member "m@x.test" is listed first (it would win every tie); "ok@x.test" always passes.
const rows: Row[] = [
  { name: 'eligible', member: {}, skipped: null },
  { name: 'inactive', member: { active: false }, skipped: 'inactive' },
  { name: 'out of office today', member: { outOfOffice: [{ from: '2026-03-02', to: '2026-03-02' }] }, skipped: 'out_of_office', detail: /2026-03-02..2026-03-02/ },
  { name: 'out of office ended yesterday', member: { outOfOffice: [{ from: '2026-02-20', to: '2026-03-01' }] }, skipped: null },
  { name: 'away (set from the CRM) now', member: {}, state: away(MON_10Z - 3_600_000, MON_10Z + 3_600_000), skipped: 'out_of_office', detail: /^away until 2026-03-02 11:00 UTC \(visit\), set by hubspot-user:7$/ },
  { name: 'away ended before now', member: {}, state: away(MON_10Z - 7_200_000, MON_10Z), skipped: null },
  { name: 'away starting later', member: {}, state: away(MON_10Z + 1, MON_10Z + 3_600_000), skipped: null },
  { name: 'daily cap reached', member: { capacity: { perDay: 3 } }, state: st(load(3, 3, 0)), skipped: 'at_daily_cap', detail: /^3\/3 today$/ },
  { name: 'daily cap not reached', member: { capacity: { perDay: 3 } }, state: st(load(2, 9, 9)), skipped: null },
  { name: 'weekly cap reached', member: { capacity: { perWeek: 10 } }, state: st(load(0, 10, 0)), skipped: 'at_weekly_cap', detail: /^10\/10 this week$/ },
  { name: 'open cap reached', member: { capacity: { maxOpen: 5 } }, state: st(load(0, 0, 5)), skipped: 'at_open_cap', detail: /^5\/5 open leads$/ },
  { name: 'cap 0 with no load entry (missing load = zeros)', member: { capacity: { perDay: 0 } }, skipped: 'at_daily_cap' },
  { name: 'caps with no load entry', member: { capacity: { perDay: 1, perWeek: 1, maxOpen: 1 } }, skipped: null },
  { name: 'team requires a skill the member lacks', member: { skills: ['en'] }, team: { requireSkills: ['de'] }, skipped: 'missing_skill', detail: /"de"/ },
  { name: 'team skill present (case-insensitive)', member: { skills: ['DE'] }, team: { requireSkills: ['de'] }, skipped: null },
  { name: 'rule target requires an extra skill', member: { skills: ['de'] }, team: { requireSkills: ['de'] }, target: { requireSkills: ['pharma'] }, skipped: 'missing_skill', detail: /"pharma"/ },
  { name: 'team seniority', member: { seniority: 'junior' }, team: { seniority: ['senior', 'director'] }, skipped: 'seniority', detail: /junior not in \[senior, director\]/ },
  { name: 'rule target seniority', member: { seniority: 'mid' }, target: { seniority: ['senior'] }, skipped: 'seniority' },
  { name: 'team and target seniority both apply', member: { seniority: 'senior' }, team: { seniority: ['senior'] }, target: { seniority: ['director'] }, skipped: 'seniority' },
  { name: 'excluded (SLA reassignment)', member: {}, opts: { exclude: ['M@x.test'] }, skipped: 'excluded' },
  { name: 'require hours: outside', member: nyHours, team: { workingHours: 'require' }, skipped: 'outside_hours', detail: /America\/New_York, now Mon 05:00/ },
  { name: 'require hours: inside', member: pragueHours, team: { workingHours: 'require' }, skipped: null },
  { name: 'prefer hours: outside while another member is inside', member: nyHours, team: { workingHours: 'prefer' }, skipped: 'outside_hours' },
  { name: 'ignore hours', member: nyHours, team: { workingHours: 'ignore' }, skipped: null },
];

function away(from: number, to: number): RoutingState {
  return { loads: {}, rotations: {}, absences: { 'm@x.test': [{ from, to, note: 'visit', setBy: 'hubspot-user:7' }] } };
}

function st(l: ReturnType<typeof load>): RoutingState {
  return { loads: { 'm@x.test': l }, rotations: {} };
}

describe('eligibility gates (team members)', () => {
  it.each(rows.map((r) => [r.name, r] as const))('%s', (_name, row) => {
    const compiled = makeConfig({
      owners: [{ email: 'm@x.test', ...row.member }, { email: 'ok@x.test', skills: ['de', 'pharma', 'en'], seniority: 'senior', ...pragueHours }],
      teams: [{ name: 't', members: ['m@x.test', 'ok@x.test'], ...row.team }],
      routing: { rules: [{ name: 'r', assign: { team: 't', ...row.target } }] },
    });
    const d = routeLead(leadOf(), ctxOf(), compiled, row.state ?? emptyState(), MON_10Z, row.opts);
    const m = d.candidates.find((c) => c.owner === 'm@x.test')!;
    if (row.skipped === null) {
      expect(m).toMatchObject({ eligible: true });
      expect(m.skipped).toBeUndefined();
      expect(d.owner).toBe('m@x.test');
    } else {
      expect(m).toMatchObject({ eligible: false, skipped: row.skipped });
      expect(d.owner).not.toBe('m@x.test');
      if (row.detail) expect(m.detail).toMatch(row.detail);
    }
  });

  it('owners are identified by lower-cased email (the store keys loads and pointers that way)', () => {
    const compiled = makeConfig({
      owners: [{ email: 'Anna@X.test', capacity: { perDay: 1 } }, 'Bob@X.test'],
      teams: [{ name: 't', members: ['ANNA@x.test', 'bob@x.test'] }],
      routing: { rules: [{ name: 'r', assign: { team: 't' } }] },
    });
    const state: RoutingState = {
      loads: { 'anna@x.test': { assignedToday: 1, assignedThisWeek: 1, openLeads: 1 } },
      rotations: { t: { virtualTime: 0, pointers: { 'bob@x.test': 5 } } },
    };
    const d = routeLead(leadOf(), ctxOf(), compiled, state, MON_10Z);
    expect(d.candidates).toEqual([
      { owner: 'anna@x.test', eligible: false, skipped: 'at_daily_cap', detail: '1/1 today' },
      { owner: 'bob@x.test', eligible: true, pointer: 5 },
    ]);
    expect(d.owner).toBe('bob@x.test');
    expect(d.rotation).toMatchObject({ owner: 'bob@x.test', pointer: 6 });
  });

  it('unknown team members are skipped as unknown_owner', () => {
    const compiled = makeConfig({
      owners: ['ok@x.test'],
      teams: [{ name: 't', members: ['ghost@x.test', 'ok@x.test'] }],
      routing: { rules: [{ name: 'r', assign: { team: 't' } }] },
    });
    const d = routeLead(leadOf(), ctxOf(), compiled, emptyState(), MON_10Z);
    expect(d.candidates[0]).toEqual({ owner: 'ghost@x.test', eligible: false, skipped: 'unknown_owner', detail: 'not listed under owners' });
    expect(d.owner).toBe('ok@x.test');
  });

  it('prefer hours: when nobody is within hours, off-hours members are used', () => {
    const compiled = makeConfig({
      owners: [{ email: 'a@x.test', ...nyHours }, { email: 'b@x.test', ...nyHours }],
      teams: [{ name: 't', members: ['a@x.test', 'b@x.test'], workingHours: 'prefer' }],
      routing: { rules: [{ name: 'r', assign: { team: 't' } }] },
    });
    const d = routeLead(leadOf(), ctxOf(), compiled, emptyState(), MON_10Z);
    expect(d.owner).toBe('a@x.test');
    expect(d.candidates.every((c) => c.eligible)).toBe(true);
    expect(d.trace).toContain('nobody in team t is within working hours; picking among off-hours members (workingHours: prefer)');
  });

  it('require hours: when nobody is within hours, the team fails over to the fallback', () => {
    const compiled = makeConfig({
      owners: [{ email: 'a@x.test', ...nyHours }, 'fb@x.test'],
      teams: [{ name: 't', members: ['a@x.test'], workingHours: 'require' }],
      routing: { rules: [{ name: 'r', assign: { team: 't' } }], fallback: { owner: 'fb@x.test' } },
    });
    const d = routeLead(leadOf(), ctxOf(), compiled, emptyState(), MON_10Z);
    expect(d).toMatchObject({ owner: 'fb@x.test', target: 'fallback' });
    expect(d.candidates).toEqual([expect.objectContaining({ owner: 'a@x.test', skipped: 'outside_hours' })]);
  });

  it('prefer hours: members failing other gates do not count as "inside hours"', () => {
    const compiled = makeConfig({
      owners: [{ email: 'a@x.test', ...nyHours }, { email: 'b@x.test', ...pragueHours, active: false }],
      teams: [{ name: 't', members: ['a@x.test', 'b@x.test'], workingHours: 'prefer' }],
      routing: { rules: [{ name: 'r', assign: { team: 't' } }] },
    });
    const d = routeLead(leadOf(), ctxOf(), compiled, emptyState(), MON_10Z);
    expect(d.owner).toBe('a@x.test');
  });
});
