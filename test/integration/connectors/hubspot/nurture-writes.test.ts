// Nurture actions against HubSpot (nock): lifecycle stage and lead status ride in the contacts
// batch update; static-list memberships go per list through PUT /crm/v3/lists/{id}/memberships/add
// in parts of 100; missing records, non-static lists and refusals are reported per row.
import { describe, expect, it } from '@jest/globals';
import nock from 'nock';
import { LIST_MEMBERSHIP_BATCH_MAX } from '../../../../connectors/hubspot/list-memberships.ts';
import type { LeadUpdate } from '../../../../src/crm/types.ts';
import { API, testConfig } from '../../../unit/connectors/hubspot/fixtures.ts';
import { setupClient, useNock } from './nock-setup.ts';

useNock();

const nurture = { reengageAt: 40, programs: [{ name: 'cold', tiers: ['cold'], hubspot: { lifecycleStage: 'lead', leadStatus: 'OPEN', listId: '77' } }] };

describe('HubSpot nurture writes', () => {
  it('reads lifecyclestage and hs_lead_status when the config nurtures', async () => {
    const { client } = setupClient(testConfig({ nurture }));
    let props: string[] = [];
    nock(API)
      .post('/crm/v3/objects/contacts/batch/read', (b: { properties: string[] }) => ((props = b.properties), true))
      .reply(200, { results: [{ id: '1', properties: { lifecyclestage: 'subscriber', hs_lead_status: '' } }] })
      .post('/crm/v4/associations/contacts/companies/batch/read')
      .reply(200, { results: [] });
    const snap = (await client.readLeads(['1'])).get('1')!;
    expect(props).toEqual(expect.arrayContaining(['lifecyclestage', 'hs_lead_status']));
    expect(snap.nurture).toEqual({ lifecycleStage: 'subscriber', leadStatus: null });
  });

  it('properties in the batch update, then one membership call per list; rows ok', async () => {
    const { client, scheduler } = setupClient(testConfig({ nurture }));
    let update: unknown;
    const lists: Record<string, unknown> = {};
    nock(API)
      .post('/crm/v3/objects/contacts/batch/update', (b) => ((update = b), true))
      .reply(200, { status: 'COMPLETE', results: [{ id: '1' }] })
      .put('/crm/v3/lists/77/memberships/add', (b) => ((lists['77'] = b), true))
      .reply(200, { recordIdsMissing: [], recordIdsRemoved: [], recordsIdsAdded: ['1', '2'] })
      .put('/crm/v3/lists/88/memberships/add', (b) => ((lists['88'] = b), true))
      .reply(200, { recordIdsMissing: [], recordIdsRemoved: [], recordsIdsAdded: [] });
    const updates: LeadUpdate[] = [
      { id: '1', values: { priority: 'cold' }, nurture: { lifecycleStage: 'lead', leadStatus: 'OPEN', listId: '77' } },
      { id: '2', values: {}, nurture: { listId: '77' } }, // list only: no batch-update row
      { id: '3', values: {}, nurture: { listId: '88' } },
    ];
    expect(await client.writeLeads(updates)).toEqual([{ id: '1', ok: true }, { id: '2', ok: true }, { id: '3', ok: true }]);
    expect(update).toEqual({ inputs: [{ id: '1', properties: { lead_router_priority: 'cold', lifecyclestage: 'lead', hs_lead_status: 'OPEN' } }] });
    expect(lists).toEqual({ '77': ['1', '2'], '88': ['3'] });
    expect(scheduler.lanes.length).toBe(3); // every call through the tenant's scheduler
  });

  it(`a list's members go in parts of ${LIST_MEMBERSHIP_BATCH_MAX}`, async () => {
    const { client } = setupClient(testConfig({ nurture }));
    const sizes: number[] = [];
    nock(API)
      .put('/crm/v3/lists/77/memberships/add', (b: string[]) => (sizes.push(b.length), true))
      .times(3)
      .reply(200, { recordIdsMissing: [], recordsIdsAdded: [] });
    const updates = Array.from({ length: 250 }, (_, i): LeadUpdate => ({ id: String(i + 1), values: {}, nurture: { listId: '77' } }));
    const results = await client.writeLeads(updates);
    expect(sizes).toEqual([100, 100, 50]);
    expect(results.every((r) => r.ok)).toBe(true);
  });

  it('recordIdsMissing: that row fails for good; the others are ok', async () => {
    const { client } = setupClient(testConfig({ nurture }));
    nock(API).put('/crm/v3/lists/77/memberships/add').reply(200, { recordIdsMissing: ['2'], recordsIdsAdded: ['1'] });
    const results = await client.writeLeads([{ id: '1', values: {}, nurture: { listId: '77' } }, { id: '2', values: {}, nurture: { listId: '77' } }]);
    expect(results[0]).toEqual({ id: '1', ok: true });
    expect(results[1]).toMatchObject({ id: '2', ok: false, retryable: false, error: expect.stringContaining('contact 2 not found') });
  });

  it('a DYNAMIC list (400) and an unknown list (404) fail the rows for good, naming the config path', async () => {
    const { client } = setupClient(testConfig({ nurture }));
    nock(API)
      .put('/crm/v3/lists/77/memberships/add')
      .reply(400, { status: 'error', category: 'VALIDATION_ERROR', message: 'List 77 has processingType DYNAMIC' })
      .put('/crm/v3/lists/99/memberships/add')
      .reply(404, { status: 'error', category: 'OBJECT_NOT_FOUND', message: 'List 99 does not exist.' });
    const [a, b] = await client.writeLeads([{ id: '1', values: {}, nurture: { listId: '77' } }, { id: '2', values: {}, nurture: { listId: '99' } }]);
    expect(a).toMatchObject({ ok: false, retryable: false, error: expect.stringMatching(/list 77 \(nurture\.programs\[\]\.hubspot\.listId\) refused .* MANUAL or SNAPSHOT/) });
    expect(b).toMatchObject({ ok: false, retryable: false, error: expect.stringMatching(/list 99 .* does not exist/) });
  });

  it('a 5xx on the membership call leaves the rows retryable', async () => {
    const { client } = setupClient(testConfig({ nurture }));
    nock(API).put('/crm/v3/lists/77/memberships/add').reply(502, 'bad gateway');
    const [r] = await client.writeLeads([{ id: '1', values: {}, nurture: { listId: '77' } }]);
    expect(r).toMatchObject({ ok: false, retryable: true });
  });

  it('a row whose property write failed is not added to the list', async () => {
    const { client } = setupClient(testConfig({ nurture }));
    nock(API)
      .post('/crm/v3/objects/contacts/batch/update')
      .reply(207, { status: 'COMPLETE', results: [], errors: [{ category: 'VALIDATION_ERROR', message: 'bad lead status', context: { ids: ['1'] } }] });
    const [r] = await client.writeLeads([{ id: '1', values: {}, nurture: { leadStatus: 'NOPE', listId: '77' } }]);
    expect(r).toMatchObject({ ok: false, retryable: false });
  });
});
