import { describe, expect, it } from '@jest/globals';
import nock from 'nock';
import { createPipedriveClient } from '../../../../connectors/pipedrive/client.ts';
import { API, H, ORG_FIELDS, OWN_FIELDS, PERSON_FIELDS, recordingScheduler, TENANT, testConfig } from '../../../unit/connectors/pipedrive/fixtures.ts';
import { requestUrl, useNock } from './nock-setup.ts';

useNock();

const config = testConfig({
  email: 'emails',
  industry: 'Industry',
  channels: 'Channels',
  budget: { pipedrive: 'Budget', type: 'number' },
  employees: { pipedrive: 'org.Employees', type: 'number' },
  postcode: 'org.HQ address.postal_code',
  labels: 'label',
});

/** GET /v1/users, read once per client: `is_you` names lead-router's own (intake) user. */
function usersApi(scope: nock.Scope, users: Record<string, unknown>[] = [{ id: 99, email: 'integration@acme.test', active_flag: true, is_you: true }]) {
  return scope.get('/v1/users').reply(200, { success: true, data: users });
}

function fieldsApi(scope: nock.Scope, users = true) {
  if (users) usersApi(scope);
  return scope
    .get('/api/v2/personFields')
    .query({ limit: 500 })
    .reply(200, { success: true, data: PERSON_FIELDS.slice(0, 4), additional_data: { next_cursor: 'p2' } })
    .get('/api/v2/personFields')
    .query({ limit: 500, cursor: 'p2' })
    .reply(200, { success: true, data: [...PERSON_FIELDS.slice(4), ...OWN_FIELDS], additional_data: { next_cursor: null } })
    .get('/api/v2/organizationFields')
    .query({ limit: 500 })
    .reply(200, { success: true, data: ORG_FIELDS, additional_data: { next_cursor: null } });
}

const person = (id: number, over: Record<string, unknown> = {}) => ({
  id,
  name: `Person ${id}`,
  owner_id: 5,
  org_id: 77,
  add_time: '2026-11-01T09:00:00Z',
  update_time: '2026-11-02T09:00:00Z',
  emails: [
    { value: `other${id}@acme.test`, primary: false, label: 'home' },
    { value: `p${id}@acme.test`, primary: true, label: 'work' },
  ],
  label_ids: [2],
  custom_fields: {
    [H.industry]: 11,
    [H.channels]: [21, 22],
    [H.budget]: { value: 5000, currency: 'EUR' },
    [H.score]: 64.5,
    [H.priority]: 42,
    [H.grade]: 'B2',
    [H.reasons]: null,
  },
  ...over,
});

