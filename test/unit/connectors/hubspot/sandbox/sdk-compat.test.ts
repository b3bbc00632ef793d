// The real @hubspot/api-client pointed at the sandbox by basePath: proves the sandbox speaks
// HubSpot's wire format (paths, bodies, statuses the SDK deserialises).
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Client } from '@hubspot/api-client';
import { createHubspotSandbox } from '../../../../../connectors/hubspot/sandbox/index.ts';
import type { HubspotSandbox } from '../../../../../connectors/hubspot/sandbox/index.ts';

describe('HubSpot sandbox with the official SDK', () => {
  let sandbox: HubspotSandbox;
  let client: Client;

  beforeAll(async () => {
    sandbox = createHubspotSandbox({
      clientSecret: 'sdk-secret',
      owners: [
        { email: 'a@example.com', firstName: 'Ann' }, { email: 'b@example.com' }, { email: 'c@example.com' },
        { email: 'gone@example.com', archived: true },
      ],
    });
    const { url } = await sandbox.listen();
    client = new Client({ accessToken: sandbox.privateAppToken, basePath: url });
  });
  afterAll(async () => { await sandbox.close(); });

  it('creates a contact and reads it back in a batch, values as strings', async () => {
    const created = await client.crm.contacts.basicApi.create({ properties: { email: 'ada@acme.test', firstname: 'Ada', hs_email_open: '3' }, associations: [] });
    expect(created.id).toMatch(/^\d+$/);
    expect(created.properties['email']).toBe('ada@acme.test');
    expect(created.createdAt).toBeInstanceOf(Date);

    const read = await client.crm.contacts.batchApi.read({ inputs: [{ id: created.id }], properties: ['email', 'hs_email_open', 'jobtitle'], propertiesWithHistory: [] });
    expect(read.status).toBe('COMPLETE');
    expect(read.results).toHaveLength(1);
    expect(read.results[0]?.properties).toMatchObject({ email: 'ada@acme.test', hs_email_open: '3', jobtitle: null, hs_object_id: created.id });
  });

  it('batch update answers 207 per row and applies the good rows', async () => {
    const [owner] = (await client.crm.owners.ownersApi.getPage()).results;
    const a = await client.crm.contacts.basicApi.create({ properties: { email: 'good@acme.test' }, associations: [] });
    const b = await client.crm.contacts.basicApi.create({ properties: { email: 'bad@acme.test' }, associations: [] });
    const res = await client.crm.contacts.batchApi.update({
      inputs: [
        { id: a.id, properties: { hubspot_owner_id: owner!.id, hs_lead_status: 'OPEN' } },
        { id: b.id, properties: { hubspot_owner_id: String(owner!.userId) } }, // userId is not an owner id
        { id: '999', properties: { firstname: 'X' } },
      ],
    });
    expect(res).toMatchObject({ status: 'COMPLETE', numErrors: 2 });
    const errors = (res as { errors: { category: string; context: Record<string, string[]> }[] }).errors;
    expect(errors.map((e) => [e.category, e.context['ids']])).toEqual(expect.arrayContaining([
      ['OBJECT_NOT_FOUND', ['999']], ['VALIDATION_ERROR', [b.id]],
    ]));
    expect(res.results.map((r) => r.id)).toEqual([a.id]);
    expect(sandbox.getContact(a.id)?.properties).toMatchObject({ hubspot_owner_id: owner!.id, hs_lead_status: 'OPEN' });
    expect(sandbox.getContact(b.id)?.properties['hubspot_owner_id']).toBeUndefined();
  });

  it('pages owners by cursor, hides archived ones unless asked, id differs from userId', async () => {
    const first = await client.crm.owners.ownersApi.getPage(undefined, undefined, 2);
    expect(first.results.map((o) => o.email)).toEqual(['a@example.com', 'b@example.com']);
    expect(first.paging?.next?.after).toBeDefined();
    const second = await client.crm.owners.ownersApi.getPage(undefined, first.paging!.next!.after, 2);
    expect(second.results.map((o) => o.email)).toEqual(['c@example.com']);
    expect(second.paging).toBeUndefined();
    const archived = await client.crm.owners.ownersApi.getPage(undefined, undefined, 100, true);
    expect(archived.results.map((o) => o.email)).toEqual(['gone@example.com']);
    const owner = first.results[0]!;
    expect(String(owner.userId)).not.toBe(owner.id);
    expect(owner).toMatchObject({ firstName: 'Ann', archived: false, teams: [] });
  });

  it('creates a property group and property; a second create is a 409 the SDK surfaces', async () => {
    await client.crm.properties.groupsApi.create('contacts', { name: 'lead_router', label: 'Lead Router' });
    const created = await client.crm.properties.coreApi.create('contacts', {
      name: 'lr_priority', label: 'Priority', type: 'enumeration' as never, fieldType: 'select' as never, groupName: 'lead_router',
      options: [{ label: 'Hot', value: 'hot', hidden: false, displayOrder: 0 }, { label: 'Cold', value: 'cold', hidden: false, displayOrder: 1 }],
    });
    expect(created).toMatchObject({ name: 'lr_priority', type: 'enumeration', groupName: 'lead_router' });
    await expect(client.crm.properties.groupsApi.create('contacts', { name: 'lead_router', label: 'Again' })).rejects.toMatchObject({ code: 409 });
    const dup = client.crm.properties.coreApi.create('contacts', { name: 'lr_priority', label: 'P', type: 'string' as never, fieldType: 'text' as never, groupName: 'lead_router' });
    await expect(dup).rejects.toMatchObject({ code: 409, body: { status: 'error', category: 'OBJECT_ALREADY_EXISTS' } });

    // the new property is writable, with its enumeration options enforced
    const c = await client.crm.contacts.basicApi.create({ properties: { email: 'prio@acme.test', lr_priority: 'hot' }, associations: [] });
    await expect(client.crm.contacts.basicApi.update(c.id, { properties: { lr_priority: 'lukewarm' } })).rejects.toMatchObject({ code: 400, body: { category: 'VALIDATION_ERROR' } });
    const all = await client.crm.properties.coreApi.getAll('contacts');
    expect(all.results.map((p) => p.name)).toEqual(expect.arrayContaining(['email', 'hubspot_owner_id', 'lr_priority']));
  });

  it('reads contact->company associations through associations v4', async () => {
    const [company] = sandbox.createCompanies([{ name: 'Acme', domain: 'acme.test' }]);
    const [contact] = sandbox.createContacts([{ properties: { email: 'assoc@acme.test' }, companyId: company!.id }]);
    const res = await client.crm.associations.v4.batchApi.getPage('contacts', 'companies', { inputs: [{ id: contact!.id }] });
    expect(res.results).toHaveLength(1);
    expect(res.results[0]?.to[0]?.associationTypes).toEqual([
      { category: 'HUBSPOT_DEFINED', typeId: 1, label: 'Primary' },
      { category: 'HUBSPOT_DEFINED', typeId: 279, label: null },
    ]);
    expect(String(res.results[0]?.to[0]?.toObjectId)).toBe(company!.id);
  });
});
