// Rule semantics, targets, keepCurrentOwner and the fallback chain.
import { describe, expect, it } from '@jest/globals';
import { emptyState } from '../../../src/engine/apply-state.ts';
import { routeLead } from '../../../src/engine/route.ts';
import type { Lead, RouteDecision, RouteOptions, RoutingState } from '../../../src/engine/types.ts';
import { ctxOf, leadOf, makeConfig, MON_10Z } from './route-fixtures.ts';

const owners = [
  'anna@x.test',
  'bob@x.test',
  'carol@x.test',
  { email: 'dave@x.test', active: false },
  { email: 'erin@x.test', outOfOffice: [{ from: '2026-03-01', to: '2026-03-06' }] },
  { email: 'fred@x.test', capacity: { perDay: 2 } },
  'frank@x.test',
];
const teams = [
  { name: 'sales', members: ['anna@x.test', 'bob@x.test', 'carol@x.test'] },
  { name: 'away', members: ['dave@x.test', 'erin@x.test'] },
  { name: 'ghosts', members: ['ghost@x.test'] },
];
const atCap: RoutingState = { loads: { 'fred@x.test': { assignedToday: 2, assignedThisWeek: 2, openLeads: 0 } }, rotations: {} };

interface Row {
  name: string;
  routing: Record<string, unknown>;
  lead?: Lead;
  state?: RoutingState;
  opts?: RouteOptions;
  expect: Partial<RouteDecision>;
  reason?: RegExp;
  trace?: RegExp[];
  /** keep_current is not a new assignment: no SLA even when the tier has one */
  noSla?: boolean;
}

