import { describe, it, expect } from '@jest/globals';
import nock from 'nock';
import { CrmError } from '../../../../src/errors.ts';
import { createHubspotClient } from '../../../../connectors/hubspot/client.ts';
import { API, TENANT, recordingScheduler, testConfig } from '../../../unit/connectors/hubspot/fixtures.ts';
import { jsonOf, setupClient, useNock } from './nock-setup.ts';

useNock();

describe('listOwners', () => {
  it('pages with after, skips archived, and returns the owner id (not userId)', async () => {
    const { client } = setupClient();
    nock(API)
      .get('/crm/v3/owners')
      .query({ limit: '500', archived: 'false' })
      .reply(200, {
        results: [
          { id: '501', userId: 9001, email: 'ana@example.com', firstName: 'Ana', lastName: 'Novak', archived: false },
          { id: '502', userId: 9002, email: 'bo@example.com', firstName: null, lastName: null, archived: false },
        ],
        paging: { next: { after: '502', link: '?after=502' } },
      })
      .get('/crm/v3/owners')
      .query({ limit: '500', archived: 'false', after: '502' })
      .reply(200, { results: [{ id: '503', userId: 9003, email: 'cy@example.com', firstName: 'Cy', archived: false }] });
    expect(await client.listOwners()).toEqual([
      { id: '501', email: 'ana@example.com', active: true, name: 'Ana Novak' },
      { id: '502', email: 'bo@example.com', active: true },
      { id: '503', email: 'cy@example.com', active: true, name: 'Cy' },
    ]);
  });
});

describe('companyLeadIds', () => {
  it('reads company -> contacts associations and follows per-record paging', async () => {
    const { client } = setupClient();
    nock(API)
      .post('/crm/v4/associations/companies/contacts/batch/read', { inputs: [{ id: '77' }] })
      .reply(200, {
        results: [
          {
            from: { id: '77' },
            to: [{ toObjectId: 1, associationTypes: [{ typeId: 280 }] }, { toObjectId: 2, associationTypes: [{ typeId: 2 }] }],
            paging: { next: { after: 'MjAw' } },
          },
        ],
      })
      .post('/crm/v4/associations/companies/contacts/batch/read', { inputs: [{ id: '77', after: 'MjAw' }] })
      .reply(200, { results: [{ from: { id: '77' }, to: [{ toObjectId: 3, associationTypes: [{ typeId: 280 }] }, { toObjectId: 2, associationTypes: [] }] }] });
    expect(await client.companyLeadIds(['77'])).toEqual(['1', '2', '3']);
  });

  it('a company without contacts (207 error row) has none', async () => {
    const { client } = setupClient();
    nock(API)
      .post('/crm/v4/associations/companies/contacts/batch/read')
      .reply(207, { results: [], errors: [{ category: 'OBJECT_NOT_FOUND', context: { fromObjectId: ['77'] } }] });
    expect(await client.companyLeadIds(['77'])).toEqual([]);
  });
});

describe('engagementLeadIds', () => {
  it('reads engagement -> contact associations for the engagement type', async () => {
    const { client } = setupClient();
    nock(API)
      .post('/crm/v4/associations/calls/contacts/batch/read', { inputs: [{ id: '31' }, { id: '32' }] })
      .reply(207, {
        results: [{ from: { id: '31' }, to: [{ toObjectId: 1, associationTypes: [{ typeId: 194 }] }, { toObjectId: 2, associationTypes: [{ typeId: 194 }] }] }],
        errors: [{ category: 'OBJECT_NOT_FOUND', subCategory: 'crm.associations.NO_ASSOCIATIONS_FOUND', context: { fromObjectId: ['32'] } }],
      });
    expect(await client.engagementLeadIds('call', ['31', '32'])).toEqual(new Map([['31', ['1', '2']]]));
    // Types without contacts to look up cost no call.
    expect((await client.engagementLeadIds('postal_mail', ['1'])).size).toBe(0);
  });
});

type PropertyBody = { name: string; type: string; fieldType: string; groupName: string; options?: { label: string; value: string }[] };

