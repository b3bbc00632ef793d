// The HubSpot connector against the HubSpot sandbox (a local emulator of the API and of signed
// webhooks): the same client code that talks to api.hubapi.com, end to end over real HTTP.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { createHubspotSandbox, type HubspotSandbox } from '../../../../connectors/hubspot/sandbox/index.ts';
import { createHubspotConnector } from '../../../../connectors/hubspot/connector.ts';
import { buildInstallUrl, HUBSPOT_SCOPES } from '../../../../connectors/hubspot/oauth.ts';
import { createHubspotTokenManager } from '../../../../connectors/hubspot/token-manager.ts';
import { createTokenCipher } from '../../../../src/crypto/token-cipher.ts';
import { randomBytes } from 'node:crypto';
import type { CrmConnector, CrmTenantClient, ParsedDelivery } from '../../../../src/crm/types.ts';
import { asStore, memoryInstallStore, recordingScheduler, testConfig } from '../../../unit/connectors/hubspot/fixtures.ts';

const SECRET = 'roundtrip-secret';

describe('HubSpot connector against the sandbox', () => {
  let sandbox: HubspotSandbox;
  let connector: CrmConnector;
  let client: CrmTenantClient;
  let receiver: Server;
  const received: { ok: boolean; error?: string; parsed?: ParsedDelivery }[] = [];

  beforeAll(async () => {
    sandbox = createHubspotSandbox({
      clientSecret: SECRET,
      owners: [{ email: 'ana@example.com', firstName: 'Ana' }, { email: 'bo@example.com' }],
      // Misconfigured on purpose: subscribed to properties lead-router itself writes (checklist 4).
      subscriptions: { contactProperties: ['jobtitle', 'hs_email_open', 'hubspot_owner_id', 'lead_router_score'] },
    });
    const { url } = await sandbox.listen();
    connector = createHubspotConnector({
      clientSecret: SECRET,
      appId: String(sandbox.appId),
      config: testConfig(),
      apiBaseUrl: url,
      auth: { mode: 'private', accessToken: sandbox.privateAppToken, portalId: String(sandbox.portalId) },
      schedulers: { get: (tenant) => recordingScheduler(tenant) },
      store: asStore(memoryInstallStore()),
    });
    client = (await connector.client(`hubspot:${sandbox.portalId}`))!;

    // A webhook receiver that does what the server route does: verify, then parse.
    const app = express();
    app.post('/webhooks/hubspot', express.raw({ type: '*/*' }), async (req, res) => {
      const port = (receiver.address() as AddressInfo).port;
      const delivery = { method: req.method, url: `http://127.0.0.1:${port}${req.originalUrl}`, headers: req.headers, body: req.body as Buffer, receivedAt: Date.now() };
      try {
        received.push({ ok: true, parsed: await connector.parse(await connector.verify(delivery)) });
        res.status(204).end();
      } catch (e) {
        received.push({ ok: false, error: (e as Error).message });
        res.status(401).end();
      }
    });
    receiver = app.listen(0, '127.0.0.1');
    await new Promise<void>((resolve) => receiver.once('listening', () => resolve()));
    sandbox.setWebhookUrl(`http://127.0.0.1:${(receiver.address() as AddressInfo).port}/webhooks/hubspot`);
  });

  afterAll(async () => {
    await sandbox.close();
    await new Promise<void>((resolve) => receiver.close(() => resolve()));
  });

  it('sets up properties idempotently, reads, writes, and sees only foreign changes as events', async () => {
    await client.ensureProperties();
    await client.ensureProperties();

    const owners = await client.listOwners();
    expect(owners.map((o) => o.email)).toEqual(['ana@example.com', 'bo@example.com']);
    expect(owners.map((o) => o.id)).toEqual(sandbox.owners().map((o) => o.id));
    const [ana, bo] = owners as [(typeof owners)[0], (typeof owners)[0]];

    const [company] = sandbox.createCompanies([{ name: 'Acme', industry: 'Software', numberofemployees: '250', hubspot_owner_id: bo.id }]);
    const [contact] = sandbox.createContacts([{ properties: { email: 'cfo@acme.test', jobtitle: 'CFO', hs_email_open: '4' }, companyId: company!.id }]);

    const before = (await client.readLeads([contact!.id, '999999'])).get(contact!.id);
    expect(before).toMatchObject({
      id: contact!.id,
      fields: { job_title: 'CFO', industry: 'Software', employees: 250, opens: 4 },
      ownerId: null,
      companyId: company!.id,
      companyOwnerId: bo.id,
      written: {},
    });
    expect(typeof before?.createdAt).toBe('number');

    const results = await client.writeLeads([{ id: contact!.id, ownerId: ana.id, values: { score: 81, priority: 'Hot', grade: 'A1' } }]);
    expect(results).toEqual([{ id: contact!.id, ok: true }]);
    const after = (await client.readLeads([contact!.id])).get(contact!.id);
    expect(after).toMatchObject({ ownerId: ana.id, written: { score: '81', priority: 'Hot', grade: 'A1' } });

    expect(await client.companyLeadIds([company!.id])).toEqual([contact!.id]);
    const page = await client.listLeadIds({ cursor: null, limit: 10 });
    expect(page.ids).toContain(contact!.id);

    await sandbox.flushWebhooks();
    await sandbox.idle();
    expect(received.length).toBeGreaterThan(0);
    expect(received.filter((r) => !r.ok)).toEqual([]);
    const accepted = received.flatMap((r) => r.parsed!.events);
    const props = (kind: string) =>
      accepted.filter((e) => e.objectId === contact!.id && e.kind === kind).map((e) => (e.payload as { propertyName?: string }).propertyName);
    expect(props('contact.creation')).toHaveLength(1);
    // The user's values are work; our own writes (owner, score) never come back as work.
    expect(props('contact.propertyChange').sort()).toEqual(['hs_email_open', 'jobtitle']);
    const ignored = received.flatMap((r) => r.parsed!.ignored);
    expect(ignored.filter((i) => i.reason === 'echo').reduce((n, i) => n + i.count, 0)).toBe(2);
  });

  it('a call a rep logs arrives as engagement.call.creation and resolves to its contact', async () => {
    const [contact] = sandbox.createContacts([{ properties: { email: 'callme@acme.test' } }]);
    received.length = 0;
    const call = sandbox.logEngagement({ contactId: contact!.id, type: 'call', at: Date.now(), body: 'intro call' });
    await sandbox.flushWebhooks();
    await sandbox.idle();
    const events = received.flatMap((r) => r.parsed?.events ?? []);
    expect(events.filter((e) => e.kind === 'engagement.call.creation').map((e) => e.objectId)).toEqual([call.id]);
    expect(await client.engagementLeadIds!('call', [call.id])).toEqual(new Map([[call.id, [contact!.id]]]));
  });

  it('a 207 from the sandbox fails only the bad row', async () => {
    const [contact] = sandbox.createContacts([{ properties: { email: 'x@acme.test' } }]);
    const owner = sandbox.owners()[0]!;
    const results = await client.writeLeads([
      { id: contact!.id, values: { score: 10 } },
      { id: '424242', values: { score: 5 } },
      { id: contact!.id, ownerId: String(owner.userId), values: {} },
    ]);
    // The duplicate id was merged into one row; a userId is not an owner id.
    expect(results).toEqual([
      { id: contact!.id, ok: false, retryable: false, error: expect.stringMatching(/VALIDATION_ERROR/) },
      { id: '424242', ok: false, retryable: false, error: expect.stringMatching(/OBJECT_NOT_FOUND/) },
    ]);
  });
});

