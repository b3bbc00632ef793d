// The Pipedrive interpreter on what a change says about a lead in the CRM: person and
// Leads-Inbox lead owner changes (v2 `previous` holds only changed fields; v1 full states) and
// leads archived / restored.
import { describe, expect, it } from '@jest/globals';
import { createPipedriveInterpreter } from '../../../../connectors/pipedrive/interpret.ts';
import { parsePipedriveEvent } from '../../../../connectors/pipedrive/events.ts';
import type { CrmTenantClient } from '../../../../src/crm/types.ts';
import type { InboxRow } from '../../../../src/store/types.ts';

let nextId = 1;
function row(kind: string, objectId: string, payload: Record<string, unknown>): InboxRow {
  return {
    id: nextId++, tenant: 'pipedrive:1', source: 'pipedrive-webhook', dedupeKey: `k${nextId}`, kind, objectId, occurredAt: 9_000, payload,
    status: 'processing', attempts: 1, availableAt: 0, receivedAt: 0, lastError: null,
  };
}
const client = { tenant: 'pipedrive:1' } as unknown as CrmTenantClient;
const LEAD = 'a1b2c3d4-0000-4000-8000-000000000001';

describe('Pipedrive interpreter: open leads follow the CRM', () => {
  it('notes a person owner change (v2 and v1) with the user who made it; other changes are not owner changes', async () => {
    const out = await createPipedriveInterpreter().interpret([
      row('person.change', '8', { meta: { entity: 'person', action: 'change', entity_id: '8', user_id: '55' }, data: { id: 8, owner_id: 3 }, previous: { owner_id: 2 } }),
      row('person.change', '9', { meta: { entity: 'person', action: 'change', entity_id: '9', user_id: '55' }, data: { id: 9, owner_id: 3 }, previous: { name: 'Old' } }),
      row('person.change', '10', { v: 1, meta: { object: 'person', action: 'updated', id: 10, user_id: 56 }, current: { id: 10, owner_id: { id: 4, value: 4 }, name: 'A' }, previous: { id: 10, owner_id: { id: 2, value: 2 }, name: 'A' } }),
      row('person.change', '11', { v: 1, meta: { object: 'person', action: 'updated', id: 11 }, current: { id: 11, owner_id: { value: 4 }, name: 'B' }, previous: { id: 11, owner_id: { value: 4 }, name: 'A' } }),
      row('person.create', '12', { meta: { entity: 'person', action: 'create', entity_id: '12' }, data: { id: 12, owner_id: 3 }, previous: null }),
    ], client);
    expect(out.ownerChanges).toEqual([
      { leadId: '8', ownerId: '3', at: 9_000, userId: '55', previousOwnerId: '2' },
      { leadId: '10', ownerId: '4', at: 9_000, userId: '56', previousOwnerId: '2' },
    ]);
    expect([...out.rescore]).toEqual(['8', '9', '10', '11', '12']);
  });

  it('a Leads-Inbox lead reassigned is its person\'s reassignment; an archived lead is a lead status of the person', async () => {
    const out = await createPipedriveInterpreter().interpret([
      row('lead.change', '8', { meta: { entity: 'lead', action: 'change', entity_id: LEAD, user_id: '55' }, data: { id: LEAD, person_id: 8, owner_id: 4, is_archived: false }, previous: { owner_id: 3 } }),
      row('lead.change', '8', { meta: { entity: 'lead', action: 'change', entity_id: LEAD, user_id: '55' }, data: { id: LEAD, person_id: 8, owner_id: 4, is_archived: true }, previous: { is_archived: false } }),
      row('lead.change', '9', { meta: { entity: 'lead', action: 'change', entity_id: 'y' }, data: { id: 'y', person_id: 9, is_archived: false }, previous: { is_archived: true } }),
    ], client);
    expect(out.ownerChanges).toEqual([{ leadId: '8', ownerId: '4', at: 9_000, userId: '55', previousOwnerId: '3' }]);
    expect(out.statuses).toEqual([
      { leadId: '8', kind: 'lead_archived', recordId: LEAD, value: 'true', at: 9_000 },
      { leadId: '9', kind: 'lead_archived', recordId: 'y', value: 'false', at: 9_000 },
    ]);
    expect(out.followers).toEqual([]);
  });

  it('at parse, a manager\'s owner change (change_source app) is kept; our own owner write (api, our fields only) is an echo', () => {
    const body = (source: string) => ({
      meta: { action: 'change', entity: 'person', entity_id: '8', id: `ev-${source}`, company_id: '1', timestamp: '2026-03-01T10:00:00.123Z', version: '2.0', change_source: source, user_id: '55' },
      data: { id: 8, owner_id: 3 },
      previous: { owner_id: 2, update_time: '2026-03-01T09:00:00Z' },
    });
    expect(parsePipedriveEvent(body('app'))).toMatchObject({ event: { kind: 'person.change', objectId: '8' } });
    expect(parsePipedriveEvent(body('api'))).toMatchObject({ ignored: { reason: 'echo', kind: 'person.change' } });
  });
});
