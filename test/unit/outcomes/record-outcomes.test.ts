// Outcomes are tied to the decision in force when the deal appeared (not a later re-route),
// per lead, and a late delivery of an older deal state changes nothing.
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { attributeDecision } from '../../../src/outcomes/attribute-decision.ts';
import { recordOutcomes } from '../../../src/outcomes/record-outcomes.ts';
import { createSqliteStore } from '../../../src/store/sqlite/create-sqlite-store.ts';
import type { AuditRecord, Store } from '../../../src/store/types.ts';
import { T0, TENANT, evaluation } from '../store/fixtures.ts';
import type { DealOutcome } from '../../../src/crm/interpret.ts';

const audit = (leadId: string, at: number, total: number, owner: string, configVersion: string | null): AuditRecord => {
  const e = evaluation(leadId, total);
  return { tenant: TENANT, leadId, at, evaluation: { ...e, route: { ...e.route, owner } }, configVersion };
};

describe('attributeDecision', () => {
  const audits = [audit('l1', T0 + 100, 40, 'late@x.test', 'v4'), audit('l1', T0, 80, 'anna@x.test', 'v3')];

  it('takes the newest decision at or before the deal', () => {
    expect(attributeDecision(audits, T0 + 50)).toEqual({ decidedAt: T0, owner: 'anna@x.test', rule: 'default', tier: 'A', score: 80, configVersion: 'v3' });
    expect(attributeDecision(audits, T0 + 100)?.owner).toBe('late@x.test');
  });

  it('falls back to the earliest decision for a deal older than every decision, null without any', () => {
    expect(attributeDecision(audits, T0 - 1)?.owner).toBe('anna@x.test');
    expect(attributeDecision([], T0)).toBeNull();
  });
});

describe('recordOutcomes', () => {
  let store: Store;
  beforeEach(async () => {
    store = createSqliteStore(':memory:');
    await store.migrate();
  });
  afterEach(() => store.close());

  const deal = (over: Partial<DealOutcome> = {}): DealOutcome => ({
    dealId: 'd1', leadIds: ['l1', 'l2', 'l1'], status: 'open', amount: 500, currency: 'USD',
    createdAt: T0 + 10, closedAt: null, lostReason: null, observedAt: T0 + 10, ...over,
  });

  it('stores one outcome per lead, each with its own decision (or none)', async () => {
    await store.appendAudit([audit('l1', T0, 80, 'anna@x.test', 'v3')]);
    expect(await recordOutcomes(store, TENANT, [deal()])).toBe(2);
    await store.appendAudit([audit('l1', T0 + 20, 10, 'bob@x.test', 'v4')]); // a later re-route
    await recordOutcomes(store, TENANT, [deal({ status: 'won', amount: 900, closedAt: T0 + 30, observedAt: T0 + 30 })]);
    await recordOutcomes(store, TENANT, [deal({ observedAt: T0 + 15 })]); // late, older state
    const rows = await store.listOutcomes(TENANT);
    expect(rows.map((r) => [r.leadId, r.status, r.amount, r.decision?.owner ?? null, r.decision?.configVersion ?? null])).toEqual([
      ['l1', 'won', 900, 'anna@x.test', 'v3'],
      ['l2', 'won', 900, null, null],
    ]);
  });
});
