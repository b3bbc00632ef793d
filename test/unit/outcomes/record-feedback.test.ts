// Feedback is tied to the lead's latest decision; a verdict set in the CRM without a named user
// is recorded as the lead's owner's; CRM values are recorded oldest first and deduplicated; card /
// panel verdicts are written to the CRM once per lead (latest wins), refused rows logged only.
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { recordCrmFeedback, recordFeedback, writeFeedbackToCrm } from '../../../src/outcomes/record-feedback.ts';
import { createSqliteStore } from '../../../src/store/sqlite/create-sqlite-store.ts';
import type { CrmTenantClient, LeadUpdate, WriteResult } from '../../../src/crm/types.ts';
import type { Logger } from '../../../src/logger.ts';
import type { Store } from '../../../src/store/types.ts';
import { T0, TENANT, evaluation } from '../store/fixtures.ts';

let store: Store;
beforeEach(async () => {
  store = createSqliteStore(':memory:');
  await store.migrate();
  const e = evaluation('l1', 60);
  await store.appendAudit([
    { tenant: TENANT, leadId: 'l1', at: T0, evaluation: { ...e, route: { ...e.route, owner: 'old@x.test' } }, configVersion: 'v1' },
    { tenant: TENANT, leadId: 'l1', at: T0 + 100, evaluation: { ...e, route: { ...e.route, owner: 'anna@x.test' } }, configVersion: 'v2' },
  ]);
});
afterEach(() => store.close());

describe('recordFeedback', () => {
  it('ties the verdict to the latest decision; the CRM user, else the decision owner, is the rep', async () => {
    expect(await recordFeedback(store, { tenant: TENANT, leadId: 'l1', at: T0 + 200, userId: null, kind: 'wrong_owner', note: 'EMEA', source: 'crm' })).toBe(true);
    const [row] = await store.listFeedback(TENANT, 'l1');
    expect(row).toMatchObject({ userId: 'anna@x.test', source: 'crm', decision: { decidedAt: T0 + 100, owner: 'anna@x.test', rule: 'default', configVersion: 'v2' } });
    // a card verdict without a user stays without one; a lead never decided has no decision
    await recordFeedback(store, { tenant: TENANT, leadId: 'l9', at: T0, userId: null, kind: 'good_lead', note: null, source: 'card' });
    expect((await store.listFeedback(TENANT, 'l9'))[0]).toMatchObject({ userId: null, decision: null });
  });

  it('records CRM verdicts oldest first, skipping repeats', async () => {
    const added = await recordCrmFeedback(store, TENANT, [
      { leadId: 'l1', kind: 'bad_fit', note: null, userId: '5', at: T0 + 300 },
      { leadId: 'l1', kind: 'good_lead', note: null, userId: '5', at: T0 + 200 },
      { leadId: 'l1', kind: 'bad_fit', note: null, userId: '6', at: T0 + 400 },
    ]);
    expect(added).toBe(2);
    expect((await store.listFeedback(TENANT, 'l1')).map((r) => r.kind)).toEqual(['bad_fit', 'good_lead']);
  });
});

describe('writeFeedbackToCrm', () => {
  const warnings: unknown[] = [];
  const logger = { warn: (...a: unknown[]) => warnings.push(a) } as unknown as Logger;
  const client = (results: (u: LeadUpdate[]) => WriteResult[]) => {
    const calls: LeadUpdate[][] = [];
    const c = { tenant: TENANT, async writeLeads(u: LeadUpdate[]) { calls.push(u); return results(u); } } as unknown as CrmTenantClient;
    return { c, calls };
  };

  it('writes one update per lead, the latest verdict, in one batch', async () => {
    const { c, calls } = client((u) => u.map((x) => ({ id: x.id, ok: true })));
    await writeFeedbackToCrm(c, [
      { leadId: 'l1', kind: 'good_lead', note: null },
      { leadId: 'l2', kind: 'duplicate', note: 'same as l1' },
      { leadId: 'l1', kind: 'bad_fit', note: 'student' },
    ], logger);
    expect(calls).toEqual([[
      { id: 'l1', values: {}, feedback: { kind: 'bad_fit', note: 'student' } },
      { id: 'l2', values: {}, feedback: { kind: 'duplicate', note: 'same as l1' } },
    ]]);
  });

  it('logs rows the CRM refuses for good, throws (the inbox rows retry) on a retryable failure', async () => {
    await writeFeedbackToCrm(client(() => [{ id: 'l1', ok: false, retryable: false, error: 'gone' }]).c, [{ leadId: 'l1', kind: 'good_lead', note: null }], logger);
    expect(warnings).toHaveLength(1);
    await expect(
      writeFeedbackToCrm(client(() => [{ id: 'l1', ok: false, retryable: true, error: '502' }]).c, [{ leadId: 'l1', kind: 'good_lead', note: null }], logger),
    ).rejects.toThrow(/l1: 502/);
  });
});