describe('HubSpot OAuth install against the sandbox', () => {
  it('authorize -> code -> install -> API calls -> refresh, tokens stored encrypted', async () => {
    const sandbox = createHubspotSandbox({ clientSecret: SECRET, clientId: 'sandbox-client' });
    const { url } = await sandbox.listen();
    try {
      const redirectUri = 'https://leads.example.com/oauth/hubspot/callback';
      const authorize = buildInstallUrl({ clientId: 'sandbox-client', redirectUri, scopes: HUBSPOT_SCOPES, state: 'st-1', authBase: url });
      const consent = await fetch(authorize, { redirect: 'manual' });
      expect(consent.status).toBe(302);
      const back = new URL(consent.headers.get('location')!);
      expect(back.searchParams.get('state')).toBe('st-1');

      const store = memoryInstallStore();
      const clock = { t: Date.now() };
      const tokens = createHubspotTokenManager({
        store, cipher: createTokenCipher(randomBytes(32).toString('base64')), clientId: 'sandbox-client', clientSecret: SECRET,
        apiBase: url, now: () => clock.t,
      });
      const installed = await tokens.install(back.searchParams.get('code')!, redirectUri);
      expect(installed.portalId).toBe(String(sandbox.portalId));

      const connector = createHubspotConnector({
        clientSecret: SECRET, config: testConfig(), apiBaseUrl: url, auth: { mode: 'oauth', tokens },
        schedulers: { get: (tenant) => recordingScheduler(tenant) }, store: asStore(store), now: () => clock.t,
      });
      const client = (await connector.client(installed.tenant))!;
      expect((await client.listOwners()).length).toBeGreaterThan(0);

      const first = await tokens.getAccessToken(installed.portalId);
      clock.t += 26 * 60_000; // inside the 5-minute refresh margin of a 30-minute token
      const second = await tokens.getAccessToken(installed.portalId);
      expect(second).not.toBe(first);
      expect((await client.listOwners()).length).toBeGreaterThan(0);
      expect(JSON.stringify([...store.installs.values()])).not.toContain(second);

      // Backfill since a time: the search API.
      const [c] = sandbox.createContacts([{ properties: { email: 'new@acme.test' } }]);
      const page = await client.listLeadIds({ cursor: null, since: Date.now() - 60_000, limit: 50 });
      expect(page.ids).toContain(c!.id);
    } finally {
      await sandbox.close();
    }
  });
});
