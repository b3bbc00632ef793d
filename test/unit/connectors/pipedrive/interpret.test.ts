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

  describe('deals (outcomes)', () => {
    const deal = (action: string, data: Record<string, unknown> | null, previous: Record<string, unknown> | null = null) =>
      row(`deal.${action}`, '1000001', { meta: { entity: 'deal', action, entity_id: '1000001' }, data, previous });

    it('reads a won deal as its person\'s outcome: value, currency, created and won times', async () => {
      const out = await createPipedriveInterpreter().interpret(
        [deal('change', { id: 1000001, person_id: 8, status: 'won', value: 1250.5, currency: 'EUR', add_time: '2026-11-02T09:00:00Z', won_time: '2026-11-20T10:00:00Z', lost_reason: null }, { status: 'open' })],
        client().client,
      );
      expect(out.outcomes).toEqual([{
        dealId: '1000001', leadIds: ['8'], status: 'won', amount: 1250.5, currency: 'EUR',
        createdAt: Date.parse('2026-11-02T09:00:00Z'), closedAt: Date.parse('2026-11-20T10:00:00Z'), lostReason: null, observedAt: 1_000,
      }]);
      expect(out.rescore.size).toBe(0); // an outcome does not rescore the person
    });

    it('keeps the lost reason and lost time; an open deal (converted to deal) has no close time', async () => {
      const out = await createPipedriveInterpreter().interpret(
        [
          deal('change', { id: 1000001, person_id: '8', status: 'lost', value: 0, currency: 'USD', add_time: '2026-11-02T09:00:00Z', lost_time: '2026-11-03T09:00:00Z', lost_reason: 'Price' }),
          deal('create', { id: 1000001, person_id: { value: 9 }, status: 'open', value: 10, currency: 'USD', add_time: '2026-11-02 09:00:00' }),
        ],
        client().client,
      );
      expect(out.outcomes.map((o) => [o.leadIds[0], o.status, o.closedAt, o.lostReason, o.createdAt])).toEqual([
        ['8', 'lost', Date.parse('2026-11-03T09:00:00Z'), 'Price', Date.parse('2026-11-02T09:00:00Z')],
        ['9', 'open', null, null, Date.parse('2026-11-02T09:00:00Z')],
      ]);
    });

    it('acknowledges deals without a person, deleted deals and deal deletes as no-ops', async () => {
      const rows = [
        deal('create', { id: 1000001, person_id: null, org_id: 4, status: 'open' }),
        deal('change', { id: 1000001, person_id: 8, status: 'deleted' }),
        deal('delete', null, { id: 1000001, person_id: 8, status: 'open' }),
      ];
      const out = await createPipedriveInterpreter().interpret(rows, client().client);
      expect(out.outcomes).toEqual([]);
      expect(out.noop).toEqual(rows.map((r) => r.id));
    });
  });
});
