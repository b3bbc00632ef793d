// decideLead: the decisions on top of the rules that depend on the lead's history (CRM owner
// outside the config, pending assignment, SLA breach, current team member, kept explanation).
import { describe, expect, it } from '@jest/globals';
import { emptyState } from '../../../src/engine/apply-state.ts';
import { decideLead, decideWithoutRouting, type DecisionInput } from '../../../src/engine/decide.ts';
import type { RoutingState } from '../../../src/engine/types.ts';
import { leadOf, makeConfig, MON_10Z } from './route-fixtures.ts';

const owners = ['anna@x.test', 'bob@x.test', 'carol@x.test', 'boss@x.test', { email: 'fred@x.test', capacity: { perDay: 1 } }];
const teams = [
  { name: 'sales', members: ['anna@x.test', 'bob@x.test', 'carol@x.test'] },
  { name: 'capped', members: ['fred@x.test', 'carol@x.test'] },
];
const rules = [
  { name: 'capped-rule', when: { field: 'to', equals: 'capped' }, assign: { team: 'capped' } },
  { name: 'sales-rule', assign: { team: 'sales' } },
];
const keep = makeConfig({ owners, teams, routing: { rules } });
const reroute = makeConfig({ owners, teams, routing: { keepCurrentOwner: false, rules } });
const fredAtCap: RoutingState = { loads: { 'fred@x.test': { assignedToday: 1, assignedThisWeek: 1, openLeads: 1 } }, rotations: {} };
const assignedAt = Date.UTC(2026, 2, 1, 9, 0);

interface Row {
  name: string;
  input: Omit<DecisionInput, 'state' | 'now'> & { state?: RoutingState };
  expect: { owner: string | null; rule: string | null; target: string; reason?: string | RegExp; assigns: boolean; scoreOnly?: boolean };
}

