import { describe, expect, it } from '@jest/globals';
import { createPipedriveInterpreter } from '../../../../connectors/pipedrive/interpret.ts';
import type { CrmTenantClient } from '../../../../src/crm/types.ts';
import type { InboxRow } from '../../../../src/store/types.ts';

let nextId = 1;
function row(kind: string, objectId: string, payload: Record<string, unknown>): InboxRow {
  return {
    id: nextId++, tenant: 'pipedrive:1', source: 'pipedrive-webhook', dedupeKey: `k${nextId}`, kind, objectId, occurredAt: 1_000, payload,
    status: 'processing', attempts: 1, availableAt: 0, receivedAt: 0, lastError: null,
  };
}

// The interpreter never calls the client for these events: a bare tenant is enough.
function client() {
  return { client: { tenant: 'pipedrive:1' } as unknown as CrmTenantClient };
}

describe('Pipedrive interpreter', () => {
  it('routes a new lead through its person and names the lead as a follower of its person\'s owner', async () => {
    const { client: c } = client();
    const lead = 'a1b2c3d4-0000-4000-8000-000000000001';
    const out = await createPipedriveInterpreter().interpret(
      [
        row('lead.create', '8', { meta: { entity: 'lead', action: 'create', entity_id: lead }, data: { id: lead, person_id: 8, owner_id: 3, is_archived: false } }),
        row('lead.change', '9', { meta: { entity: 'lead', action: 'change', entity_id: 'x' }, data: { id: 'x', person_id: 9, owner_id: 3 } }),
        row('lead.create', '10', { meta: { entity: 'lead', action: 'create', entity_id: 'y' }, data: { id: 'y', person_id: 10, is_archived: true } }),
      ],
      c,
    );
    expect([...out.rescore]).toEqual(['8', '9', '10']);
    // Only a new, live lead takes its person's owner; a rep's later reassignment of a lead stands.
    expect(out.followers).toEqual([{ leadId: '8', recordId: lead, ownerId: '3' }]);
  });

  it('acknowledges leads without a person, and lead deletes, as no-ops', async () => {
    const { client: c } = client();
    const rows = [
      row('lead.create', 'z', { meta: { entity: 'lead', action: 'create', entity_id: 'z' }, data: { id: 'z', person_id: null, organization_id: 4 } }),
      row('lead.delete', 'w', { meta: { entity: 'lead', action: 'delete', entity_id: 'w' }, data: null, previous: { id: 'w', person_id: 8 } }),
    ];
    const out = await createPipedriveInterpreter().interpret(rows, c);
    expect(out.noop).toEqual(rows.map((r) => r.id));
    expect(out.rescore.size).toBe(0);
    expect(out.followers).toEqual([]);
  });

  it('reads a logged call as the first touch and an engagement event', async () => {
    const { client: c } = client();
    const out = await createPipedriveInterpreter().interpret([row('activity.create', '100001', { data: { id: 100001, person_id: 8, type: 'call' } })], c);
    expect(out.touches).toEqual([{ leadId: '8', at: 1_000 }]);
    expect(out.behaviour).toEqual([{ leadId: '8', event: { type: 'call', at: 1_000, id: 'activity:100001' } }]);
  });
});
