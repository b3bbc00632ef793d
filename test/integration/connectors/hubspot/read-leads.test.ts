import { describe, it, expect } from '@jest/globals';
import nock from 'nock';
import { API } from '../../../unit/connectors/hubspot/fixtures.ts';
import { jsonOf, setupClient, useNock } from './nock-setup.ts';

type Body = { properties: string[]; inputs: { id: string }[] };
const setup = () => setupClient();

useNock();

describe('readLeads', () => {
  it('reads contacts, picks the primary company, reads companies and maps typed fields', async () => {
    const { client, scheduler, calls } = setup();
    let contactBody: Body | undefined;
    let companyBody: Body | undefined;
    nock(API)
      .matchHeader('authorization', 'Bearer token-1')
      .post('/crm/v3/objects/contacts/batch/read', (b: Body) => ((contactBody = b), true))
      .reply(
        207,
        {
          status: 'COMPLETE',
          results: [
            {
              id: '1',
              createdAt: '2024-01-01T00:00:00Z',
              properties: {
                jobtitle: 'CFO', hs_email_open: '12', is_customer: 'false', hs_analytics_last_visit_timestamp: '2024-05-01T10:00:00.000Z',
                hubspot_owner_id: '501', createdate: '2024-02-03T04:05:06.000Z', lead_router_score: '75', lead_router_priority: 'hot',
                lead_router_reasons: 'title CFO +20', lead_router_grade: '',
              },
            },
            { id: '2', properties: { jobtitle: null, hs_email_open: 'n/a', createdate: null }, createdAt: '2024-03-01T00:00:00Z' },
          ],
          numErrors: 1,
          errors: [{ status: 'error', category: 'OBJECT_NOT_FOUND', message: 'Could not get some CONTACT objects', context: { ids: ['3'] } }],
        },
        { 'X-HubSpot-RateLimit-Max': '110', 'X-HubSpot-RateLimit-Remaining': '108', 'X-HubSpot-RateLimit-Interval-Milliseconds': '10000' },
      )
      .post('/crm/v4/associations/contacts/companies/batch/read', { inputs: [{ id: '1' }, { id: '2' }] })
      .reply(200, {
        status: 'COMPLETE',
        results: [
          {
            from: { id: '1' },
            to: [
              { toObjectId: 500, associationTypes: [{ category: 'HUBSPOT_DEFINED', typeId: 279, label: null }] },
              { toObjectId: 600, associationTypes: [{ category: 'HUBSPOT_DEFINED', typeId: 279, label: null }, { category: 'HUBSPOT_DEFINED', typeId: 1, label: 'Primary' }] },
            ],
          },
          { from: { id: '2' }, to: [{ toObjectId: 700, associationTypes: [{ category: 'HUBSPOT_DEFINED', typeId: 279, label: null }] }] },
        ],
      })
      .post('/crm/v3/objects/companies/batch/read', (b: Body) => ((companyBody = b), true))
      .reply(200, {
        status: 'COMPLETE',
        results: [
          { id: '600', properties: { industry: 'Software', numberofemployees: '250', hubspot_owner_id: '900' } },
          { id: '700', properties: { industry: null, numberofemployees: null, hubspot_owner_id: null } },
        ],
      });

    const leads = await client.readLeads(['1', '2', '3']);

    expect(contactBody?.inputs).toEqual([{ id: '1' }, { id: '2' }, { id: '3' }]);
    expect(contactBody?.properties).toEqual(
      expect.arrayContaining(['jobtitle', 'hs_email_open', 'is_customer', 'hubspot_owner_id', 'createdate', 'lead_router_score', 'lead_router_priority']),
    );
    expect(contactBody?.properties).not.toContain('industry');
    expect(companyBody?.inputs).toEqual([{ id: '600' }, { id: '700' }]);
    expect(companyBody?.properties.sort()).toEqual(['hubspot_owner_id', 'industry', 'numberofemployees']);

    expect([...leads.keys()]).toEqual(['1', '2']);
    expect(leads.get('1')).toEqual({
      id: '1',
      fields: {
        job_title: 'CFO', industry: 'Software', employees: 250, opens: 12, is_customer: false,
        last_visit: Date.UTC(2024, 4, 1, 10),
      },
      ownerId: '501',
      companyId: '600',
      companyOwnerId: '900',
      written: { score: '75', priority: 'Hot', reasons: 'title CFO +20' },
      createdAt: Date.UTC(2024, 1, 3, 4, 5, 6),
    });
    expect(leads.get('2')).toMatchObject({
      fields: { job_title: null, opens: null, industry: null, employees: null },
      ownerId: null,
      companyId: '700',
      companyOwnerId: null,
      written: {},
      createdAt: Date.UTC(2024, 2, 1),
    });
    expect(scheduler.lanes).toEqual(['default', 'default', 'default']);
    expect(scheduler.observed[0]).toEqual({ lane: 'default', limit: 110, remaining: 108, intervalMs: 10_000 });
    expect(calls.map((c) => c.status)).toEqual([207, 200, 200]);
  });

  it('chunks 150 contacts into 100 + 50 and reads their associations in one call', async () => {
    const { client } = setup();
    const ids = Array.from({ length: 150 }, (_, i) => String(i + 1));
    const sizes: number[] = [];
    const contacts = (_path: string, body: nock.Body) => {
      const b = jsonOf<Body>(body);
      return { results: b.inputs.map(({ id }) => ({ id, properties: {} })) };
    };
    nock(API)
      .post('/crm/v3/objects/contacts/batch/read', (b: Body) => (sizes.push(b.inputs.length), true))
      .times(2)
      .reply(200, contacts)
      .post('/crm/v4/associations/contacts/companies/batch/read', (b: Body) => b.inputs.length === 150)
      .reply(200, { results: [] });
    const leads = await client.readLeads(ids);
    expect(sizes).toEqual([100, 50]);
    expect(leads.size).toBe(150);
    expect(leads.get('150')?.companyId).toBeNull();
  });

  it('answers for a merged-away id with the surviving record', async () => {
    const { client } = setup();
    nock(API)
      .post('/crm/v3/objects/contacts/batch/read')
      .reply(200, { results: [{ id: '9', properties: { hs_merged_object_ids: '5;4' } }] })
      .post('/crm/v4/associations/contacts/companies/batch/read', { inputs: [{ id: '9' }] })
      .reply(200, { results: [] });
    const leads = await client.readLeads(['5']);
    expect(leads.get('5')?.id).toBe('9');
  });

  it('makes no call for an empty list, and stops after contacts when none exist', async () => {
    const { client } = setup();
    expect((await client.readLeads([])).size).toBe(0);
    nock(API)
      .post('/crm/v3/objects/contacts/batch/read')
      .reply(207, { results: [], errors: [{ category: 'OBJECT_NOT_FOUND', context: { ids: ['1'] } }] });
    expect((await client.readLeads(['1'])).size).toBe(0);
  });

  it('a user-defined association label with typeId 1 is not the primary company', async () => {
    const { client } = setup();
    nock(API)
      .post('/crm/v3/objects/contacts/batch/read')
      .reply(200, { results: [{ id: '1', properties: {} }] })
      .post('/crm/v4/associations/contacts/companies/batch/read')
      .reply(200, {
        results: [
          {
            from: { id: '1' },
            to: [
              { toObjectId: 10, associationTypes: [{ category: 'USER_DEFINED', typeId: 1, label: 'Billing' }] },
              { toObjectId: 11, associationTypes: [{ category: 'HUBSPOT_DEFINED', typeId: 1, label: 'Primary' }] },
            ],
          },
        ],
      })
      .post('/crm/v3/objects/companies/batch/read', { properties: ['hubspot_owner_id', 'industry', 'numberofemployees'], inputs: [{ id: '11' }] })
      .reply(200, { results: [{ id: '11', properties: { hubspot_owner_id: '77' } }] });
    const lead = (await client.readLeads(['1'])).get('1');
    expect(lead).toMatchObject({ companyId: '11', companyOwnerId: '77' });
  });
});
