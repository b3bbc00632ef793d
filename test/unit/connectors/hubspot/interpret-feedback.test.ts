// The HubSpot interpreter on the rep feedback properties: a change of the verdict or its note is
// read back (both properties, once per chunk) and becomes feedback with the HubSpot user who made
// it; it never rescores the contact. A cleared verdict records nothing.
import { describe, expect, it } from '@jest/globals';
import { createHubspotInterpreter } from '../../../../connectors/hubspot/interpret.ts';
import type { CrmTenantClient } from '../../../../src/crm/types.ts';
import type { FeedbackKind, InboxRow } from '../../../../src/store/types.ts';

let nextId = 1;
function change(objectId: string, propertyName: string, propertyValue: string, occurredAt: number, sourceId = 'userId:777'): InboxRow {
  return {
    id: nextId++, tenant: 'hubspot:1', source: 'hubspot-webhook', dedupeKey: `k${nextId}`, kind: 'contact.propertyChange', objectId, occurredAt,
    payload: { propertyName, propertyValue, changeSource: 'CRM_UI', sourceId }, status: 'processing', attempts: 1, availableAt: 0, receivedAt: 0, lastError: null,
  };
}

describe('HubSpot interpreter: rep feedback properties', () => {
  it('reads both properties once per chunk and records feedback without a rescore', async () => {
    const asked: string[][] = [];
    const current = new Map<string, { kind: FeedbackKind; note: string | null } | null>([
      ['1', { kind: 'wrong_owner', note: 'EMEA' }],
      ['2', null],
    ]);
    const client = {
      tenant: 'hubspot:1',
      async readFeedback(ids: string[]) {
        asked.push(ids);
        return new Map(ids.filter((id) => current.has(id)).map((id) => [id, current.get(id)!]));
      },
    } as unknown as CrmTenantClient;
    const rows = [
      change('1', 'lead_router_feedback', 'wrong_owner', 5_000),
      change('1', 'lead_router_feedback_note', 'EMEA', 5_001, 'userId:888'),
      change('2', 'lead_router_feedback', '', 5_002),
      change('3', 'jobtitle', 'CFO', 5_003),
    ];
    const out = await createHubspotInterpreter().interpret(rows, client);
    expect(asked).toEqual([['1', '2']]);
    expect(out.feedback).toEqual([{ leadId: '1', kind: 'wrong_owner', note: 'EMEA', userId: '888', at: 5_001 }]);
    expect([...out.rescore]).toEqual(['3']);
  });
});
