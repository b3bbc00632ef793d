// The HubSpot interpreter on deal events: every deal named by a creation, a stage / amount /
// close-date change or a deal -> contact association is read once per chunk (client.readDeals)
// and becomes an outcome; deletions and deals without contacts settle as no-ops.
import { describe, expect, it } from '@jest/globals';
import { createHubspotInterpreter } from '../../../../connectors/hubspot/interpret.ts';
import type { DealOutcome } from '../../../../src/crm/interpret.ts';
import type { CrmTenantClient } from '../../../../src/crm/types.ts';
import type { InboxRow } from '../../../../src/store/types.ts';
import { CrmError } from '../../../../src/errors.ts';

let nextId = 1;
function row(kind: string, objectId: string, payload: Record<string, unknown> = {}): InboxRow {
  return {
    id: nextId++, tenant: 'hubspot:1', source: 'hubspot-webhook', dedupeKey: `k${nextId}`, kind, objectId, occurredAt: 5_000, payload,
    status: 'processing', attempts: 1, availableAt: 0, receivedAt: 0, lastError: null,
  };
}

const outcome = (dealId: string, leadIds: string[]): DealOutcome => ({
  dealId, leadIds, status: 'won', amount: 10, currency: 'EUR', createdAt: 1_000, closedAt: 4_000, lostReason: null, observedAt: 4_500,
});

function clientWith(deals: DealOutcome[]) {
  const asked: string[][] = [];
  const client = {
    tenant: 'hubspot:1',
    async readDeals(ids: string[]) {
      asked.push(ids);
      return new Map(deals.filter((d) => ids.includes(d.dealId)).map((d) => [d.dealId, d]));
    },
  } as unknown as CrmTenantClient;
  return { client, asked };
}

describe('HubSpot interpreter: deals', () => {
  it('reads each deal named in the chunk once and emits its outcome', async () => {
    const { client, asked } = clientWith([outcome('11', ['1001', '1002']), outcome('12', ['1003'])]);
    const rows = [
      row('deal.creation', '11'),
      row('deal.propertyChange', '11', { propertyName: 'dealstage', propertyValue: 'closedwon' }),
      row('deal.associationChange', '12', { fromObjectId: 12, toObjectId: 1003, associationType: 'DEAL_TO_CONTACT' }),
    ];
    const out = await createHubspotInterpreter().interpret(rows, client);
    expect(asked).toEqual([['11', '12']]);
    expect(out.outcomes).toEqual([outcome('11', ['1001', '1002']), outcome('12', ['1003'])]);
    expect(out.rescore.size).toBe(0);
    expect(out.noop).toEqual([]);
  });

  it('settles deletions, deals gone since and deals without contacts as no-ops, without a read for deletions alone', async () => {
    const { client, asked } = clientWith([outcome('21', [])]);
    const deletion = row('deal.deletion', '20');
    expect((await createHubspotInterpreter().interpret([deletion], client)).noop).toEqual([deletion.id]);
    expect(asked).toEqual([]);
    const rows = [row('deal.creation', '21'), row('deal.propertyChange', '22', { propertyName: 'amount', propertyValue: '5' })];
    const out = await createHubspotInterpreter().interpret(rows, client);
    expect(out.outcomes).toEqual([]);
    expect(out.noop).toEqual(rows.map((r) => r.id));
  });

  it('never holds contacts up: a refused deal read (403, scope missing) settles the deal rows; a retryable one retries', async () => {
    const failing = (err: Error) => ({ tenant: 'hubspot:1', readDeals: async () => { throw err; } }) as unknown as CrmTenantClient;
    const rows = [row('deal.creation', '31'), row('contact.creation', '1001')];
    const out = await createHubspotInterpreter().interpret(rows, failing(new CrmError('HubSpot 403: scope crm.objects.deals.read missing', { status: 403, retryable: false })));
    expect(out.noop).toEqual([rows[0]!.id]);
    expect([...out.rescore]).toEqual(['1001']);
    await expect(createHubspotInterpreter().interpret(rows, failing(new CrmError('HubSpot 503', { status: 503, retryable: true })))).rejects.toThrow('HubSpot 503');
  });
});
