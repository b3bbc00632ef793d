// What a chunk's owner changes, lead statuses and deals do to the leads' assignments, per the
// tenant's openLeads config (run on the embedded store; the store methods themselves are
// proven on both stores by the contract tests).
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { applyCrmTruth, closingReason, dealCreatedAt, ownerKeyOf } from '../../../src/outcomes/apply-crm-truth.ts';
import { openLeadsSchema, type OpenLeadsConfig } from '../../../src/config/schema-open-leads.ts';
import { createSqliteStore } from '../../../src/store/sqlite/create-sqlite-store.ts';
import type { Store } from '../../../src/store/types.ts';
import type { DealOutcome, LeadStatusChange } from '../../../src/crm/interpret.ts';
import { T0, TENANT, assignment, evaluation } from '../store/fixtures.ts';

const defaults = openLeadsSchema.parse({});
const emails: Record<string, string> = { '1': 'anna@x.test', '2': 'ben@x.test' };
const emailOf = (id: string | null) => (id === null ? null : (emails[id] ?? null));
const status = (over: Partial<LeadStatusChange>): LeadStatusChange => ({ leadId: 'lead-1', kind: 'lead_status', recordId: '', value: 'UNQUALIFIED', at: T0 + 100, ...over });
const deal = (leadIds: string[], createdAt: number | null): DealOutcome => ({
  dealId: 'd1', leadIds, status: 'open', amount: null, currency: null, createdAt, closedAt: null, lostReason: null, observedAt: T0 + 500,
});

describe('openLeads config', () => {
  it('defaults: follow the CRM owner; deal, lead archived, UNQUALIFIED and late lifecycle stages close', () => {
    expect(defaults).toEqual({
      followCrmOwner: true,
      closeWhen: { dealCreated: true, leadArchived: true, leadStatuses: ['UNQUALIFIED'], lifecycleStages: ['opportunity', 'customer', 'evangelist'] },
    });
  });

  it('refuses typos, empty and repeated values with the path', () => {
    expect(openLeadsSchema.safeParse({ closeWhen: { leadStatus: ['X'] } }).success).toBe(false);
    const empty = openLeadsSchema.safeParse({ closeWhen: { leadStatuses: [''] } });
    expect(empty.error?.issues[0]).toMatchObject({ path: ['closeWhen', 'leadStatuses', 0], message: 'leadStatuses values are non-empty strings' });
    const twice = openLeadsSchema.safeParse({ closeWhen: { lifecycleStages: ['customer', 'Customer'] } });
    expect(twice.error?.issues[0]).toMatchObject({ path: ['closeWhen', 'lifecycleStages'], message: 'lifecycleStages values must not repeat' });
  });
});

describe('closingReason / ownerKeyOf', () => {
  it.each([
    [status({}), 'lead_status:UNQUALIFIED'],
    [status({ value: 'unqualified' }), 'lead_status:unqualified'],
    [status({ value: 'CONNECTED' }), null],
    [status({ value: null }), null],
    [status({ kind: 'lifecycle_stage', value: 'customer' }), 'lifecycle_stage:customer'],
    [status({ kind: 'lifecycle_stage', value: 'salesqualifiedlead' }), null],
    [status({ kind: 'lead_archived', value: 'true', recordId: 'u1' }), 'lead_archived'],
    [status({ kind: 'lead_archived', value: 'false', recordId: 'u1' }), null],
  ])('%j -> %s', (s, reason) => expect(closingReason(s, defaults.closeWhen)).toBe(reason));

  it('honours a config that closes nothing', () => {
    const none: OpenLeadsConfig['closeWhen'] = { dealCreated: false, leadArchived: false, leadStatuses: [], lifecycleStages: [] };
    expect(closingReason(status({}), none)).toBeNull();
    expect(closingReason(status({ kind: 'lead_archived', value: 'true' }), none)).toBeNull();
  });

  it('maps CRM owner ids to emails, unknown users to a stable key, unowned to null', () => {
    expect([ownerKeyOf('1', emailOf), ownerKeyOf('99', emailOf), ownerKeyOf(null, emailOf)]).toEqual(['anna@x.test', 'crm-user:99', null]);
  });
});