const pharma = leadOf({ industry: 'pharma' });
const rows: Row[] = [
  {
    name: 'owner target',
    routing: { rules: [{ name: 'vip', assign: { owner: 'bob@x.test' } }] },
    expect: { owner: 'bob@x.test', target: 'owner', rule: 'vip' },
    reason: /^rule vip -> owner bob@x.test$/,
  },
  {
    name: 'owner target out of office -> fallback owner',
    routing: { rules: [{ name: 'vip', assign: { owner: 'erin@x.test' } }], fallback: { owner: 'frank@x.test' } },
    expect: { owner: 'frank@x.test', target: 'fallback', rule: null },
    trace: [/rule 'vip': owner unavailable \(erin@x.test out_of_office: out of office 2026-03-01..2026-03-06\); using the fallback/],
  },
  {
    name: 'owner target inactive -> fallback team',
    routing: { rules: [{ name: 'vip', assign: { owner: 'dave@x.test' } }], fallback: { team: 'sales' } },
    expect: { owner: 'anna@x.test', target: 'fallback', team: 'sales', rule: null },
    reason: /^rule vip: owner dave@x.test inactive: marked active: false in the config -> fallback -> team sales \(round_robin\): anna@x.test$/,
  },
  {
    name: 'owner target at daily cap -> fallback',
    routing: { rules: [{ name: 'vip', assign: { owner: 'fred@x.test' } }], fallback: { owner: 'frank@x.test' } },
    state: atCap,
    expect: { owner: 'frank@x.test', target: 'fallback' },
    trace: [/fred@x.test at_daily_cap: 2\/2 today/],
  },
  {
    name: 'owner target excluded (SLA reassignment) -> fallback',
    routing: { rules: [{ name: 'vip', assign: { owner: 'bob@x.test' } }], fallback: { owner: 'frank@x.test' } },
    opts: { exclude: ['BOB@x.test'] },
    expect: { owner: 'frank@x.test', target: 'fallback' },
  },
  {
    name: 'team target picks by strategy',
    routing: { rules: [{ name: 'all', assign: { team: 'sales' } }] },
    expect: { owner: 'anna@x.test', target: 'team', team: 'sales', rule: 'all' },
    reason: /^rule all -> team sales \(round_robin\): anna@x.test$/,
  },
  {
    name: 'team with nobody eligible -> fallback',
    routing: { rules: [{ name: 'r', assign: { team: 'away' } }], fallback: { owner: 'frank@x.test' } },
    expect: { owner: 'frank@x.test', target: 'fallback', rule: null },
    trace: [/team away has no eligible member \(dave@x.test inactive, erin@x.test out_of_office\)/],
  },
  {
    name: 'team target not defined -> fallback',
    routing: { rules: [{ name: 'r', assign: { team: 'nope' } }], fallback: { owner: 'frank@x.test' } },
    expect: { owner: 'frank@x.test', target: 'fallback' },
    trace: [/^rule 'r': team nope is not defined; using the fallback$/],
  },
  {
    name: 'forced fallback team without known members -> unassigned, said so',
    routing: { fallback: { team: 'ghosts' } },
    expect: { owner: null, target: 'unassigned', reason: 'no eligible owner: fallback team ghosts has no known members' },
  },
  {
    name: 'account owner',
    routing: { rules: [{ name: 'acct', assign: { accountOwner: true } }, { name: 'rest', assign: { team: 'sales' } }] },
    lead: leadOf({}, { accountOwner: 'Carol@X.test' }),
    expect: { owner: 'carol@x.test', target: 'account_owner', rule: 'acct' },
  },
  {
    name: 'account owner unavailable -> continue with the next rules',
    routing: { rules: [{ name: 'acct', assign: { accountOwner: true } }, { name: 'rest', assign: { owner: 'bob@x.test' } }] },
    lead: leadOf({}, { accountOwner: 'erin@x.test' }),
    expect: { owner: 'bob@x.test', target: 'owner', rule: 'rest' },
    trace: [/rule 'acct': account owner unavailable \(erin@x.test out_of_office: .*\), continuing/, /rule 'rest': matched/],
  },
  {
    name: 'no account owner -> continue',
    routing: { rules: [{ name: 'acct', assign: { accountOwner: true } }], fallback: { owner: 'frank@x.test' } },
    expect: { owner: 'frank@x.test', target: 'fallback' },
    trace: [/account owner unavailable \(the lead has no account owner\), continuing/],
    reason: /^no matching rule could assign the lead -> fallback owner frank@x.test$/,
  },
  {
    name: 'unknown account owner -> continue',
    routing: { rules: [{ name: 'acct', assign: { accountOwner: true } }, { name: 'rest', assign: { owner: 'bob@x.test' } }] },
    lead: leadOf({}, { accountOwner: 'stranger@y.test' }),
    expect: { owner: 'bob@x.test', rule: 'rest' },
    trace: [/stranger@y.test is not a known owner/],
  },
  {
    name: 'keepCurrent target keeps a known current owner (even out of office)',
    routing: { keepCurrentOwner: false, slaByTier: { warm: { firstTouchMinutes: 30 } }, rules: [{ name: 'keep', assign: { keepCurrent: true } }] },
    lead: leadOf({}, { currentOwner: 'erin@x.test' }),
    expect: { owner: 'erin@x.test', target: 'keep_current', rule: 'keep' },
    noSla: true,
  },
  {
    name: 'keepCurrent target without a current owner -> continue',
    routing: { keepCurrentOwner: false, rules: [{ name: 'keep', assign: { keepCurrent: true } }, { name: 'rest', assign: { owner: 'bob@x.test' } }] },
    expect: { owner: 'bob@x.test', rule: 'rest' },
    trace: [/rule 'keep': cannot keep the current owner \(the lead has no current owner\), continuing/],
  },
  {
    name: 'unassigned target with allowUnassigned',
    routing: { allowUnassigned: true, rules: [{ name: 'junk', assign: { unassigned: true } }] },
    expect: { owner: null, target: 'unassigned', rule: 'junk' },
  },
  {
    name: 'unassigned target without allowUnassigned -> fallback',
    routing: { rules: [{ name: 'junk', assign: { unassigned: true } }], fallback: { owner: 'frank@x.test' } },
    expect: { owner: 'frank@x.test', target: 'fallback' },
    trace: [/allowUnassigned is false; using the fallback/],
  },
  {
    name: 'first matching rule wins; disabled and non-matching rules are traced',
    routing: {
      rules: [
        { name: 'off', enabled: false, assign: { owner: 'carol@x.test' } },
        { name: 'retail', when: { field: 'industry', equals: 'retail' }, assign: { owner: 'anna@x.test' } },
        { name: 'pharma', when: { field: 'industry', in: ['pharma', 'biotech'] }, assign: { owner: 'bob@x.test' } },
        { name: 'catch-all', assign: { owner: 'carol@x.test' } },
      ],
    },
    lead: pharma,
    expect: { owner: 'bob@x.test', rule: 'pharma' },
    trace: [
      /^rule 'off': disabled, skipped$/,
      /^rule 'retail': no match: industry = retail \(industry "pharma"\)$/,
      /^rule 'pharma': matched: industry in \[pharma, biotech\] \(industry "pharma"\)$/,
    ],
  },
  {
    name: 'rule conditions see score and tier',
    routing: {
      rules: [
        { name: 'urgent', when: { field: 'score', min: 90 }, assign: { owner: 'anna@x.test' } },
        { name: 'warm', when: { field: 'tier', equals: 'warm' }, assign: { owner: 'carol@x.test' } },
      ],
    },
    expect: { owner: 'carol@x.test', rule: 'warm' },
    trace: [/^rule 'urgent': no match: score >= 90 \(score 50\)$/],
  },
  {
    name: 'no rule matched -> fallback owner',
    routing: { rules: [{ name: 'retail', when: { field: 'industry', equals: 'retail' }, assign: { owner: 'anna@x.test' } }], fallback: { owner: 'frank@x.test' } },
    expect: { owner: 'frank@x.test', target: 'fallback', rule: null },
    reason: /^no rule matched -> fallback owner frank@x.test$/,
  },
  {
    name: 'fallback owner unavailable, allowUnassigned -> unassigned',
    routing: { allowUnassigned: true, fallback: { owner: 'erin@x.test' } },
    expect: { owner: null, target: 'unassigned', rule: null },
    reason: /fallback owner erin@x.test out_of_office: .* -> left unassigned$/,
  },
  {
    name: 'fallback owner unavailable, no allowUnassigned -> forced onto the fallback owner',
    routing: { fallback: { owner: 'erin@x.test' } },
    expect: { owner: 'erin@x.test', target: 'fallback', rule: null },
    reason: /^NO ELIGIBLE OWNER: assigned regardless of eligibility/,
    trace: [/^fallback failed: fallback owner erin@x.test out_of_office/, /^NO ELIGIBLE OWNER.*: fallback owner erin@x.test$/],
  },
  {
    name: 'fallback team nobody eligible, no allowUnassigned -> forced onto an active member',
    routing: { fallback: { team: 'away' } },
    expect: { owner: 'erin@x.test', target: 'fallback', team: 'away' },
    trace: [/fallback team away has no eligible member/, /forced erin@x.test$/],
  },
  {
    name: 'fallback team nobody eligible, allowUnassigned -> unassigned',
    routing: { allowUnassigned: true, fallback: { team: 'away' } },
    expect: { owner: null, target: 'unassigned' },
  },
  {
    name: 'no fallback, no allowUnassigned',
    routing: { rules: [{ name: 'r', assign: { team: 'away' } }] },
    expect: { owner: null, target: 'unassigned', rule: null, reason: 'no eligible owner and no fallback configured' },
  },
  {
    name: 'no fallback, allowUnassigned',
    routing: { allowUnassigned: true },
    expect: { owner: null, target: 'unassigned' },
    reason: /^no rule matched; no fallback configured -> left unassigned$/,
  },
  {
    name: 'keepCurrentOwner on: a known active owner keeps the lead, rules are not evaluated',
    routing: { rules: [{ name: 'all', assign: { owner: 'bob@x.test' } }] },
    lead: leadOf({}, { currentOwner: 'Carol@x.test' }),
    expect: { owner: 'carol@x.test', target: 'keep_current', rule: null, trace: ['keepCurrentOwner: carol@x.test already owns the lead; rules not evaluated'] },
  },
  {
    name: 'keepCurrentOwner on: an out-of-office owner still keeps the lead',
    routing: { rules: [{ name: 'all', assign: { owner: 'bob@x.test' } }] },
    lead: leadOf({}, { currentOwner: 'erin@x.test' }),
    expect: { owner: 'erin@x.test', target: 'keep_current' },
  },
  {
    name: 'keepCurrentOwner on: inactive current owner -> rules',
    routing: { rules: [{ name: 'all', assign: { owner: 'bob@x.test' } }] },
    lead: leadOf({}, { currentOwner: 'dave@x.test' }),
    expect: { owner: 'bob@x.test', rule: 'all' },
    trace: [/^keepCurrentOwner: dave@x.test is inactive; routing by rules$/],
  },
  {
    name: 'keepCurrentOwner on: unknown current owner -> rules',
    routing: { rules: [{ name: 'all', assign: { owner: 'bob@x.test' } }] },
    lead: leadOf({}, { currentOwner: 'someone@else.test' }),
    expect: { owner: 'bob@x.test', rule: 'all' },
    trace: [/someone@else.test is not a known owner; routing by rules/],
  },
  {
    name: 'keepCurrentOwner on: excluded current owner -> rules',
    routing: { rules: [{ name: 'all', assign: { team: 'sales' } }] },
    lead: leadOf({}, { currentOwner: 'anna@x.test' }),
    opts: { exclude: ['anna@x.test'] },
    expect: { owner: 'bob@x.test', rule: 'all' },
  },
  {
    name: 'keepCurrentOwner on: forceReroute ignores it',
    routing: { rules: [{ name: 'all', assign: { owner: 'bob@x.test' } }] },
    lead: leadOf({}, { currentOwner: 'carol@x.test' }),
    opts: { forceReroute: true },
    expect: { owner: 'bob@x.test', rule: 'all' },
    trace: [/keepCurrentOwner: ignored, re-routing on request/],
  },
  {
    name: 'keepCurrentOwner off: rules run for owned leads',
    routing: { keepCurrentOwner: false, rules: [{ name: 'all', assign: { owner: 'bob@x.test' } }] },
    lead: leadOf({}, { currentOwner: 'carol@x.test' }),
    expect: { owner: 'bob@x.test', rule: 'all', target: 'owner' },
  },
];

