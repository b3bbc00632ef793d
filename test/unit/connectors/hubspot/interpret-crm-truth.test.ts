// The HubSpot interpreter on the contact properties that say what happened to a lead in the
// CRM: owner changes (with the user who made them), lifecycle stage and lead status.
import { describe, expect, it } from '@jest/globals';
import { createHubspotInterpreter } from '../../../../connectors/hubspot/interpret.ts';
import type { CrmTenantClient } from '../../../../src/crm/types.ts';
import type { InboxRow } from '../../../../src/store/types.ts';

let nextId = 1;
function change(objectId: string, propertyName: string, propertyValue: string, extra: Record<string, unknown> = {}): InboxRow {
  return {
    id: nextId++, tenant: 'hubspot:1', source: 'hubspot-webhook', dedupeKey: `k${nextId}`, kind: 'contact.propertyChange', objectId, occurredAt: 7_000,
    payload: { objectId: Number(objectId), propertyName, propertyValue, changeSource: 'CRM_UI', sourceId: 'userId:4242', ...extra },
    status: 'processing', attempts: 1, availableAt: 0, receivedAt: 0, lastError: null,
  };
}
const client = { tenant: 'hubspot:1' } as unknown as CrmTenantClient;

describe('HubSpot interpreter: open leads follow the CRM', () => {
  it('notes owner changes with the user who made them, and still rescores the contact', async () => {
    const out = await createHubspotInterpreter().interpret([change('1001', 'hubspot_owner_id', '77'), change('1002', 'hubspot_owner_id', '', { sourceId: 'IMPORT' })], client);
    expect(out.ownerChanges).toEqual([
      { leadId: '1001', ownerId: '77', at: 7_000, userId: '4242' },
      { leadId: '1002', ownerId: null, at: 7_000, userId: null },
    ]);
    expect([...out.rescore]).toEqual(['1001', '1002']);
    expect(out.statuses).toEqual([]);
  });

  it('notes lifecycle stage and lead status changes as lead statuses', async () => {
    const out = await createHubspotInterpreter().interpret([change('1001', 'lifecyclestage', 'customer'), change('1001', 'hs_lead_status', 'UNQUALIFIED'), change('1003', 'jobtitle', 'CFO')], client);
    expect(out.statuses).toEqual([
      { leadId: '1001', kind: 'lifecycle_stage', recordId: '', value: 'customer', at: 7_000 },
      { leadId: '1001', kind: 'lead_status', recordId: '', value: 'UNQUALIFIED', at: 7_000 },
    ]);
    expect(out.ownerChanges).toEqual([]);
  });
});
