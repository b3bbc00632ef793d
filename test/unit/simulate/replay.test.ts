// simulate replays leads like the live pipeline decides them: each lead at its own instant,
// a repeated id as a rescore of a lead that holds the owner simulate wrote back, and the
// decisions the live pipeline takes on top of the rules (current team member, unmanaged owner).
import { describe, expect, it } from '@jest/globals';
import { simulateLeads } from '../../../src/simulate/run-simulation.ts';
import { HOUR, leadOf, makeConfig, MON_10Z } from '../engine/route-fixtures.ts';

const owners = [
  { email: 'anna@x.test', timezone: 'UTC', workingHours: { start: '09:00', end: '17:00' } },
  { email: 'bob@x.test', timezone: 'UTC', workingHours: { start: '09:00', end: '17:00' }, capacity: { maxOpen: 1 } },
  'carol@x.test',
];
const teams = [{ name: 'sales', members: ['anna@x.test', 'bob@x.test'], workingHours: 'require' }];
const rules = [{ name: 'sales-rule', assign: { team: 'sales' } }];
const reroute = makeConfig({ owners, teams, routing: { keepCurrentOwner: false, rules, fallback: { owner: 'carol@x.test' } } });
const keep = makeConfig({ owners, teams, routing: { rules, fallback: { owner: 'carol@x.test' } } });

describe('simulate replays leads as the live pipeline decides them', () => {
  it('decides each lead at its own instant (clock)', () => {
    const leads = [leadOf(), leadOf()];
    const at = [MON_10Z, MON_10Z + 10 * HOUR]; // 10:00 on shift, 20:00 off shift
    const r = simulateLeads(leads, reroute, MON_10Z, { clock: (_, i) => at[i]! });
    expect(r.leads.map((l) => [l.owner, l.rule])).toEqual([
      ['anna@x.test', 'sales-rule'],
      ['carol@x.test', null], // the fallback: nobody in the team is on shift
    ]);
  });

  it('a current owner who is an eligible member of the picked team keeps the lead, and the rotation does not advance', () => {
    const r = simulateLeads([leadOf({}, { currentOwner: 'bob@x.test' }), leadOf()], reroute, MON_10Z);
    expect(r.leads.map((l) => [l.owner, l.target])).toEqual([
      ['bob@x.test', 'keep_current'],
      ['anna@x.test', 'team'],
    ]);
  });

  it('keeps a current owner lead-router does not manage (keepCurrentOwner on): scored only', () => {
    const r = simulateLeads([leadOf({}, { currentOwner: 'stranger@x.test' })], keep, MON_10Z);
    expect(r.leads[0]).toMatchObject({ owner: 'stranger@x.test', target: 'keep_current', rule: null });
  });

  it('a repeated id is a rescore: it keeps its owner and its rule, and takes no second rotation turn', () => {
    const lead = leadOf();
    const r = simulateLeads([lead, lead, leadOf()], reroute, MON_10Z);
    expect(r.leads.map((l) => [l.owner, l.rule, l.target])).toEqual([
      ['anna@x.test', 'sales-rule', 'team'],
      ['anna@x.test', 'sales-rule', 'team'],
      ['bob@x.test', 'sales-rule', 'team'],
    ]);
    expect(r.leads[1]!.reasons).toBe(r.leads[0]!.reasons); // a rescore with unchanged data writes nothing
  });

  it('a lead re-routed away from an owner frees that owner\'s open capacity', () => {
    // bob (maxOpen 1) gets the 2nd lead; a rescore at 20:00 moves it to the fallback (bob is
    // off shift), which closes bob's assignment: next morning bob takes his turn again.
    const first = leadOf();
    const second = leadOf();
    const third = leadOf();
    const at = [MON_10Z, MON_10Z, MON_10Z + 10 * HOUR, MON_10Z + 24 * HOUR, MON_10Z + 24 * HOUR];
    const r = simulateLeads([first, second, second, third, leadOf()], reroute, MON_10Z, { clock: (_, i) => at[i]! });
    expect(r.leads.map((l) => l.owner)).toEqual(['anna@x.test', 'bob@x.test', 'carol@x.test', 'anna@x.test', 'bob@x.test']);
  });
});

describe('simulate replays SLA timers', () => {
  const sla = makeConfig({
    owners: ['anna@x.test', 'bob@x.test', 'boss@x.test'],
    teams: [{ name: 'sales', members: ['anna@x.test', 'bob@x.test'] }],
    routing: { rules: [{ name: 'sales-rule', assign: { team: 'sales' }, sla: { firstTouchMinutes: 30, maxReassignments: 1, escalateTo: 'boss@x.test' } }] },
  });

  it('a fired timer reassigns, excluding the rep who breached; the next one escalates', () => {
    const lead = leadOf();
    const fired = new Set([1, 2]);
    const at = [MON_10Z, MON_10Z + HOUR, MON_10Z + 2 * HOUR];
    const r = simulateLeads([lead, lead, lead], sla, MON_10Z, { clock: (_, i) => at[i]!, slaFired: (_, i) => fired.has(i) });
    expect(r.leads.map((l) => [l.owner, l.target])).toEqual([
      ['anna@x.test', 'team'],
      ['bob@x.test', 'team'],
      ['boss@x.test', 'owner'],
    ]);
  });

  it('without a fired timer the same occurrences are plain rescores', () => {
    const lead = leadOf();
    const r = simulateLeads([lead, lead, lead], sla, MON_10Z);
    expect(r.leads.map((l) => l.owner)).toEqual(['anna@x.test', 'anna@x.test', 'anna@x.test']);
  });
});
