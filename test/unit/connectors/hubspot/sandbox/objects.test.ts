// CRM object, search and association endpoints over raw HTTP: HubSpot's shapes and error rules.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHubspotSandbox } from '../../../../../connectors/hubspot/sandbox/index.ts';
import type { HubspotSandbox } from '../../../../../connectors/hubspot/sandbox/index.ts';
import { bearer, sandboxCaller } from './helpers.ts';

describe('HubSpot sandbox CRM objects', () => {
  let sandbox: HubspotSandbox;
  let url: string;
  const call = sandboxCaller(() => ({ url, token: sandbox.privateAppToken }));
  beforeAll(async () => {
    // search limit raised: this file tests search semantics, not its rate limit
    sandbox = createHubspotSandbox({ clientSecret: 's', searchPerSecond: 1_000, rateLimit: { max: 10_000, intervalMs: 10_000 } });
    url = (await sandbox.listen()).url;
  });
  afterAll(async () => { await sandbox.close(); });

  it('reads with default or requested properties, by id or by email, and 404s with the envelope', async () => {
    const created = await call('POST', '/crm/v3/objects/contacts', { properties: { email: 'Read@Acme.test', firstname: 'Rea', numberofemployees: undefined, country: 'FR' } });
    expect(created.status).toBe(201);
    const id = created.body['id'] as string;
    const byDefault = await call('GET', `/crm/v3/objects/contacts/${id}`);
    expect(Object.keys(byDefault.body['properties']).sort()).toEqual(['createdate', 'email', 'firstname', 'hs_object_id', 'lastmodifieddate', 'lastname']);
    expect(byDefault.body['properties']['lastname']).toBeNull();
    const requested = await call('GET', `/crm/v3/objects/contacts/${id}?properties=country,jobtitle,not_a_property`);
    expect(requested.body['properties']).toEqual({ country: 'FR', jobtitle: null, createdate: expect.any(String), hs_object_id: id, lastmodifieddate: expect.any(String) });
    expect((await call('GET', '/crm/v3/objects/contacts/read@acme.test?idProperty=email')).body['id']).toBe(id);
    const missing = await call('GET', '/crm/v3/objects/contacts/424242');
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ status: 'error', category: 'OBJECT_NOT_FOUND', correlationId: expect.any(String) });
  });

  it('validates writes: unknown property, enumeration option, owner id vs userId, number, email conflict', async () => {
    const owner = sandbox.owners()[0]!;
    const { body } = await call('POST', '/crm/v3/objects/contacts', { properties: { email: 'val@acme.test' } });
    const id = body['id'] as string;
    const bad = await call('PATCH', `/crm/v3/objects/contacts/${id}`, { properties: { favourite_food: 'x', hs_lead_status: 'HOT', hubspot_owner_id: String(owner.userId), hs_email_open: 'many' } });
    expect(bad.status).toBe(400);
    expect(bad.body['category']).toBe('VALIDATION_ERROR');
    expect(bad.body['message']).toMatch(/^Property values were not valid: \[/);
    const detail = JSON.parse(String(bad.body['message']).replace('Property values were not valid: ', '')) as { name: string; error: string }[];
    expect(detail.map((d) => [d.name, d.error])).toEqual([
      ['favourite_food', 'PROPERTY_DOESNT_EXIST'], ['hs_lead_status', 'INVALID_OPTION'], ['hubspot_owner_id', 'INVALID_OPTION'], ['hs_email_open', 'INVALID_DOUBLE'],
    ]);
    const ok = await call('PATCH', `/crm/v3/objects/contacts/${id}`, { properties: { hubspot_owner_id: owner.id, hs_email_open: 4 } });
    expect(ok.status).toBe(200);
    expect(ok.body['properties']).toMatchObject({ hubspot_owner_id: owner.id, hs_email_open: '4' });
    const dup = await call('POST', '/crm/v3/objects/contacts', { properties: { email: 'VAL@acme.test' } });
    expect(dup.status).toBe(409);
    expect(dup.body).toMatchObject({ category: 'OBJECT_ALREADY_EXISTS', message: `Contact already exists. Existing ID: ${id}` });
    const readOnly = await call('PATCH', `/crm/v3/objects/contacts/${id}`, { properties: { hs_object_id: '1' } });
    expect(readOnly.status).toBe(400);
  });

  it('batch create fails whole without objectWriteTraceId and per row (207) with it; duplicate update ids are a 400', async () => {
    const whole = await call('POST', '/crm/v3/objects/companies/batch/create', { inputs: [{ properties: { name: 'A' } }, { properties: { name: 'B', numberofemployees: 'lots' } }] });
    expect(whole.status).toBe(400);
    expect(sandbox.stats().calls['POST /crm/v3/objects/companies/batch/create']).toBe(1);
    const traced = await call('POST', '/crm/v3/objects/companies/batch/create', {
      inputs: [{ objectWriteTraceId: 't1', properties: { name: 'A' } }, { objectWriteTraceId: 't2', properties: { name: 'B', numberofemployees: 'lots' } }],
    });
    expect(traced.status).toBe(207);
    expect(traced.body['results']).toHaveLength(1);
    expect(traced.body['results'][0]).toMatchObject({ objectWriteTraceId: 't1', properties: { name: 'A' } });
    expect(traced.body['errors']).toEqual([expect.objectContaining({ category: 'VALIDATION_ERROR', context: { objectWriteTraceId: ['t2'] } })]);
    const companyId = traced.body['results'][0]['id'] as string;
    const dupIds = await call('POST', '/crm/v3/objects/companies/batch/update', { inputs: [{ id: companyId, properties: { name: 'x' } }, { id: companyId, properties: { name: 'y' } }] });
    expect(dupIds.status).toBe(400);
    expect(dupIds.body['message']).toContain('Duplicate IDs');
  });

  it('lists with cursor paging', async () => {
    sandbox.createCompanies(Array.from({ length: 5 }, (_, i) => ({ name: `Page ${i}` })));
    const seen: string[] = [];
    let after: string | undefined;
    do {
      const page = await call('GET', `/crm/v3/objects/companies?limit=2&properties=name${after ? `&after=${after}` : ''}`);
      seen.push(...(page.body['results'] as { properties: { name: string } }[]).map((r) => r.properties.name));
      after = page.body['paging']?.next?.after;
    } while (after);
    expect(seen.filter((n) => n.startsWith('Page '))).toEqual(['Page 0', 'Page 1', 'Page 2', 'Page 3', 'Page 4']);
  });

  it('searches with filter groups, operators, sorts and paging; limit above 200 is a 400', async () => {
    sandbox.createContacts([
      { properties: { email: 's1@search.test', jobtitle: 'CTO', hs_analytics_num_page_views: 12, country: 'DE' } },
      { properties: { email: 's2@search.test', jobtitle: 'Intern', hs_analytics_num_page_views: 3, country: 'DE' } },
      { properties: { email: 's3@search.test', hs_analytics_num_page_views: 40, country: 'US' } },
    ]);
    const search = (body: unknown) => call('POST', '/crm/v3/objects/contacts/search', body);
    const de = await search({
      filterGroups: [{ filters: [{ propertyName: 'country', operator: 'EQ', value: 'de' }, { propertyName: 'hs_analytics_num_page_views', operator: 'GTE', value: '5' }] },
        { filters: [{ propertyName: 'jobtitle', operator: 'NOT_HAS_PROPERTY' }, { propertyName: 'email', operator: 'CONTAINS_TOKEN', value: '*search.test' }] }],
      sorts: [{ propertyName: 'hs_analytics_num_page_views', direction: 'DESCENDING' }], properties: ['email'], limit: 1,
    });
    expect(de.status).toBe(200);
    expect(de.body['total']).toBe(2);
    expect(de.body['results'][0]['properties']['email']).toBe('s3@search.test');
    expect(de.body['paging']).toEqual({ next: { after: '1' } });
    const page2 = await search({ filterGroups: de.body['paging'] ? [{ filters: [{ propertyName: 'email', operator: 'IN', values: ['s1@search.test', 's3@search.test'] }] }] : [], after: '1', limit: 1, sorts: ['-hs_analytics_num_page_views'], properties: ['email'] });
    expect(page2.body['results'][0]['properties']['email']).toBe('s1@search.test');
    expect((await search({ limit: 201 })).status).toBe(400);
    expect((await search({ filterGroups: [{ filters: [{ propertyName: 'email', operator: 'LIKE', value: 'x' }] }] })).status).toBe(400);
  });

  it('associations v4: NO_ASSOCIATIONS_FOUND 207, default PUT, primary via batch create, reverse direction', async () => {
    const [c1, c2] = sandbox.createCompanies([{ name: 'One' }, { name: 'Two' }]);
    const [lonely, linked] = sandbox.createContacts([{ properties: { email: 'lonely@assoc.test' } }, { properties: { email: 'linked@assoc.test' } }]);
    const put = await call('PUT', `/crm/v4/objects/contacts/${linked!.id}/associations/default/companies/${c1!.id}`);
    expect(put.status).toBe(200);
    expect(put.body['results'][0]['associationSpec']).toEqual({ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 279 });
    const create = await call('POST', '/crm/v4/associations/contacts/companies/batch/create', {
      inputs: [{ from: { id: linked!.id }, to: { id: c2!.id }, types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 1 }] }],
    });
    expect(create.status).toBe(201);
    const read = await call('POST', '/crm/v4/associations/contacts/companies/batch/read', { inputs: [{ id: linked!.id }, { id: lonely!.id }] });
    expect(read.status).toBe(207);
    expect(read.body['results']).toEqual([{ from: { id: linked!.id }, to: [
      { toObjectId: Number(c1!.id), associationTypes: [{ category: 'HUBSPOT_DEFINED', typeId: 279, label: null }] },
      { toObjectId: Number(c2!.id), associationTypes: [{ category: 'HUBSPOT_DEFINED', typeId: 1, label: 'Primary' }, { category: 'HUBSPOT_DEFINED', typeId: 279, label: null }] },
    ] }]);
    expect(read.body['errors']).toEqual([expect.objectContaining({ subCategory: 'crm.associations.NO_ASSOCIATIONS_FOUND', context: { fromObjectId: [lonely!.id] } })]);
    const reverse = await call('POST', '/crm/v4/associations/companies/contacts/batch/read', { inputs: [{ id: c2!.id }] });
    expect(reverse.body['results'][0]['to'][0]['associationTypes'].map((t: { typeId: number }) => t.typeId)).toEqual([2, 280]);
    const atMax = await call('POST', '/crm/v4/associations/contacts/companies/batch/read', { inputs: Array.from({ length: 1000 }, (_, i) => ({ id: String(i) })) });
    expect(atMax.status).toBe(207); // 1,000 inputs is the real limit (hubspot.md §6): accepted
    expect(atMax.body['numErrors']).toBe(1000);
    const tooMany = await call('POST', '/crm/v4/associations/contacts/companies/batch/read', { inputs: Array.from({ length: 1001 }, (_, i) => ({ id: String(i) })) });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body['message']).toMatch(/Too many inputs: 1001\. The maximum number of inputs supported in this batch request is 1000/);
  });

  it('creates engagements associated to a contact and requires hs_timestamp', async () => {
    const [contact] = sandbox.createContacts([{ properties: { email: 'eng@acme.test' } }]);
    const assoc = [{ to: { id: contact!.id }, types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 194 }] }];
    const call1 = await call('POST', '/crm/v3/objects/calls', { properties: { hs_timestamp: '2026-11-01T10:00:00Z', hs_call_title: 'Intro' }, associations: assoc });
    expect(call1.status).toBe(201);
    const noTime = await call('POST', '/crm/v3/objects/notes', { properties: { hs_note_body: 'hi' } });
    expect(noTime.status).toBe(400);
    const badTarget = await call('POST', '/crm/v3/objects/calls', { properties: { hs_timestamp: 1 }, associations: [{ to: { id: '1' }, types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 194 }] }] });
    expect(badTarget.status).toBe(400);
    const calls = await call('POST', '/crm/v4/associations/contacts/calls/batch/read', { inputs: [{ id: contact!.id }] });
    expect(calls.body['results'][0]['to']).toEqual([{ toObjectId: Number(call1.body['id']), associationTypes: [{ category: 'HUBSPOT_DEFINED', typeId: 193, label: null }] }]);
  });

  it('merges and archives contacts through the API', async () => {
    const [a, b] = sandbox.createContacts([{ properties: { email: 'm1@acme.test', firstname: 'Keep' } }, { properties: { email: 'm2@acme.test', jobtitle: 'VP' } }]);
    const merged = await call('POST', '/crm/v3/objects/contacts/merge', { primaryObjectId: a!.id, objectIdToMerge: b!.id });
    expect(merged.status).toBe(200);
    const newId = merged.body['id'] as string;
    expect(newId).not.toBe(a!.id);
    const viaOld = await call('GET', `/crm/v3/objects/contacts/${b!.id}?properties=email,jobtitle,firstname`);
    expect(viaOld.body).toMatchObject({ id: newId, properties: { email: 'm1@acme.test', jobtitle: 'VP', firstname: 'Keep' } });
    expect((await call('DELETE', `/crm/v3/objects/contacts/${newId}`)).status).toBe(204);
    expect((await call('GET', `/crm/v3/objects/contacts/${newId}`)).status).toBe(404);
  });

  it('answers malformed JSON and unknown routes with HubSpot-shaped errors', async () => {
    const res = await fetch(`${url}/crm/v3/objects/contacts/batch/read`, { method: 'POST', headers: bearer(sandbox.privateAppToken), body: '{"inputs": [' });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ status: 'error', category: 'VALIDATION_ERROR' });
    expect((await call('GET', '/crm/v3/objects/tickets')).status).toBe(404);
  });
});
