import { describe, expect, it } from '@jest/globals';
import { emptyState } from '../../../src/engine/apply-state.ts';
import { routeLead } from '../../../src/engine/route.ts';
import { decideSlaBreach, slaBreachRequest, type SlaBreachAction } from '../../../src/engine/sla.ts';
import { ctxOf, leadOf, makeConfig } from './route-fixtures.ts';

const owners = [
  { email: 'anna@x.test', timezone: 'Europe/Prague', workingHours: { start: '09:00', end: '17:00' }, outOfOffice: [{ from: '2026-03-31', to: '2026-03-31' }] },
  'bob@x.test',
  'boss@x.test',
];
const routing = {
  rules: [
    { name: 'vip', when: { field: 'vip', equals: true }, assign: { owner: 'anna@x.test' }, sla: { firstTouchMinutes: 15, onBreach: 'escalate', escalateTo: 'boss@x.test' } },
    { name: 'bob-rule', when: { field: 'to', equals: 'bob' }, assign: { owner: 'bob@x.test' } },
    { name: 'inactive-target', when: { field: 'to', equals: 'nobody' }, assign: { owner: 'ghost@x.test' }, sla: { firstTouchMinutes: 5 } },
    { name: 'rest', assign: { owner: 'anna@x.test' } },
  ],
  fallback: { owner: 'bob@x.test' },
  slaByTier: {
    hot: { firstTouchMinutes: 60, maxReassignments: 2, escalateTo: 'boss@x.test' },
    warm: { firstTouchMinutes: 240, maxReassignments: 1 },
  },
};
const compiled = makeConfig({ owners, routing });
const iso = (t: number) => new Date(t).toISOString();

describe('SLA of a routing decision', () => {
  it.each([
    ['rule sla wins over the tier', { vip: true }, 'hot', '2026-03-02T10:00:00Z', { source: 'rule vip', firstTouchMinutes: 15, onBreach: 'escalate', escalateTo: 'boss@x.test', maxReassignments: 2 }, '2026-03-02T10:15:00.000Z'],
    ['tier sla when the rule has none', {}, 'hot', '2026-03-02T10:00:00Z', { source: 'tier hot', firstTouchMinutes: 60, onBreach: 'reassign', maxReassignments: 2 }, '2026-03-02T11:00:00.000Z'],
    ['deadline across the night in the owner working minutes', {}, 'hot', '2026-03-02T15:30:00Z', { source: 'tier hot' }, '2026-03-03T08:30:00.000Z'],
    ['deadline across a weekend and the DST change', {}, 'warm', '2026-03-27T14:00:00Z', { source: 'tier warm' }, '2026-03-30T09:00:00.000Z'],
    ['deadline skips an out-of-office day', {}, 'hot', '2026-03-30T14:30:00Z', { source: 'tier hot' }, '2026-04-01T07:30:00.000Z'],
    ['wall-clock minutes for an owner without working hours', { to: 'bob' }, 'hot', '2026-03-07T23:30:00Z', { source: 'tier hot' }, '2026-03-08T00:30:00.000Z'],
    ['fallback after a failed rule uses the tier sla (the rule did not apply)', { to: 'nobody' }, 'warm', '2026-03-02T10:00:00Z', { source: 'tier warm', firstTouchMinutes: 240 }, '2026-03-02T14:00:00.000Z'],
  ])('%s', (_name, fields, tier, now, sla, deadline) => {
    const d = routeLead(leadOf(fields), ctxOf(80, tier), compiled, emptyState(), Date.parse(now));
    expect(d.sla).toMatchObject(sla);
    expect(iso(d.sla!.deadline)).toBe(deadline);
  });

  it('no sla when neither the rule nor the tier has one', () => {
    expect(routeLead(leadOf(), ctxOf(10, 'cold'), compiled, emptyState(), Date.parse('2026-03-02T10:00:00Z')).sla).toBeUndefined();
  });
});

