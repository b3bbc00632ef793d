// How a CRM owner change reads against the assignment on record (src/store/crm-truth-rows.ts).
import { describe, expect, it } from '@jest/globals';
import { classifyOwnerChange } from '../../../src/store/crm-truth-rows.ts';
import type { AssignmentRecord } from '../../../src/store/types.ts';

const T0 = 1_700_000_000_000;
const current: AssignmentRecord = {
  tenant: 'pipedrive:1', leadId: '7', owner: 'ben@x.test', team: 'sales', rule: 'default', tier: 'hot',
  assignedAt: T0, firstTouchAt: null, slaDeadline: T0 + 3_600_000, round: 1, closed: false, nurture: null,
};
const change = { tenant: 'pipedrive:1', leadId: '7', userId: '9', at: T0 + 60_000 };

describe('classifyOwnerChange', () => {
  it('reads a change away from the owner on record as a reassignment made in the CRM', () => {
    expect(classifyOwnerChange(current, { ...change, owner: 'cleo@x.test', previousOwner: 'ben@x.test' })).toBe('reassigned');
    expect(classifyOwnerChange(current, { ...change, owner: 'cleo@x.test' })).toBe('reassigned'); // previous unknown (HubSpot)
  });

  it('reads our own write coming back as an echo, and an older change as stale', () => {
    expect(classifyOwnerChange(current, { ...change, owner: 'ben@x.test' })).toBe('echo');
    expect(classifyOwnerChange(current, { ...change, owner: 'cleo@x.test', at: T0 - 1 })).toBe('stale');
  });

  it('reads a late echo of an earlier write of ours (away from another owner than the one on record) as stale, not a reassignment', () => {
    // We wrote anna, then reassigned to ben (SLA round); anna's write event arrives after ben's assignment.
    expect(classifyOwnerChange(current, { ...change, owner: 'anna@x.test', previousOwner: null })).toBe('stale');
    expect(classifyOwnerChange(current, { ...change, owner: 'anna@x.test', previousOwner: 'dora@x.test' })).toBe('stale');
  });

  it('has nothing to compare for a lead lead-router never routed', () => {
    expect(classifyOwnerChange(null, { ...change, owner: 'cleo@x.test' })).toBe('untracked');
  });
});
