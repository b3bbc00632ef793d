import { describe, expect, it } from '@jest/globals';
import { MAX_EVENTS, compactState, recordDecisionInput } from '../../../src/pipeline/support/decision-input.ts';
import type { OwnerDirectory } from '../../../src/pipeline/support/owner-directory.ts';

const dir: OwnerDirectory = {
  emailOf: (id) => ({ '7': 'anna@x.test', '8': 'bob@x.test' })[id ?? ''] ?? null,
  idOf: (email) => ({ 'anna@x.test': '7', 'bob@x.test': '8' })[email ?? ''] ?? null,
  unresolved: () => [],
};
const snapshot = { id: 'L1', fields: { job_title: 'CFO' }, ownerId: '7', companyOwnerId: '99', createdAt: 5 };

describe('recordDecisionInput', () => {
  it('keeps the lead as read, the owners involved and the config owners\' CRM ids', () => {
    const input = recordDecisionInput({ snapshot, events: [{ type: 'page_view', at: 3 }], dir, configOwners: ['Anna@x.test', 'gone@x.test'], now: 10, routing: undefined });
    expect(input).toStrictEqual({
      snapshot,
      events: [{ type: 'page_view', at: 3 }],
      crmOwners: { '7': 'anna@x.test', '99': null },
      ownerIds: { 'anna@x.test': '7', 'gone@x.test': null },
      now: 10,
    });
  });

  it(`bounds the ledger to the newest ${MAX_EVENTS} events and says how many were left out`, () => {
    const events = Array.from({ length: MAX_EVENTS + 50 }, (_, i) => ({ type: 'email_open', at: MAX_EVENTS + 50 - i }));
    const input = recordDecisionInput({ snapshot, events, dir, configOwners: [], now: 10, routing: undefined });
    expect(input.events).toHaveLength(MAX_EVENTS);
    expect(input.events[0]!.at).toBe(51);
    expect(input.eventsDropped).toBe(50);
  });
});

describe('compactState', () => {
  it('keeps only owners with a load and teams with a rotation, as copies', () => {
    const state = {
      loads: { 'a@x': { assignedToday: 0, assignedThisWeek: 0, openLeads: 0 }, 'b@x': { assignedToday: 0, assignedThisWeek: 2, openLeads: 1 } },
      rotations: { empty: { virtualTime: 0, pointers: {} }, sales: { virtualTime: 1.5, pointers: { 'b@x': 2 } } },
    };
    const compact = compactState(state);
    expect(compact).toStrictEqual({ loads: { 'b@x': { assignedToday: 0, assignedThisWeek: 2, openLeads: 1 } }, rotations: { sales: { virtualTime: 1.5, pointers: { 'b@x': 2 } } } });
    compact.rotations.sales!.pointers['b@x'] = 9;
    expect(state.rotations.sales.pointers['b@x']).toBe(2);
  });
});
