// readDeals with nock: deals batch read, the pipelines API deciding won / lost (any pipeline's
// closed stages, by their metadata), deal -> contact associations, and the pipeline cache.
import { describe, expect, it } from '@jest/globals';
import nock from 'nock';
import { stageMeanings } from '../../../../connectors/hubspot/read-deals.ts';
import { API } from '../../../unit/connectors/hubspot/fixtures.ts';
import { setupClient, useNock } from './nock-setup.ts';

useNock();

const PIPELINES = {
  results: [
    {
      id: 'default', label: 'Sales Pipeline',
      stages: [
        { id: 'appointmentscheduled', metadata: { isClosed: 'false', probability: '0.2' } },
        { id: 'closedwon', metadata: { isClosed: 'true', probability: '1.0' } },
        { id: 'closedlost', metadata: { isClosed: 'true', probability: '0.0' } },
      ],
    },
    { id: '7654321', label: 'Renewals', stages: [{ id: '1100002', metadata: { isClosed: 'true', probability: '1.0' } }, { id: '1100003', metadata: { isClosed: 'true', probability: '0.0' } }] },
  ],
};

const deal = (id: string, properties: Record<string, string | null>) => ({ id, properties: { hs_lastmodifieddate: '2026-11-20T10:00:00.000Z', createdate: '2026-11-02T09:00:00.000Z', ...properties } });

describe('readDeals', () => {
  it('reads stage meanings from the pipelines API, then deals and their contacts', async () => {
    const { client, calls } = setupClient();
    nock(API)
      .post('/crm/v3/objects/deals/batch/read', (b: { inputs: { id: string }[]; properties: string[] }) =>
        b.inputs.map((i) => i.id).join() === '11,12,13,14' && b.properties.includes('dealstage') && b.properties.includes('closed_lost_reason'))
      .reply(207, {
        status: 'COMPLETE',
        results: [
          deal('11', { dealstage: 'closedwon', amount: '48000.5', deal_currency_code: 'EUR', closedate: '2026-11-20T00:00:00.000Z' }),
          deal('12', { dealstage: '1100003', amount: '', closed_lost_reason: 'Price', closedate: null }),
          deal('13', { dealstage: 'appointmentscheduled', amount: '10', closedate: '2026-12-31T00:00:00.000Z' }),
        ],
        errors: [{ category: 'OBJECT_NOT_FOUND', context: { ids: ['14'] } }],
      })
      .get('/crm/v3/pipelines/deals')
      .reply(200, PIPELINES)
      .post('/crm/v4/associations/deals/contacts/batch/read', { inputs: [{ id: '11' }, { id: '12' }, { id: '13' }] })
      .reply(200, { results: [{ from: { id: '11' }, to: [{ toObjectId: 1001, associationTypes: [{ typeId: 3 }] }, { toObjectId: 1002, associationTypes: [{ typeId: 3 }] }] }, { from: { id: '12' }, to: [{ toObjectId: 1003, associationTypes: [{ typeId: 3 }] }] }] });
    const out = await client.readDeals(['11', '12', '13', '14', '11']);
    expect([...out.keys()]).toEqual(['11', '12', '13']);
    expect(out.get('11')).toEqual({
      dealId: '11', leadIds: ['1001', '1002'], status: 'won', amount: 48000.5, currency: 'EUR',
      createdAt: Date.parse('2026-11-02T09:00:00Z'), closedAt: Date.parse('2026-11-20T00:00:00Z'), lostReason: null, observedAt: Date.parse('2026-11-20T10:00:00Z'),
    });
    // a custom pipeline's closed-lost stage; no close date: the last modification stands in
    expect(out.get('12')).toMatchObject({ status: 'lost', amount: null, lostReason: 'Price', closedAt: Date.parse('2026-11-20T10:00:00Z') });
    // open: an expected close date is not a close
    expect(out.get('13')).toMatchObject({ status: 'open', closedAt: null, leadIds: [] });
    expect(calls.map((c) => c.path)).toEqual(['/crm/v3/objects/deals/batch/read', '/crm/v3/pipelines/deals', '/crm/v4/associations/deals/contacts/batch/read']);
  });

  it('caches the pipelines, and refreshes them at once for a stage it does not know', async () => {
    const { client, calls } = setupClient();
    const read = (id: string, stage: string) =>
      nock(API).post('/crm/v3/objects/deals/batch/read').reply(200, { results: [deal(id, { dealstage: stage })] })
        .post('/crm/v4/associations/deals/contacts/batch/read').reply(200, { results: [{ from: { id }, to: [{ toObjectId: 1, associationTypes: [] }] }] });
    read('1', 'closedwon').get('/crm/v3/pipelines/deals').reply(200, PIPELINES);
    await client.readDeals(['1']);
    read('2', 'closedlost');
    expect((await client.readDeals(['2'])).get('2')!.status).toBe('lost');
    const added = { results: [...PIPELINES.results, { id: 'new', stages: [{ id: 'signed', metadata: { isClosed: 'true', probability: '1.0' } }] }] };
    read('3', 'signed').get('/crm/v3/pipelines/deals').reply(200, added);
    expect((await client.readDeals(['3'])).get('3')!.status).toBe('won');
    expect(calls.filter((c) => c.path === '/crm/v3/pipelines/deals')).toHaveLength(2);
  });

  it('makes no call for no ids; stage metadata may be booleans or numbers', async () => {
    const { client, calls } = setupClient();
    expect((await client.readDeals([])).size).toBe(0);
    expect(calls).toEqual([]);
    expect([...stageMeanings({ results: [{ stages: [{ id: 'a', metadata: { isClosed: true, probability: 1 } }, { id: 'b', metadata: {} }] }] })]).toEqual([['a', 'won'], ['b', 'open']]);
  });

  it('listDeals pages GET /crm/v3/objects/deals (100 per page) with the outcome properties', async () => {
    const { client } = setupClient();
    nock(API)
      .get('/crm/v3/objects/deals')
      .query((q) => q['limit'] === '100' && q['after'] === '4000100' && q['archived'] === 'false' && String(q['properties']).split(',').includes('dealstage'))
      .reply(200, { results: [deal('4000101', { dealstage: 'closedlost', amount: '20', closed_lost_reason: 'Timing' })], paging: { next: { after: '4000201' } } })
      .get('/crm/v3/pipelines/deals')
      .reply(200, PIPELINES)
      .post('/crm/v4/associations/deals/contacts/batch/read', { inputs: [{ id: '4000101' }] })
      .reply(200, { results: [{ from: { id: '4000101' }, to: [{ toObjectId: 7, associationTypes: [{ typeId: 3 }] }] }] });
    const page = await client.listDeals({ cursor: '4000100', limit: 500 });
    expect(page.next).toBe('4000201');
    expect(page.deals).toEqual([expect.objectContaining({ dealId: '4000101', leadIds: ['7'], status: 'lost', amount: 20, lostReason: 'Timing' })]);
  });
});