describe('ensureProperties', () => {
  const NAMES = ['lead_router_score', 'lead_router_fit', 'lead_router_engagement', 'lead_router_priority', 'lead_router_grade', 'lead_router_reasons', 'lead_router_feedback', 'lead_router_feedback_note'];
  /** The group exists, none of the properties do: the batch create's interceptor, to reply to. */
  const freshPortalBatchCreate = () =>
    nock(API)
      .post('/crm/v3/properties/contacts/groups')
      .reply(409, {})
      .post('/crm/v3/properties/contacts/batch/read')
      .reply(200, { results: [] })
      .post('/crm/v3/properties/contacts/batch/create');
  const batchRead = (names: string[]) => (b: { archived: boolean; inputs: { name: string }[] }) => b.archived === false && JSON.stringify(b.inputs.map((i) => i.name)) === JSON.stringify(names);

  it('creates the group, then the six written properties and the rep feedback enumeration + note in one batch', async () => {
    const { client } = setupClient();
    let created: PropertyBody[] = [];
    nock(API)
      .post('/crm/v3/properties/contacts/groups', { name: 'lead_router', label: 'Lead Router' })
      .reply(201, { name: 'lead_router' })
      .post('/crm/v3/properties/contacts/batch/read', batchRead(NAMES))
      .reply(200, { status: 'COMPLETE', results: [] })
      .post('/crm/v3/properties/contacts/batch/create', (b: { inputs: PropertyBody[] }) => ((created = b.inputs), true))
      .reply(201, { status: 'COMPLETE', results: [] });
    await client.ensureProperties();
    expect(created.map((p) => [p.name, p.type, p.fieldType, p.groupName])).toEqual([
      ['lead_router_score', 'number', 'number', 'lead_router'],
      ['lead_router_fit', 'number', 'number', 'lead_router'],
      ['lead_router_engagement', 'number', 'number', 'lead_router'],
      ['lead_router_priority', 'enumeration', 'select', 'lead_router'],
      ['lead_router_grade', 'string', 'text', 'lead_router'],
      ['lead_router_reasons', 'string', 'textarea', 'lead_router'],
      ['lead_router_feedback', 'enumeration', 'select', 'lead_router'],
      ['lead_router_feedback_note', 'string', 'textarea', 'lead_router'],
    ]);
    expect(created[3]?.options?.map((o) => [o.label, o.value])).toEqual([['Hot', 'hot'], ['warm', 'warm'], ['cold', 'cold']]);
    expect(created[6]?.options?.map((o) => [o.label, o.value])).toEqual([
      ['Good lead', 'good_lead'], ['Bad fit', 'bad_fit'], ['Wrong owner', 'wrong_owner'], ['Duplicate', 'duplicate'],
    ]);
  });

  it('is idempotent: existing properties are not created again; enumeration options only patched when they differ', async () => {
    const { client } = setupClient(testConfig({ writeBack: { properties: { score: 'acme_score' } } }));
    const names = ['acme_score', ...NAMES.slice(1)];
    let patched: unknown;
    let feedbackPatched: unknown;
    let created: string[] = [];
    nock(API)
      .post('/crm/v3/properties/contacts/groups')
      .reply(409, { status: 'error', message: 'A property group named lead_router already exists.', category: 'OBJECT_ALREADY_EXISTS' })
      .post('/crm/v3/properties/contacts/batch/read', batchRead(names))
      .reply(200, {
        status: 'COMPLETE',
        results: [
          ...names.filter((n) => n !== 'lead_router_grade' && !n.startsWith('lead_router_feedback') && n !== 'lead_router_priority').map((name) => ({ name })),
          { name: 'lead_router_priority', options: [{ label: 'Hot', value: 'hot', hidden: false }] },
          // A feedback enumeration from before "duplicate" existed gets the new option.
          { name: 'lead_router_feedback', options: ['good_lead', 'bad_fit', 'wrong_owner'].map((value, i) => ({ label: ['Good lead', 'Bad fit', 'Wrong owner'][i], value, hidden: false })) },
          { name: 'lead_router_feedback_note' },
        ],
      })
      // lead_router_grade is missing; another process creates it meanwhile: a 207 "already exists" row is fine
      .post('/crm/v3/properties/contacts/batch/create', (b: { inputs: PropertyBody[] }) => ((created = b.inputs.map((i) => i.name)), true))
      .reply(207, { status: 'COMPLETE', results: [], numErrors: 1, errors: [{ status: 'error', category: 'OBJECT_ALREADY_EXISTS', message: "Property named 'lead_router_grade' already exists." }] })
      .patch('/crm/v3/properties/contacts/lead_router_priority', (b: { options: unknown }) => ((patched = b.options), true))
      .reply(200, {})
      .patch('/crm/v3/properties/contacts/lead_router_feedback', (b: { options: unknown }) => ((feedbackPatched = b.options), true))
      .reply(200, {});
    await client.ensureProperties();
    expect(created).toEqual(['lead_router_grade']);
    expect(patched).toEqual([
      { label: 'Hot', value: 'hot', displayOrder: 0, hidden: false },
      { label: 'warm', value: 'warm', displayOrder: 1, hidden: false },
      { label: 'cold', value: 'cold', displayOrder: 2, hidden: false },
    ]);
    expect((feedbackPatched as { value: string }[]).map((o) => o.value)).toEqual(['good_lead', 'bad_fit', 'wrong_owner', 'duplicate']);

    // Second run: everything exists with the right options: two calls, no create, no PATCH.
    nock(API)
      .post('/crm/v3/properties/contacts/groups')
      .reply(409, {})
      .post('/crm/v3/properties/contacts/batch/read')
      .reply(200, {
        results: names.map((name) =>
          name === 'lead_router_priority'
            ? { name, options: [{ label: 'Hot', value: 'hot' }, { label: 'warm', value: 'warm' }, { label: 'cold', value: 'cold' }] }
            : name === 'lead_router_feedback'
              ? { name, options: [['Good lead', 'good_lead'], ['Bad fit', 'bad_fit'], ['Wrong owner', 'wrong_owner'], ['Duplicate', 'duplicate']].map(([label, value]) => ({ label, value })) }
              : { name },
        ),
      });
    await client.ensureProperties();
  });

  it('a whole batch refused for a name that exists: the others are created one at a time', async () => {
    const { client } = setupClient();
    const single: string[] = [];
    freshPortalBatchCreate()
      .reply(409, { status: 'error', message: "Property named 'lead_router_score' already exists.", category: 'OBJECT_ALREADY_EXISTS' })
      .post('/crm/v3/properties/contacts', (b: PropertyBody) => b.name === 'lead_router_score' && (single.push(b.name), true))
      .reply(409, { message: 'already exists' })
      .post('/crm/v3/properties/contacts', (b: PropertyBody) => (single.push(b.name), true))
      .times(7)
      .reply(201, {});
    await client.ensureProperties();
    expect(single).toEqual(NAMES);
  });

  it('other failures throw with HubSpot message, also as a 207 error row of the batch create', async () => {
    const { client } = setupClient();
    nock(API)
      .post('/crm/v3/properties/contacts/groups')
      .reply(400, { status: 'error', message: 'Invalid input: name', category: 'VALIDATION_ERROR' });
    await expect(client.ensureProperties()).rejects.toThrow(/400 VALIDATION_ERROR: Invalid input: name/);
    nock(API).post('/crm/v3/properties/contacts/groups').reply(403, { message: 'missing scopes', category: 'MISSING_SCOPES' });
    await expect(client.ensureProperties()).rejects.toMatchObject({ retryable: false, crmStatus: 403 });
    freshPortalBatchCreate()
      .reply(207, { status: 'COMPLETE', results: [], numErrors: 1, errors: [{ status: 'error', category: 'VALIDATION_ERROR', message: 'Too many custom properties' }] });
    await expect(client.ensureProperties()).rejects.toThrow(/VALIDATION_ERROR: Too many custom properties/);
  });
});