describe('applyCrmTruth', () => {
  let store: Store;
  beforeEach(async () => {
    store = createSqliteStore(':memory:');
    await store.migrate();
    for (const leadId of ['lead-1', 'lead-2']) {
      await store.routeAtomically(TENANT, leadId, [], [], () => ({ result: null, assignment: assignment({ leadId }) }));
      await store.appendAudit([{ tenant: TENANT, leadId, at: T0, evaluation: evaluation(leadId, 70), configVersion: 'v3' }]);
      await store.scheduleTimer({ tenant: TENANT, leadId, kind: 'sla', dueAt: T0 + 3_600_000, payload: {} });
    }
  });
  afterEach(() => store.close());
  const open = async () => (await store.routeAtomically(TENANT, 'probe', [{ owner: 'anna@x.test', dayStart: 0, weekStart: 0 }, { owner: 'ben@x.test', dayStart: 0, weekStart: 0 }], [], (tx) => ({ result: tx.state.loads }))) ;

  it('follows a manager\'s reassignment, recognises the echo of our own owner, and cancels the old owner\'s SLA', async () => {
    const r = await applyCrmTruth(store, TENANT, {
      ownerChanges: [
        { leadId: 'lead-1', ownerId: '2', at: T0 + 50, userId: '900' },
        { leadId: 'lead-2', ownerId: '1', at: T0 + 50, userId: null }, // our own write coming back
      ],
      statuses: [], outcomes: [],
    }, defaults, emailOf);
    expect(r.owners).toEqual({ untracked: 0, echo: 1, stale: 0, reassigned: 1 });
    expect(await open()).toMatchObject({ 'anna@x.test': { openLeads: 1 }, 'ben@x.test': { openLeads: 1 } });
    expect(await store.listFeedback(TENANT, 'lead-1')).toMatchObject([{ kind: 'wrong_owner', source: 'crm', userId: '900' }]);
    expect(await store.listFeedback(TENANT, 'lead-2')).toEqual([]);
    expect((await store.claimDueTimers(T0 + 10 * 3_600_000, 10)).map((t) => t.leadId)).toEqual(['lead-2']);
  });

  it('with followCrmOwner off, owner changes change nothing', async () => {
    const r = await applyCrmTruth(store, TENANT, { ownerChanges: [{ leadId: 'lead-1', ownerId: '2', at: T0 + 50, userId: null }], statuses: [], outcomes: [] }, { ...defaults, followCrmOwner: false }, emailOf);
    expect(r.owners.reassigned).toBe(0);
    expect((await store.getAssignment(TENANT, 'lead-1'))?.owner).toBe('anna@x.test');
  });

  it('keeps statuses as outcomes of the decision and ends worked-out assignments (status, deal) once', async () => {
    const r = await applyCrmTruth(store, TENANT, {
      ownerChanges: [],
      statuses: [status({ kind: 'lifecycle_stage', value: 'salesqualifiedlead', at: T0 + 90 }), status({})],
      outcomes: [deal(['lead-1', 'lead-2'], T0 + 200)],
    }, defaults, emailOf);
    expect(r.ended).toEqual({ 'lead_status:UNQUALIFIED': 1, deal_created: 1 });
    expect(await open()).toMatchObject({ 'anna@x.test': { openLeads: 0 } });
    expect((await store.getAssignment(TENANT, 'lead-1'))).toMatchObject({ endReason: 'lead_status:UNQUALIFIED', endedAt: T0 + 100 });
    expect((await store.getAssignment(TENANT, 'lead-2'))).toMatchObject({ endReason: 'deal_created', endedAt: T0 + 200 });
    expect(await store.listLeadStatuses(TENANT)).toEqual([
      { tenant: TENANT, leadId: 'lead-1', kind: 'lifecycle_stage', recordId: '', value: 'salesqualifiedlead', observedAt: T0 + 90, decision: { decidedAt: T0, owner: 'anna@x.test', rule: 'default', tier: 'A', score: 70, configVersion: 'v3' } },
      { tenant: TENANT, leadId: 'lead-1', kind: 'lead_status', recordId: '', value: 'UNQUALIFIED', observedAt: T0 + 100, decision: { decidedAt: T0, owner: 'anna@x.test', rule: 'default', tier: 'A', score: 70, configVersion: 'v3' } },
    ]);
    expect(await store.claimDueTimers(T0 + 10 * 3_600_000, 10)).toEqual([]);
  });

  it('reads a second-precision deal creation time as late in its second as the report allows', () => {
    expect(dealCreatedAt({ createdAt: 5_000, observedAt: 5_300 })).toBe(5_300);
    expect(dealCreatedAt({ createdAt: 5_000, observedAt: 9_000 })).toBe(5_999);
    expect(dealCreatedAt({ createdAt: 5_123, observedAt: 9_000 })).toBe(5_123);
    expect(dealCreatedAt({ createdAt: null, observedAt: 9_000 })).toBe(9_000);
  });

  it('a deal created in the same second as the assignment (second precision) ends it', async () => {
    await store.routeAtomically(TENANT, 'lead-3', [], [], () => ({ result: null, assignment: assignment({ leadId: 'lead-3', assignedAt: T0 + 400 }) }));
    const r = await applyCrmTruth(store, TENANT, { ownerChanges: [], statuses: [], outcomes: [{ ...deal(['lead-3'], T0), observedAt: T0 + 700 }] }, defaults, emailOf);
    expect(r.ended).toEqual({ deal_created: 1 });
  });

  it('a deal does not end the assignment when dealCreated is off', async () => {
    const r = await applyCrmTruth(store, TENANT, { ownerChanges: [], statuses: [], outcomes: [deal(['lead-1'], T0 + 1)] }, { ...defaults, closeWhen: { ...defaults.closeWhen, dealCreated: false } }, emailOf);
    expect(r.ended).toEqual({});
  });
});
