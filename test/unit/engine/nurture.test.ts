// Nurture hand-off in the one decision entry: cold leads go to a nurture program (unassigned or
// assigned by the rules), stay there until their score reaches nurture.reengageAt, then are
// routed to sales with the reason "re-engaged"; leads sales already has are never nurtured.
import { describe, expect, it } from '@jest/globals';
import { configSchema } from '../../../src/config/schema.ts';
import { emptyState } from '../../../src/engine/apply-state.ts';
import { compileConfig } from '../../../src/engine/compile.ts';
import { decideLead, type LeadAssignment } from '../../../src/engine/decide.ts';
import type { CompiledConfig } from '../../../src/engine/types.ts';
import { leadOf, MON_10Z } from './route-fixtures.ts';

function config(nurture: Record<string, unknown>, routing: Record<string, unknown> = {}): CompiledConfig {
  return compileConfig(
    configSchema.parse({
      version: 1,
      scoring: { fit: { groups: [{ name: 'points', rules: [{ field: 'pts', perUnit: 1 }] }] } },
      tiers: { priority: [{ name: 'hot', min: 70 }, { name: 'warm', min: 40 }, { name: 'cold' }] },
      owners: [{ email: 'anna@x.test' }, { email: 'bob@x.test' }, { email: 'sdr@x.test' }],
      teams: [{ name: 'sales', members: ['anna@x.test', 'bob@x.test'] }],
      routing: { rules: [{ name: 'to-sdr', when: { field: 'src', equals: 'list' }, assign: { owner: 'sdr@x.test' } }, { name: 'sales-rule', assign: { team: 'sales' } }], ...routing },
      nurture,
    }),
  );
}

const actions = { hubspot: { lifecycleStage: 'lead', leadStatus: 'OPEN', listId: '42' }, pipedrive: { label: 'Cold lead' } };
const byTier = config({ reengageAt: 40, programs: [{ name: 'cold-nurture', tiers: ['cold'], ...actions }] });
const byRule = config({ reengageAt: 40, programs: [{ name: 'sdr-nurture', rules: ['to-sdr'], assign: 'rules' }] });
const state = () => emptyState();
const nurturedAt = MON_10Z - 86_400_000;
const nurtured = (program: string, owner: string | null = null): LeadAssignment => ({ owner, rule: null, team: null, assignedAt: nurturedAt, closed: false, nurture: program });