describe('decideSlaBreach', () => {
  const rows: [string, { owner: string | null; round: number; rule: string | null; tier: string }, string[], SlaBreachAction][] = [
    ['first breach: reassign, excluding the breaching owner', { owner: 'anna@x.test', round: 0, rule: 'rest', tier: 'hot' }, [], { action: 'reassign', exclude: ['anna@x.test'] }],
    ['second breach: exclude everyone who breached', { owner: 'bob@x.test', round: 1, rule: 'rest', tier: 'hot' }, ['anna@x.test'], { action: 'reassign', exclude: ['anna@x.test', 'bob@x.test'] }],
    ['duplicates in the history are dropped', { owner: 'Anna@x.test', round: 1, rule: 'rest', tier: 'hot' }, ['anna@x.test', 'bob@x.test', 'anna@x.test'], { action: 'reassign', exclude: ['anna@x.test', 'bob@x.test'] }],
    ['maxReassignments reached: escalate', { owner: 'carol@x.test', round: 2, rule: 'rest', tier: 'hot' }, ['anna@x.test', 'bob@x.test'], { action: 'escalate', to: 'boss@x.test' }],
    ['maxReassignments reached without escalateTo: none', { owner: 'bob@x.test', round: 1, rule: null, tier: 'warm' }, ['anna@x.test'], { action: 'none', why: '1/1 reassignments already made (tier warm) and tier warm has no escalateTo' }],
    ['onBreach escalate: escalate at once', { owner: 'anna@x.test', round: 0, rule: 'vip', tier: 'warm' }, [], { action: 'escalate', to: 'boss@x.test' }],
    ['already with the escalation owner: none', { owner: 'boss@x.test', round: 2, rule: 'rest', tier: 'hot' }, [], { action: 'none', why: '2/2 reassignments already made (tier hot); the lead is already with escalation owner boss@x.test' }],
    ['rule without sla uses the tier', { owner: 'bob@x.test', round: 0, rule: 'bob-rule', tier: 'warm' }, [], { action: 'reassign', exclude: ['bob@x.test'] }],
    ['rule no longer in the config uses the tier', { owner: 'bob@x.test', round: 0, rule: 'deleted-rule', tier: 'warm' }, [], { action: 'reassign', exclude: ['bob@x.test'] }],
    ['no sla at all', { owner: 'bob@x.test', round: 0, rule: null, tier: 'cold' }, [], { action: 'none', why: 'no SLA configured for rule (none) / tier cold' }],
  ];
  it.each(rows)('%s', (_name, assignment, previousOwners, expected) => {
    expect(decideSlaBreach({ assignment, compiled, previousOwners })).toEqual(expected);
  });

  it('escalate without escalateTo: none', () => {
    const c = makeConfig({ owners: ['a@x.test'], routing: { slaByTier: { hot: { firstTouchMinutes: 5, onBreach: 'escalate' } } } });
    expect(decideSlaBreach({ assignment: { owner: 'a@x.test', round: 0, rule: null, tier: 'hot' }, compiled: c, previousOwners: [] })).toEqual({
      action: 'none',
      why: 'tier hot escalates on breach and tier hot has no escalateTo',
    });
  });

  it('the reassignment it asks for really avoids the breaching owners', () => {
    const c = makeConfig({
      owners: ['a@x.test', 'b@x.test', 'c@x.test'],
      teams: [{ name: 't', members: ['a@x.test', 'b@x.test', 'c@x.test'] }],
      routing: { rules: [{ name: 'r', assign: { team: 't' } }], slaByTier: { warm: { firstTouchMinutes: 30 } } },
    });
    const breach = decideSlaBreach({ assignment: { owner: 'b@x.test', round: 1, rule: 'r', tier: 'warm' }, compiled: c, previousOwners: ['a@x.test'] });
    expect(breach.action).toBe('reassign');
    const lead = leadOf({}, { currentOwner: 'b@x.test' });
    const d = routeLead(lead, ctxOf(50, 'warm'), c, emptyState(), Date.parse('2026-03-02T10:00:00Z'), {
      exclude: breach.action === 'reassign' ? breach.exclude : [],
      forceReroute: true,
    });
    expect(d.owner).toBe('c@x.test');
  });
});

describe('slaBreachRequest: what a fired timer asks of the next decision', () => {
  const open = { owner: 'anna@x.test', round: 0, rule: 'rest', tier: 'hot', firstTouchAt: null, closed: false };
  const rows: [string, Parameters<typeof slaBreachRequest>[1], { round: number; previousOwners: string[] }, ReturnType<typeof slaBreachRequest>][] = [
    ['reassign, excluding the reps who breached', open, { round: 0, previousOwners: ['anna@x.test'] }, { round: 0, exclude: ['anna@x.test'] }],
    ['escalate: the breaching reps stay excluded', { ...open, rule: 'vip' }, { round: 0, previousOwners: ['anna@x.test'] }, { round: 0, exclude: ['anna@x.test', 'anna@x.test'], escalateTo: 'boss@x.test' }],
    ['stale: the rep touched the lead in time', { ...open, firstTouchAt: 1 }, { round: 0, previousOwners: ['anna@x.test'] }, null],
    ['stale: the lead moved on to another round', { ...open, round: 1 }, { round: 0, previousOwners: ['anna@x.test'] }, null],
    ['stale: no open assignment', null, { round: 0, previousOwners: ['anna@x.test'] }, null],
    ['stale: closed', { ...open, closed: true }, { round: 0, previousOwners: ['anna@x.test'] }, null],
    ['nothing to do: no SLA for the tier', { ...open, rule: null, tier: 'cold' }, { round: 0, previousOwners: ['anna@x.test'] }, null],
  ];
  it.each(rows)('%s', (_name, current, fired, expected) => {
    expect(slaBreachRequest(compiled, current, fired)).toEqual(expected);
  });
});