describe('routeLead: targets, rules, keepCurrentOwner, fallback', () => {
  it.each(rows.map((r) => [r.name, r] as const))('%s', (_name, row) => {
    const compiled = makeConfig({ owners, teams, routing: row.routing });
    const decision = routeLead(row.lead ?? leadOf(), ctxOf(50, 'warm'), compiled, row.state ?? emptyState(), MON_10Z, row.opts);
    expect(decision).toMatchObject(row.expect);
    if (row.noSla) expect(decision.sla).toBeUndefined();
    if (row.reason) expect(decision.reason).toMatch(row.reason);
    for (const t of row.trace ?? []) expect(decision.trace.some((line) => t.test(line))).toBe(true);
  });

  it('is deterministic and does not touch the state it is given', () => {
    const compiled = makeConfig({ owners, teams, routing: { rules: [{ name: 'all', assign: { team: 'sales' } }] } });
    const state: RoutingState = { loads: {}, rotations: { sales: { virtualTime: 3, pointers: { 'anna@x.test': 4, 'bob@x.test': 3.5 } } } };
    const before = JSON.stringify(state);
    const a = routeLead(leadOf(), ctxOf(), compiled, state, MON_10Z);
    const b = routeLead(leadOf(), ctxOf(), compiled, state, MON_10Z);
    expect(JSON.stringify(state)).toBe(before);
    expect(a).toEqual(b);
    expect(a.owner).toBe('carol@x.test'); // carol has no pointer: starts one tick after virtualTime 3, lowest
    const tick = 1 / 720_720;
    expect(a.rotation!.pointer).toBeCloseTo(4 + tick, 12);
    expect(a.rotation!.virtualTime).toBeCloseTo(3 + tick, 12);
  });
});
