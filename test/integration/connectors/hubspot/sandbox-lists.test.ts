// The HubSpot sandbox's Lists API v3 emulation (create, read, memberships add / page) and the
// connector's nurture writes against it over real HTTP: lifecycle stage and lead status in the
// batch update, list memberships, DYNAMIC lists refused, missing records reported, 429s.
import { afterEach, describe, expect, it } from '@jest/globals';
import { createHubspotClient } from '../../../../connectors/hubspot/client.ts';
import { createHubspotSandbox, type HubspotSandbox } from '../../../../connectors/hubspot/sandbox/index.ts';
import { recordingScheduler, TENANT, testConfig } from '../../../unit/connectors/hubspot/fixtures.ts';

let sandbox: HubspotSandbox | null = null;
afterEach(async () => {
  await sandbox?.close();
  sandbox = null;
});

async function start(opts: Partial<Parameters<typeof createHubspotSandbox>[0]> = {}) {
  sandbox = createHubspotSandbox({ clientSecret: 's', owners: [{ email: 'ana@example.com' }], ...opts });
  const { url } = await sandbox.listen();
  const call = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${url}${path}`, {
      method,
      headers: { authorization: `Bearer ${sandbox!.privateAppToken}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  return { url, call, sandbox };
}

describe('HubSpot sandbox: Lists API v3', () => {
  it('creates lists (names unique per object type), reads them, adds members idempotently, pages memberships', async () => {
    const { call, sandbox: sb } = await start();
    const created = await call('POST', '/crm/v3/lists', { name: 'Nurture', objectTypeId: '0-1', processingType: 'MANUAL' });
    expect(created).toMatchObject({ status: 200, body: { list: { listId: '1', name: 'Nurture', processingType: 'MANUAL', objectTypeId: '0-1' } } });
    expect((await call('POST', '/crm/v3/lists', { name: 'nurture', objectTypeId: '0-1', processingType: 'MANUAL' })).status).toBe(400);
    expect((await call('POST', '/crm/v3/lists', { name: 'x', objectTypeId: '0-1', processingType: 'STATIC' })).status).toBe(400);

    const [a, b] = sb.createContacts([{ properties: { email: 'a@x.example' } }, { properties: { email: 'b@x.example' } }]);
    const add = await call('PUT', '/crm/v3/lists/1/memberships/add', [a!.id, b!.id, '999']);
    expect(add).toEqual({ status: 200, body: { recordIdsMissing: ['999'], recordIdsRemoved: [], recordsIdsAdded: [a!.id, b!.id] } });
    expect((await call('PUT', '/crm/v3/lists/1/memberships/add', [a!.id])).body).toMatchObject({ recordsIdsAdded: [] }); // already a member
    const page = await call('GET', '/crm/v3/lists/1/memberships?limit=1');
    expect(page.body).toMatchObject({ results: [{ recordId: a!.id }], paging: { next: { after: a!.id } } });
    expect((await call('GET', '/crm/v3/lists/1')).body).toMatchObject({ list: { size: 2 } });
  });

  it('refuses memberships for DYNAMIC lists (400), unknown lists (404) and bodies that are not id arrays (400)', async () => {
    const { call } = await start();
    await call('POST', '/crm/v3/lists', { name: 'Engaged', objectTypeId: '0-1', processingType: 'DYNAMIC' });
    const dynamic = await call('PUT', '/crm/v3/lists/1/memberships/add', ['1']);
    expect(dynamic.status).toBe(400);
    expect(String(dynamic.body['message'])).toMatch(/DYNAMIC.*MANUAL or SNAPSHOT/);
    expect((await call('PUT', '/crm/v3/lists/42/memberships/add', ['1'])).status).toBe(404);
    expect((await call('PUT', '/crm/v3/lists/1/memberships/add', { ids: ['1'] })).status).toBe(400);
  });

  it('counts list calls against the burst limit (429 with the policy headers)', async () => {
    const { call } = await start({ rateLimit: { max: 2, intervalMs: 10_000 } });
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) statuses.push((await call('POST', '/crm/v3/lists', { name: `L${i}`, objectTypeId: '0-1', processingType: 'MANUAL' })).status);
    expect(statuses).toEqual([200, 200, 429]);
  });

  it('the connector writes nurture properties and list memberships to the sandbox', async () => {
    const { url, sandbox: sb } = await start();
    const list = sb.lists.create({ name: 'Nurture', objectTypeId: '0-1', processingType: 'MANUAL' }, new Date().toISOString());
    const nurture = { reengageAt: 40, programs: [{ name: 'cold', tiers: ['cold'], hubspot: { lifecycleStage: 'lead', leadStatus: 'NEW', listId: list.listId } }] };
    const client = createHubspotClient({ tenant: TENANT, basePath: url, getAccessToken: async () => sb.privateAppToken, scheduler: recordingScheduler(), config: testConfig({ nurture }) });
    const [c] = sb.createContacts([{ properties: { email: 'c@x.example', lifecyclestage: 'subscriber' } }]);
    expect((await client.readLeads([c!.id])).get(c!.id)!.nurture).toEqual({ lifecycleStage: 'subscriber', leadStatus: null });
    const results = await client.writeLeads([{ id: c!.id, values: {}, nurture: { lifecycleStage: 'lead', leadStatus: 'NEW', listId: list.listId } }, { id: '1999999', values: {}, nurture: { listId: list.listId } }]);
    expect(results[0]).toEqual({ id: c!.id, ok: true });
    expect(results[1]).toMatchObject({ ok: false, retryable: false, error: expect.stringContaining('not found') });
    expect(sb.getContact(c!.id)!.properties).toMatchObject({ lifecyclestage: 'lead', hs_lead_status: 'NEW' });
    expect(sb.lists.members(list.listId)).toEqual([c!.id]);
  });
});