describe('listLeadIds', () => {
  it('without since: the list API on the default lane', async () => {
    const { client, scheduler } = setupClient();
    nock(API)
      .get('/crm/v3/objects/contacts')
      .query({ limit: '100', archived: 'false' })
      .reply(200, { results: [{ id: '1' }, { id: '2' }], paging: { next: { after: '3' } } })
      .get('/crm/v3/objects/contacts')
      .query({ limit: '100', archived: 'false', after: '3' })
      .reply(200, { results: [{ id: '3' }] });
    expect(await client.listLeadIds({ cursor: null, limit: 500 })).toEqual({ ids: ['1', '2'], next: '3' });
    expect(await client.listLeadIds({ cursor: '3', limit: 500 })).toEqual({ ids: ['3'], next: null });
    expect(scheduler.lanes).toEqual(['default', 'default']);
  });

  it('with since: the search API on the search lane, lastmodifieddate GTE, ascending', async () => {
    const { client, scheduler } = setupClient();
    const since = Date.UTC(2026, 0, 1);
    let body: Record<string, unknown> | undefined;
    nock(API)
      .post('/crm/v3/objects/contacts/search', (b: Record<string, unknown>) => ((body = b), true))
      .reply(200, { total: 3, results: [{ id: '7', properties: { lastmodifieddate: '2026-01-02T00:00:00Z' } }], paging: { next: { after: '200' } } });
    const page = await client.listLeadIds({ cursor: null, since, limit: 1000 });
    expect(body).toEqual({
      filterGroups: [{ filters: [{ propertyName: 'lastmodifieddate', operator: 'GTE', value: String(since) }] }],
      sorts: [{ propertyName: 'lastmodifieddate', direction: 'ASCENDING' }],
      properties: ['lastmodifieddate'],
      limit: 200,
    });
    expect(page).toEqual({ ids: ['7'], next: `search:${since}:200` });
    expect(scheduler.lanes).toEqual(['search']);

    nock(API)
      .post('/crm/v3/objects/contacts/search', (b: Record<string, unknown>) => b.after === '200')
      .reply(200, { results: [{ id: '8', properties: {} }] });
    expect(await client.listLeadIds({ cursor: page.next, since, limit: 1000 })).toEqual({ ids: ['8'], next: null });
  });

  it('restarts the search from the last lastmodifieddate before the 10,000-result window ends', async () => {
    const { client } = setupClient();
    const since = Date.UTC(2026, 0, 1);
    const last = '2026-02-01T12:00:00.000Z';
    nock(API)
      .post('/crm/v3/objects/contacts/search', (b: Record<string, unknown>) => b.after === '9800')
      .reply(200, { results: [{ id: '9999', properties: { lastmodifieddate: last } }], paging: { next: { after: '10000' } } })
      .post('/crm/v3/objects/contacts/search', (b: { after?: string; filterGroups: { filters: { value: string }[] }[] }) =>
        b.after === undefined && b.filterGroups[0]?.filters[0]?.value === String(Date.parse(last)),
      )
      .reply(200, (_path: string, body: nock.Body) => ({ results: [{ id: String(jsonOf<{ limit: number }>(body).limit) }] }));
    const page = await client.listLeadIds({ cursor: `search:${since}:9800`, since, limit: 200 });
    expect(page.next).toBe(`search:${Date.parse(last)}:`);
    expect(await client.listLeadIds({ cursor: page.next, since, limit: 200 })).toEqual({ ids: ['200'], next: null });
  });

  it('refuses to loop when 10,000 contacts share one timestamp', async () => {
    const { client } = setupClient();
    const since = Date.UTC(2026, 0, 1);
    nock(API)
      .post('/crm/v3/objects/contacts/search')
      .reply(200, { results: [{ id: '1', properties: { lastmodifieddate: new Date(since).toISOString() } }], paging: { next: { after: '9900' } } });
    await expect(client.listLeadIds({ cursor: `search:${since}:9800`, since, limit: 200 })).rejects.toBeInstanceOf(CrmError);
  });
});

describe('call timeout', () => {
  it('a call with no response in time is a retryable CrmError, so the lane is not stalled', async () => {
    const calls: { path: string; status: number }[] = [];
    const client = createHubspotClient({
      tenant: TENANT, basePath: API, getAccessToken: async () => 't', scheduler: recordingScheduler(), config: testConfig(),
      timeoutMs: 50, onCall: (c) => calls.push(c),
    });
    nock(API).get('/crm/v3/owners').query(true).delay(500).reply(200, { results: [] });
    const err = await client.listOwners().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CrmError);
    expect(err).toMatchObject({ retryable: true, message: expect.stringMatching(/no response within 50 ms/) });
    expect(calls).toEqual([{ path: '/crm/v3/owners', status: 0 }]);
    await new Promise((r) => setTimeout(r, 600)); // let the abandoned request finish inside this test
  });
});