describe('nurture hand-off (decideLead)', () => {
  it('a cold lead enters the tier program: unassigned, with the program actions, recorded', () => {
    const d = decideLead({ lead: leadOf({ pts: 10 }), compiled: byTier, state: state(), now: MON_10Z });
    expect(d.evaluation.tier).toBe('cold');
    expect(d.evaluation.route).toMatchObject({ owner: null, target: 'unassigned', rule: null });
    expect(d.evaluation.route.reason).toBe('nurture program cold-nurture (tier cold): left unassigned for marketing automation');
    expect(d.evaluation.route.rotation).toBeUndefined();
    expect(d.evaluation.nurture).toEqual({ program: 'cold-nurture', via: 'tier cold', assign: 'none', ...actions });
    expect(d.evaluation.reasons).toContain('-> unassigned (nurture program cold-nurture');
    expect(d.assigns).toBe(true);
  });

  it('a warm lead is routed to sales as usual', () => {
    const d = decideLead({ lead: leadOf({ pts: 45 }), compiled: byTier, state: state(), now: MON_10Z });
    expect(d.evaluation.route).toMatchObject({ owner: 'anna@x.test', target: 'team' });
    expect(d.evaluation.nurture).toBeUndefined();
  });

  it('a nurtured lead still below reengageAt stays nurtured and records nothing new', () => {
    const d = decideLead({ lead: leadOf({ pts: 39 }), compiled: byTier, state: state(), now: MON_10Z, assignment: nurtured('cold-nurture') });
    expect(d.evaluation.route.owner).toBeNull();
    expect(d.evaluation.nurture?.program).toBe('cold-nurture');
    expect(d.evaluation.route.reason).toBe('nurture program cold-nurture (tier cold): left unassigned for marketing automation'); // same words: no new write
    expect(d.assigns).toBe(false);
  });

  it('a nurtured lead that turned warm but is still below reengageAt stays in its program', () => {
    const high = config({ reengageAt: 60, programs: [{ name: 'cold-nurture', tiers: ['cold'] }] });
    const d = decideLead({ lead: leadOf({ pts: 50 }), compiled: high, state: state(), now: MON_10Z, assignment: nurtured('cold-nurture') });
    expect(d.evaluation.tier).toBe('warm');
    expect(d.evaluation.route).toMatchObject({ owner: null, reason: 'nurture program cold-nurture (until it re-engages): left unassigned for marketing automation' });
    expect(d.assigns).toBe(false);
  });

  it('a nurtured lead crossing reengageAt is routed to sales with the reason "re-engaged"', () => {
    const d = decideLead({ lead: leadOf({ pts: 41 }), compiled: byTier, state: state(), now: MON_10Z, assignment: nurtured('cold-nurture') });
    expect(d.evaluation.route).toMatchObject({ owner: 'anna@x.test', target: 'team', rule: 'sales-rule', reengaged: true });
    expect(d.evaluation.route.reason).toBe(
      `re-engaged: score 41 >= 40 after nurture program cold-nurture since ${new Date(nurturedAt).toISOString()}; rule sales-rule -> team sales (round_robin): anna@x.test`,
    );
    expect(d.evaluation.route.trace[0]).toMatch(/^re-engaged: score 41 >= 40/);
    expect(d.evaluation.reasons).toContain('-> anna@x.test via rule sales-rule (re-engaged, team sales)');
    expect(d.evaluation.nurture).toBeUndefined();
    // the program it left, with its CRM marks (the write plan takes the Pipedrive label back)
    expect(d.evaluation.reengagedFrom).toEqual({ program: 'cold-nurture', via: 're-engaged', assign: 'none', ...actions });
    expect(d.assigns).toBe(true);
  });

  it('a program gone from the config since the lead entered it: re-engaged, nothing to take back', () => {
    const d = decideLead({ lead: leadOf({ pts: 41 }), compiled: byTier, state: state(), now: MON_10Z, assignment: nurtured('old-program') });
    expect(d.evaluation.route.reengaged).toBe(true);
    expect(d.evaluation.reengagedFrom).toBeUndefined();
  });

  it('a lead sales already has is not routed again, even when it crosses the threshold', () => {
    const sales: LeadAssignment = { owner: 'anna@x.test', rule: 'sales-rule', team: 'sales', assignedAt: nurturedAt, closed: false, nurture: null };
    const d = decideLead({ lead: leadOf({ pts: 80 }, { currentOwner: 'anna@x.test' }), compiled: byTier, state: state(), now: MON_10Z, assignment: sales });
    expect(d.evaluation.route.owner).toBe('anna@x.test');
    expect(d.evaluation.route.reason).toMatch(/^kept anna@x.test, assigned by rule sales-rule/);
    expect(d.evaluation.route.reengaged).toBeUndefined();
    expect(d.assigns).toBe(false);
  });

  it('a routed lead that cools down keeps its rep (never nurtured)', () => {
    const sales: LeadAssignment = { owner: 'bob@x.test', rule: 'sales-rule', team: 'sales', assignedAt: nurturedAt, closed: false, nurture: null };
    for (const compiled of [byTier, config({ reengageAt: 40, programs: [{ name: 'cold-nurture', tiers: ['cold'] }] }, { keepCurrentOwner: false })]) {
      const d = decideLead({ lead: leadOf({ pts: 5 }, { currentOwner: 'bob@x.test' }), compiled, state: state(), now: MON_10Z, assignment: sales });
      expect(d.evaluation.route.owner).toBe('bob@x.test');
      expect(d.evaluation.nurture).toBeUndefined();
      expect(d.assigns).toBe(false);
    }
  });

  it('a nurtured lead a rep took over in the CRM is theirs: no re-engagement routing', () => {
    const d = decideLead({ lead: leadOf({ pts: 90 }, { currentOwner: 'bob@x.test' }), compiled: byTier, state: state(), now: MON_10Z, assignment: nurtured('cold-nurture') });
    expect(d.evaluation.route).toMatchObject({ owner: 'bob@x.test', target: 'keep_current' });
    expect(d.evaluation.route.reengaged).toBeUndefined();
  });

  it('a lead at or above reengageAt is never nurtured, whatever its tier', () => {
    const low = config({ reengageAt: 20, programs: [{ name: 'cold-nurture', tiers: ['cold'] }] });
    const d = decideLead({ lead: leadOf({ pts: 25 }), compiled: low, state: state(), now: MON_10Z });
    expect(d.evaluation.tier).toBe('cold');
    expect(d.evaluation.route.owner).toBe('anna@x.test');
    expect(d.evaluation.nurture).toBeUndefined();
  });

  it('per rule, assign: rules: the rule\'s owner gets the lead and the program is recorded', () => {
    const d = decideLead({ lead: leadOf({ pts: 5, src: 'list' }), compiled: byRule, state: state(), now: MON_10Z });
    expect(d.evaluation.route).toMatchObject({ owner: 'sdr@x.test', rule: 'to-sdr', target: 'owner' });
    expect(d.evaluation.nurture).toMatchObject({ program: 'sdr-nurture', via: 'rule to-sdr', assign: 'rules' });
    expect(d.assigns).toBe(true);
  });

  it('per rule, assign: rules: on re-engagement the nurture owner does not hold the lead', () => {
    const d = decideLead({
      lead: leadOf({ pts: 50, src: 'other' }, { currentOwner: 'sdr@x.test' }),
      compiled: byRule, state: state(), now: MON_10Z, assignment: nurtured('sdr-nurture', 'sdr@x.test'),
    });
    expect(d.evaluation.route).toMatchObject({ owner: 'anna@x.test', rule: 'sales-rule', reengaged: true });
    expect(d.evaluation.reengagedFrom).toMatchObject({ program: 'sdr-nurture', assign: 'rules' });
    expect(d.assigns).toBe(true);
  });

  it('a lead in an earlier unassigned decision enters a program as a new assignment', () => {
    const queued: LeadAssignment = { owner: null, rule: null, team: null, assignedAt: nurturedAt, closed: false, nurture: null };
    const d = decideLead({ lead: leadOf({ pts: 1 }), compiled: byTier, state: state(), now: MON_10Z, assignment: queued });
    expect(d.evaluation.nurture?.program).toBe('cold-nurture');
    expect(d.assigns).toBe(true);
  });

  it('without a nurture section nothing changes', () => {
    const plain = compileConfig({ ...byTier.config, nurture: undefined } as never);
    const d = decideLead({ lead: leadOf({ pts: 1 }), compiled: plain, state: state(), now: MON_10Z });
    expect(d.evaluation.route.owner).toBe('anna@x.test');
    expect(d.evaluation.nurture).toBeUndefined();
  });
});
