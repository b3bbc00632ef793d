// /_sandbox admin endpoints (user simulation over HTTP, introspection) and the CLI starter.
import { afterEach, describe, expect, it } from '@jest/globals';
import { createHubspotSandbox, startHubspotSandbox } from '../../../../../connectors/hubspot/sandbox/index.ts';
import type { HubspotSandbox } from '../../../../../connectors/hubspot/sandbox/index.ts';
import { bearer, startReceiver } from './helpers.ts';

describe('HubSpot sandbox admin endpoints', () => {
  let sandbox: HubspotSandbox;
  afterEach(async () => { await sandbox.close(); });
  const json = (method: string, body?: unknown) => ({ method, headers: { 'content-type': 'application/json' }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });

  it('simulates users over HTTP, exposes contacts, raw events and stats', async () => {
    const receiver = await startReceiver();
    sandbox = createHubspotSandbox({ clientSecret: 's', timeScale: 0.001, subscriptions: { contactProperties: ['num_conversion_events'] } });
    const { url } = await sandbox.listen();
    expect((await fetch(`${url}/_sandbox/webhook-url`, json('PUT', { url: receiver.url }))).status).toBe(204);

    const companies = await (await fetch(`${url}/_sandbox/companies`, json('POST', [{ name: 'Globex', domain: 'globex.test', industry: 'Software', numberofemployees: 120, country: 'DE' }]))).json() as { results: { id: string }[] };
    const companyId = companies.results[0]!.id;
    const contacts = await fetch(`${url}/_sandbox/contacts`, json('POST', { contacts: [{ properties: { email: 'hank@globex.test', jobtitle: 'Head of IT' }, companyId }] }));
    expect(contacts.status).toBe(201);
    const contactId = ((await contacts.json()) as { results: { id: string }[] }).results[0]!.id;

    expect((await fetch(`${url}/_sandbox/contacts/${contactId}`, json('PATCH', { properties: { country: 'AT' } }))).status).toBe(200);
    const owner = sandbox.owners()[2]!;
    expect((await fetch(`${url}/_sandbox/engagements`, json('POST', { contactId, type: 'meeting', ownerId: owner.id, at: Date.UTC(2026, 9, 1) }))).status).toBe(201);
    const tracked = await fetch(`${url}/_sandbox/contacts/${contactId}/events`, json('POST', [{ type: 'form_submission', at: 1, props: { form: 'demo' } }]));
    expect(tracked.status).toBe(200);

    const view = await (await fetch(`${url}/_sandbox/contacts/${contactId}`)).json();
    expect(view).toMatchObject({ id: contactId, properties: { email: 'hank@globex.test', country: 'AT', num_conversion_events: '1' }, primaryCompanyId: companyId, companyIds: [companyId] });
    expect(await (await fetch(`${url}/_sandbox/contacts/${contactId}/events`)).json()).toEqual({ results: [{ type: 'form_submission', at: 1, props: { form: 'demo' } }] });

    const flushed = await (await fetch(`${url}/_sandbox/webhooks/flush`, json('POST'))).json();
    expect(flushed).toMatchObject({ pendingEvents: 0, failed: 0 });
    const types = receiver.events().map((e) => e['subscriptionType']);
    expect(types).toEqual(expect.arrayContaining(['contact.creation', 'contact.associationChange', 'object.creation', 'contact.propertyChange']));
    expect(receiver.events().every((e) => e['changeSource'] === 'CRM_UI')).toBe(true);

    await fetch(`${url}/crm/v3/owners`, { headers: bearer(sandbox.privateAppToken) });
    const stats = await (await fetch(`${url}/_sandbox/stats`)).json() as Record<string, unknown>;
    expect(stats).toMatchObject({ totalCalls: 1, calls: { 'GET /crm/v3/owners': 1 }, webhooks: { eventsDelivered: receiver.events().length } });

    const invalid = await fetch(`${url}/_sandbox/engagements`, json('POST', { contactId, type: 'fax', at: 1 }));
    expect(invalid.status).toBe(400);
    expect(await invalid.json()).toMatchObject({ category: 'VALIDATION_ERROR' });
    const badOwner = await fetch(`${url}/_sandbox/companies`, json('POST', [{ name: 'X', hubspot_owner_id: String(owner.userId) }]));
    expect(badOwner.status).toBe(400);
    expect((await fetch(`${url}/_sandbox/contacts/999`)).status).toBe(404);
    await receiver.close();
  });

  it('startHubspotSandbox prints the base URL, token and owners and runs until closed', async () => {
    const lines: string[] = [];
    const started = await startHubspotSandbox({ port: 0, clientSecret: 'cli', print: (l) => lines.push(l) });
    sandbox = started.sandbox;
    const out = lines.join('\n');
    expect(out).toContain(started.url);
    expect(out).toContain(sandbox.privateAppToken);
    for (const o of sandbox.owners()) expect(out).toContain(o.id);
    expect((await fetch(`${started.url}/crm/v3/owners`, { headers: bearer(sandbox.privateAppToken) })).status).toBe(200);
    let closed = false;
    void started.closed.then(() => { closed = true; });
    await sandbox.close();
    await started.closed;
    expect(closed).toBe(true);
    await expect(fetch(`${started.url}/crm/v3/owners`)).rejects.toThrow();
  });
});