const rows: Row[] = [
  {
    name: 'a CRM owner outside the config keeps the lead: scored only',
    input: { lead: leadOf({}, { currentOwner: 'stranger@x.test', currentOwnerCrmId: '77' }), compiled: keep },
    expect: { owner: 'stranger@x.test', rule: null, target: 'keep_current', reason: 'kept CRM owner 77 (not managed by lead-router)', assigns: false, scoreOnly: true },
  },
  {
    name: 'a CRM owner the directory cannot map keeps the lead too',
    input: { lead: leadOf({}, { currentOwner: null, currentOwnerCrmId: '78' }), compiled: keep },
    expect: { owner: null, rule: null, target: 'keep_current', reason: 'kept CRM owner 78 (not managed by lead-router)', assigns: false, scoreOnly: true },
  },
  {
    name: 'an owner outside the config in a lead file (no CRM id) is kept the same way',
    input: { lead: leadOf({}, { currentOwner: 'stranger@x.test' }), compiled: keep },
    expect: { owner: 'stranger@x.test', rule: null, target: 'keep_current', reason: 'kept CRM owner stranger@x.test (not managed by lead-router)', assigns: false, scoreOnly: true },
  },
  {
    name: 'keepCurrentOwner off: an unmanaged CRM owner is re-routed',
    input: { lead: leadOf({}, { currentOwner: 'stranger@x.test', currentOwnerCrmId: '77' }), compiled: reroute },
    expect: { owner: 'anna@x.test', rule: 'sales-rule', target: 'team', assigns: true },
  },
  {
    name: 'a new lead is assigned by the rules',
    input: { lead: leadOf(), compiled: keep },
    expect: { owner: 'anna@x.test', rule: 'sales-rule', target: 'team', assigns: true },
  },
  {
    name: 'keepCurrentOwner off: a current owner in the picked team keeps the lead (no rotation advance)',
    input: { lead: leadOf({}, { currentOwner: 'carol@x.test' }), compiled: reroute },
    expect: { owner: 'carol@x.test', rule: null, target: 'keep_current', reason: 'kept carol@x.test: already a member of team sales', assigns: false },
  },
  {
    name: 'keepCurrentOwner off: a current owner at cap in the picked team is replaced',
    input: { lead: leadOf({ to: 'capped' }, { currentOwner: 'fred@x.test' }), compiled: reroute, state: fredAtCap },
    expect: { owner: 'carol@x.test', rule: 'capped-rule', target: 'team', assigns: true },
  },
  {
    name: 'a pending assignment (CRM not written yet) counts as the current owner, explained by its rule',
    input: { lead: leadOf(), compiled: keep, assignment: { owner: 'bob@x.test', rule: 'sales-rule', team: 'sales', assignedAt, closed: false } },
    expect: { owner: 'bob@x.test', rule: 'sales-rule', target: 'team', reason: 'kept bob@x.test, assigned by rule sales-rule at 2026-03-01T09:00:00.000Z', assigns: false },
  },
  {
    name: 'an owner a manager set in the CRM (followed by lead-router) keeps the lead, explained as the CRM\'s choice',
    input: { lead: leadOf({}, { currentOwner: 'carol@x.test' }), compiled: keep, assignment: { owner: 'carol@x.test', rule: null, team: null, assignedAt, closed: false, origin: 'crm' } },
    expect: { owner: 'carol@x.test', rule: null, target: 'keep_current', reason: 'kept carol@x.test, assigned in the CRM at 2026-03-01T09:00:00.000Z', assigns: false },
  },
  {
    name: 'an SLA breach re-routes, excluding the rep who breached',
    input: { lead: leadOf({}, { currentOwner: 'anna@x.test' }), compiled: keep, assignment: { owner: 'anna@x.test', rule: 'sales-rule', team: 'sales', assignedAt, closed: false }, breach: { round: 0, exclude: ['anna@x.test'] } },
    expect: { owner: 'bob@x.test', rule: 'sales-rule', target: 'team', assigns: true },
  },
  {
    name: 'an SLA breach with escalateTo hands the lead to the escalation owner',
    input: { lead: leadOf({}, { currentOwner: 'anna@x.test' }), compiled: keep, assignment: { owner: 'anna@x.test', rule: 'sales-rule', team: 'sales', assignedAt, closed: false }, breach: { round: 1, exclude: ['anna@x.test'], escalateTo: 'boss@x.test' } },
    expect: { owner: 'boss@x.test', rule: 'sales-rule', target: 'owner', reason: 'SLA breached (round 1): escalated to boss@x.test', assigns: true },
  },
  {
    name: 'an SLA breach overrides keeping an unmanaged CRM owner',
    input: { lead: leadOf({}, { currentOwner: 'stranger@x.test', currentOwnerCrmId: '77' }), compiled: keep, breach: { round: 0, exclude: [] } },
    expect: { owner: 'anna@x.test', rule: 'sales-rule', target: 'team', assigns: true },
  },
  {
    name: 'unavailable owners (no CRM user) are skipped',
    input: { lead: leadOf(), compiled: keep, unavailable: ['anna@x.test'] },
    expect: { owner: 'bob@x.test', rule: 'sales-rule', target: 'team', assigns: true },
  },
];

describe('decideLead', () => {
  it.each(rows)('$name', ({ input, expect: want }) => {
    const { evaluation, assigns, scoreOnly } = decideLead({ ...input, state: input.state ?? emptyState(), now: MON_10Z });
    const { owner, rule, target, reason } = evaluation.route;
    expect({ owner, rule, target, assigns }).toEqual({ owner: want.owner, rule: want.rule, target: want.target, assigns: want.assigns });
    if (want.reason !== undefined) expect(reason).toMatch(want.reason);
    expect(scoreOnly).toBe(want.scoreOnly ?? false);
    if (want.owner) expect(evaluation.reasons).toContain(want.owner);
  });

  it('asks for no routing state when the lead is only scored', () => {
    const lead = leadOf({}, { currentOwner: 'stranger@x.test', currentOwnerCrmId: '77' });
    expect(decideWithoutRouting({ lead, compiled: keep, now: MON_10Z })?.scoreOnly).toBe(true);
    expect(decideWithoutRouting({ lead: leadOf(), compiled: keep, now: MON_10Z })).toBeNull();
  });

  it('does not change the lead it was given', () => {
    const lead = leadOf();
    decideLead({ lead, compiled: keep, state: emptyState(), now: MON_10Z, assignment: { owner: 'bob@x.test', rule: null, team: null, assignedAt, closed: false } });
    expect(lead.currentOwner).toBeUndefined();
  });
});