describe('readLeads', () => {
  it('reads persons by ids and their organizations, mapping fields to aliases', async () => {
    const scope = fieldsApi(nock(API))
      .get('/api/v2/persons')
      .query((q) => q.ids === '8,9' && typeof q.custom_fields === 'string')
      .reply(200, { success: true, data: [person(8), person(9, { org_id: null, owner_id: null })] })
      .get('/api/v2/organizations')
      .query({ ids: '77', custom_fields: H.employees + ',' + H.hq })
      .reply(200, { success: true, data: [{ id: 77, name: 'ACME', owner_id: 6, custom_fields: { [H.employees]: 1200, [H.hq]: { value: 'Main 1, 110 00 Praha', postal_code: '110 00' } } }] });
    const client = createPipedriveClient({ tenant: TENANT, apiBase: API, auth: { kind: 'api_token', token: 't0k' }, scheduler: recordingScheduler(), config });

    const leads = await client.readLeads(['8', '9', '8', 'not-an-id']);

    expect(scope.isDone()).toBe(true);
    expect([...leads.keys()]).toEqual(['8', '9']);
    expect(leads.get('8')).toEqual({
      id: '8',
      fields: {
        email: 'p8@acme.test',
        industry: 'Pharma',
        channels: 'Web, Events',
        budget: 5000,
        employees: 1200,
        postcode: '110 00',
        labels: 'Hot lead',
      },
      ownerId: '5',
      companyId: '77',
      companyOwnerId: '6',
      written: { score: '64.5', priority: 'warm', grade: 'B2' },
      createdAt: Date.parse('2026-11-01T09:00:00Z'),
    });
    expect(leads.get('9')).toMatchObject({ ownerId: null, companyId: null, companyOwnerId: null, fields: { employees: null, postcode: null } });
  });

  it('requests only the custom fields it needs (≤ 15 keys) and sends the API token header', async () => {
    let query: Record<string, string> = {};
    fieldsApi(nock(API));
    const persons = nock(API)
      .matchHeader('x-api-token', 't0k')
      .get('/api/v2/persons')
      .query((q) => {
        query = q as Record<string, string>;
        return true;
      })
      .reply(200, { success: true, data: [] });
    const client = createPipedriveClient({ tenant: TENANT, apiBase: API, auth: { kind: 'api_token', token: 't0k' }, scheduler: recordingScheduler(), config });
    await client.readLeads(['8']);
    expect(query.custom_fields!.split(',').sort()).toEqual([H.industry, H.channels, H.budget, H.score, H.fit, H.engagement, H.priority, H.grade, H.reasons].sort());
    expect(persons.isDone()).toBe(true);
  });

  it('splits more than 100 ids into calls of at most 100 (§3.2 ids= limit) and skips deleted persons', async () => {
    const ids = Array.from({ length: 150 }, (_, i) => String(i + 1));
    const seen: number[] = [];
    fieldsApi(nock(API));
    nock(API)
      .get('/api/v2/persons')
      .query(true)
      .times(2)
      .reply(200, (path: string) => {
        const got = requestUrl(path).searchParams.get('ids')!.split(',').map(Number);
        seen.push(got.length);
        return { success: true, data: got.map((id) => person(id, { org_id: null, is_deleted: id === 3 })) };
      });
    const client = createPipedriveClient({ tenant: TENANT, apiBase: API, auth: { kind: 'api_token', token: 't' }, scheduler: recordingScheduler(), config });
    const leads = await client.readLeads(ids);
    expect(seen.sort((a, b) => b - a)).toEqual([100, 50]);
    expect(leads.size).toBe(149);
    expect(leads.has('3')).toBe(false);
  });

  it('caches field metadata per company within the TTL, then refetches', async () => {
    let now = 1_000_000;
    const scope = fieldsApi(nock(API));
    nock(API).get('/api/v2/persons').query(true).times(3).reply(200, { success: true, data: [] });
    const client = createPipedriveClient({
      tenant: TENANT,
      apiBase: API,
      auth: { kind: 'api_token', token: 't' },
      scheduler: recordingScheduler(),
      config,
      fieldsTtlMs: 60_000,
      now: () => now,
    });
    await client.readLeads(['1']);
    await client.readLeads(['2']);
    expect(scope.isDone()).toBe(true);
    now += 61_000;
    const again = fieldsApi(nock(API), false);
    await client.readLeads(['3']);
    expect(again.isDone()).toBe(true);
  });

  it("reads persons and organizations owned by lead-router's own user as unowned, unless that user is a config owner", async () => {
    const owned = { success: true, data: [person(8, { owner_id: 99 })] };
    const org = { success: true, data: [{ id: 77, name: 'ACME', owner_id: 99, custom_fields: {} }] };
    fieldsApi(nock(API)).get('/api/v2/persons').query(true).reply(200, owned).get('/api/v2/organizations').query(true).reply(200, org);
    const client = createPipedriveClient({ tenant: TENANT, apiBase: API, auth: { kind: 'api_token', token: 't' }, scheduler: recordingScheduler(), config });
    expect((await client.readLeads(['8'])).get('8')).toMatchObject({ ownerId: null, companyOwnerId: null });

    // The app was installed by a rep: their records stay theirs.
    const rep = { ...config, owners: [{ ...config.owners[0]!, email: 'Integration@acme.test' }] };
    fieldsApi(nock(API), false);
    usersApi(nock(API)).get('/api/v2/persons').query(true).reply(200, owned).get('/api/v2/organizations').query(true).reply(200, org);
    const repClient = createPipedriveClient({ tenant: TENANT, apiBase: API, auth: { kind: 'api_token', token: 't' }, scheduler: recordingScheduler(), config: rep });
    expect((await repClient.readLeads(['8'])).get('8')).toMatchObject({ ownerId: '99', companyOwnerId: '99' });
  });

  it('names the unknown field and close matches when the config does not fit the company', async () => {
    fieldsApi(nock(API), false);
    const client = createPipedriveClient({
      tenant: TENANT,
      apiBase: API,
      auth: { kind: 'api_token', token: 't' },
      scheduler: recordingScheduler(),
      config: testConfig({ industry: 'Industri', employees: 'org.Employees' }),
    });
    await expect(client.readLeads(['1'])).rejects.toThrow('fields.industry: Pipedrive person field "Industri" not found (hint: close matches: "Industry")');
  });
});
