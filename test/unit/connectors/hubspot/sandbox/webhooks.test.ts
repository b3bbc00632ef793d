// Webhook deliveries to a real local receiver (shared/reference/hubspot.md §1.2–1.4, §2).
// Signatures are recomputed here with node:crypto, independently of the sandbox's sign.ts.
import { createHash, createHmac } from 'node:crypto';
import { afterEach, describe, expect, it } from '@jest/globals';
import { createHubspotSandbox } from '../../../../../connectors/hubspot/sandbox/index.ts';
import type { HubspotSandbox, HubspotSandboxOptions } from '../../../../../connectors/hubspot/sandbox/index.ts';
import { bearer, fakeClock, startReceiver } from './helpers.ts';

const SECRET = 'webhook-client-secret';
type Receiver = Awaited<ReturnType<typeof startReceiver>>;

describe('HubSpot sandbox webhooks', () => {
  let sandbox: HubspotSandbox;
  let receiver: Receiver;
  let url: string;
  const start = async (opts: Partial<HubspotSandboxOptions> = {}) => {
    receiver = await startReceiver();
    sandbox = createHubspotSandbox({ clientSecret: SECRET, webhookUrl: receiver.url, timeScale: 0.0001, webhookBatchMs: 20, ...opts });
    url = (await sandbox.listen()).url;
  };
  const api = (method: string, path: string, body?: unknown) =>
    fetch(`${url}${path}`, { method, headers: bearer(sandbox.privateAppToken), ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  afterEach(async () => { await sandbox.close(); await receiver.close(); });

  it('delivers batches of at most 100 events, signed v3 and v1 over the exact raw body', async () => {
    const clock = fakeClock();
    await start({ now: clock.now, subscriptions: { contactProperties: ['email'] } });
    const inputs = (from: number, n: number) => Array.from({ length: n }, (_, i) => ({ properties: { email: `p${from + i}@acme.test` } }));
    expect((await api('POST', '/crm/v3/objects/contacts/batch/create', { inputs: inputs(0, 100) })).status).toBe(201);
    expect((await api('POST', '/crm/v3/objects/contacts/batch/create', { inputs: inputs(100, 20) })).status).toBe(201);
    await sandbox.flushWebhooks();

    const events = receiver.events();
    expect(events).toHaveLength(240); // creation + email propertyChange per contact
    expect(receiver.deliveries.length).toBeGreaterThanOrEqual(3);
    for (const d of receiver.deliveries) {
      expect(d.events.length).toBeLessThanOrEqual(100);
      const timestamp = String(d.headers['x-hubspot-request-timestamp']);
      expect(timestamp).toBe(String(clock.now()));
      const v3 = createHmac('sha256', SECRET).update(`POST${receiver.url}${d.raw}${timestamp}`).digest('base64');
      expect(d.headers['x-hubspot-signature-v3']).toBe(v3);
      expect(d.headers['x-hubspot-signature']).toBe(createHash('sha256').update(SECRET + d.raw).digest('hex'));
      expect(d.headers['x-hubspot-signature-version']).toBe('v1');
      expect(d.headers['content-type']).toMatch(/^application\/json/);
    }
    const creation = events.find((e) => e['subscriptionType'] === 'contact.creation');
    expect(creation).toEqual({
      eventId: expect.any(Number), subscriptionId: expect.any(Number), portalId: sandbox.portalId, appId: sandbox.appId,
      occurredAt: clock.now(), subscriptionType: 'contact.creation', attemptNumber: 0, objectId: expect.any(Number),
      changeSource: 'INTEGRATION', sourceId: String(sandbox.appId), changeFlag: 'NEW',
    });
    const change = events.find((e) => e['subscriptionType'] === 'contact.propertyChange');
    expect(change).toMatchObject({ propertyName: 'email', propertyValue: expect.stringMatching(/@acme\.test$/), changeSource: 'INTEGRATION' });
    expect(sandbox.stats().webhooks).toMatchObject({ eventsDelivered: 240, pendingEvents: 0, failed: 0 });
  });

  it('retries a batch answered 500 with attemptNumber incremented and a fresh signature', async () => {
    await start();
    receiver.respondWith((n) => (n === 1 ? 500 : 200));
    sandbox.createContacts([{ properties: { email: 'retry@acme.test' } }]);
    await sandbox.flushWebhooks();
    expect(receiver.deliveries).toHaveLength(2);
    const [first, second] = receiver.deliveries;
    expect(first!.events.map((e) => e['attemptNumber'])).toEqual(first!.events.map(() => 0));
    expect(second!.events.map((e) => e['attemptNumber'])).toEqual(second!.events.map(() => 1));
    expect(second!.events.map((e) => e['eventId'])).toEqual(first!.events.map((e) => e['eventId']));
    const ts = String(second!.headers['x-hubspot-request-timestamp']);
    expect(second!.headers['x-hubspot-signature-v3']).toBe(createHmac('sha256', SECRET).update(`POST${receiver.url}${second!.raw}${ts}`).digest('base64'));
    expect(sandbox.stats().webhooks).toMatchObject({ sent: 2, failed: 1, retried: 1, gaveUp: 0, pendingEvents: 0 });
  });

  it('gives up after 10 retries and retries connection failures too', async () => {
    await start({ timeScale: 0.000001 });
    receiver.respondWith(() => 503);
    sandbox.createCompanies([{ name: 'Down Inc' }]);
    sandbox.createContacts([{ properties: { email: 'x@down.test' } }]);
    await sandbox.flushWebhooks();
    expect(receiver.deliveries).toHaveLength(11);
    expect(receiver.deliveries.map((d) => d.events[0]!['attemptNumber'])).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(sandbox.stats().webhooks).toMatchObject({ sent: 11, failed: 11, retried: 10, gaveUp: 1, pendingEvents: 0 });

    // connection refused: the batch waits for a retry, which reaches the new URL
    const closed = await startReceiver();
    await closed.close();
    sandbox.setWebhookUrl(closed.url);
    receiver.respondWith(() => 200);
    sandbox.createContacts([{ properties: { email: 'y@down.test' } }]);
    const flushed = sandbox.flushWebhooks();
    sandbox.setWebhookUrl(receiver.url);
    await flushed;
    const last = receiver.deliveries.at(-1)!;
    expect(last.events[0]).toMatchObject({ subscriptionType: 'contact.creation', attemptNumber: 1 });
  });

  it('treats a response slower than 5 s as a failure and retries', async () => {
    await start();
    receiver.respondWith(async (n) => { if (n === 1) await new Promise((r) => setTimeout(r, 5_300)); return 200; });
    sandbox.createContacts([{ properties: { email: 'slow@acme.test' } }]);
    await sandbox.flushWebhooks();
    expect(receiver.deliveries.map((d) => d.events[0]!['attemptNumber'])).toEqual([0, 1]);
    expect(sandbox.stats().webhooks).toMatchObject({ failed: 1, retried: 1, eventsDelivered: 2 }); // creation + email change
  }, 15_000);

  it('keeps at most maxConcurrentWebhooks requests in flight', async () => {
    await start({ maxConcurrentWebhooks: 2, subscriptions: { contactProperties: [] } });
    receiver.respondWith(async () => { await new Promise((r) => setTimeout(r, 40)); return 200; });
    sandbox.createContacts(Array.from({ length: 450 }, (_, i) => ({ properties: { email: `c${i}@acme.test` } })));
    await sandbox.flushWebhooks();
    expect(receiver.deliveries.map((d) => d.events.length)).toEqual([100, 100, 100, 100, 50]);
    expect(receiver.maxInFlight()).toBe(2);
  });

  it('labels API changes INTEGRATION/appId and simulated-user changes CRM_UI/userId, only for real changes', async () => {
    await start({ subscriptions: { contactProperties: ['jobtitle', 'firstname'] } });
    const [contact] = sandbox.createContacts([{ properties: { email: 'src@acme.test' } }]);
    await sandbox.flushWebhooks();
    const creation = receiver.events().find((e) => e['subscriptionType'] === 'contact.creation');
    const actingUser = sandbox.owners()[0]!.userId;
    expect(creation).toMatchObject({ changeSource: 'CRM_UI', sourceId: `userId:${actingUser}`, objectId: Number(contact!.id) });

    receiver.deliveries.length = 0;
    expect((await api('PATCH', `/crm/v3/objects/contacts/${contact!.id}`, { properties: { jobtitle: 'CTO' } })).status).toBe(200);
    sandbox.updateContact(contact!.id, { firstname: 'Grace' });
    sandbox.updateContact(contact!.id, { jobtitle: 'CTO' }); // same value: no event
    await sandbox.flushWebhooks();
    expect(receiver.events().map((e) => [e['propertyName'], e['propertyValue'], e['changeSource'], e['sourceId']])).toEqual([
      ['jobtitle', 'CTO', 'INTEGRATION', String(sandbox.appId)],
      ['firstname', 'Grace', 'CRM_UI', `userId:${actingUser}`],
    ]);
  });

  it('honours subscriptions: only subscribed properties and event types are delivered', async () => {
    await start({ subscriptions: { contactProperties: ['jobtitle'], companyProperties: ['numberofemployees'], eventTypes: ['contact.deletion'] } });
    const [company] = sandbox.createCompanies([{ name: 'Sub Co', numberofemployees: 10 }]);
    const [contact] = sandbox.createContacts([{ properties: { email: 'sub@acme.test', firstname: 'Ann', jobtitle: 'CEO' }, companyId: company!.id }]);
    await api('PATCH', `/crm/v3/objects/companies/${company!.id}`, { properties: { numberofemployees: '250', name: 'Renamed' } });
    await api('DELETE', `/crm/v3/objects/contacts/${contact!.id}`);
    await sandbox.flushWebhooks();
    expect(receiver.events().map((e) => [e['subscriptionType'], e['propertyName'] ?? null, e['propertyValue'] ?? null])).toEqual([
      ['company.propertyChange', 'numberofemployees', '10'],
      ['contact.propertyChange', 'jobtitle', 'CEO'],
      ['company.propertyChange', 'numberofemployees', '250'],
      ['contact.deletion', null, null],
    ]);
    const ids = new Set(receiver.events().filter((e) => e['subscriptionType'] === 'company.propertyChange').map((e) => e['subscriptionId']));
    expect(ids.size).toBe(1); // one subscription per property
  });

  it('emits association, engagement (object.creation), tracked-counter and merge events', async () => {
    await start({ subscriptions: { contactProperties: ['hs_email_open', 'hs_analytics_num_page_views'] } });
    const [company] = sandbox.createCompanies([{ name: 'Assoc Co' }]);
    const [a, b] = sandbox.createContacts([{ properties: { email: 'a@assoc.test' } }, { properties: { email: 'b@assoc.test' } }]);
    await sandbox.flushWebhooks();
    receiver.deliveries.length = 0;

    sandbox.associate(a!.id, company!.id);
    const call = sandbox.logEngagement({ contactId: a!.id, type: 'call', ownerId: sandbox.owners()[1]!.id, at: Date.UTC(2026, 10, 1) });
    sandbox.trackEvents(a!.id, [{ type: 'email_open', at: 1 }, { type: 'email_open', at: 2 }, { type: 'page_view', at: 3 }, { type: 'webinar', at: 4 }]);
    const merged = sandbox.mergeContacts(a!.id, b!.id);
    await sandbox.flushWebhooks();
    const summary = receiver.events().map((e) => [e['subscriptionType'], e['isPrimaryAssociation'] ?? e['propertyName'] ?? e['objectTypeId'] ?? null]);
    expect(summary).toEqual([
      ['contact.associationChange', false], ['company.associationChange', false],
      ['contact.associationChange', true], ['company.associationChange', true],
      ['object.creation', '0-48'],
      ['contact.propertyChange', 'hs_email_open'], ['contact.propertyChange', 'hs_analytics_num_page_views'],
      ['contact.merge', null],
    ]);
    const events = receiver.events();
    expect(events[0]).toMatchObject({ associationType: 'CONTACT_TO_COMPANY', fromObjectId: Number(a!.id), toObjectId: Number(company!.id), associationRemoved: false });
    expect(events[4]).toMatchObject({ objectId: Number(call.id), changeFlag: 'NEW' });
    expect(events[5]).toMatchObject({ propertyValue: '2' });
    expect(events[7]).toMatchObject({ primaryObjectId: Number(a!.id), mergedObjectIds: [Number(b!.id)], newObjectId: Number(merged.id) });
    expect(sandbox.getTrackedEvents(merged.id)?.map((e) => e.type)).toEqual(['email_open', 'email_open', 'page_view', 'webinar']);
    expect(sandbox.getContact(a!.id)?.id).toBe(merged.id); // old ids resolve to the merged record
    expect(sandbox.getContact(merged.id)?.primaryCompanyId).toBe(company!.id);
  });

  it('drops events while no webhook URL is configured and resolves idle()', async () => {
    await start({ webhookUrl: undefined as unknown as string });
    sandbox.createContacts([{ properties: { email: 'nowhere@acme.test' } }]);
    await sandbox.idle();
    expect(sandbox.stats().webhooks).toMatchObject({ dropped: expect.any(Number), sent: 0, pendingEvents: 0 });
    expect(sandbox.stats().webhooks.dropped).toBeGreaterThan(0);
  });
});
