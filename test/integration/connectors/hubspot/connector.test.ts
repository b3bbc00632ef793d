import { describe, it, expect } from '@jest/globals';
import nock from 'nock';
import { randomBytes } from 'node:crypto';
import { createHubspotConnector, type HubspotAuth } from '../../../../connectors/hubspot/connector.ts';
import { createHubspotTokenManager } from '../../../../connectors/hubspot/token-manager.ts';
import { hubspotV3Headers, signHubspotV1 } from '../../../../connectors/hubspot/signature.ts';
import type { RawDelivery, VerifiedDelivery } from '../../../../src/crm/types.ts';
import { createTokenCipher } from '../../../../src/crypto/token-cipher.ts';
import { AuthError, PayloadError } from '../../../../src/errors.ts';
import { API, PORTAL, SECRET, TENANT, asStore, memoryInstallStore, recordingScheduler, testConfig } from '../../../unit/connectors/hubspot/fixtures.ts';
import { useNock } from './nock-setup.ts';

useNock();

const NOW = Date.UTC(2026, 10, 23, 12, 0, 0);
const PUBLIC_URL = 'https://leads.example.com/webhooks/hubspot';

function event(portalId: number, over: Record<string, unknown> = {}) {
  return { eventId: 1, subscriptionId: 1, portalId, appId: 54321, occurredAt: NOW - 1000, subscriptionType: 'contact.creation', attemptNumber: 0, objectId: 123, changeSource: 'CRM', ...over };
}

function delivery(events: unknown[], opts: { sign?: boolean; url?: string; ts?: number } = {}): RawDelivery {
  const body = Buffer.from(JSON.stringify(events), 'utf8');
  const headers = opts.sign === false ? {} : hubspotV3Headers({ method: 'POST', url: PUBLIC_URL, body, clientSecret: SECRET, timestamp: opts.ts ?? NOW });
  return { method: 'POST', url: opts.url ?? PUBLIC_URL, headers: { 'content-type': 'application/json', ...headers }, body, receivedAt: NOW };
}

function setup(mode: 'oauth' | 'private' = 'oauth', privatePortal?: string, allowLegacySignatures?: boolean) {
  const store = memoryInstallStore();
  const cipher = createTokenCipher(randomBytes(32).toString('base64'));
  const tokens = createHubspotTokenManager({ store, cipher, clientId: 'cid', clientSecret: SECRET, apiBase: API, now: () => NOW });
  const auth: HubspotAuth =
    mode === 'oauth' ? { mode, tokens } : { mode, accessToken: 'pat-na1-private', ...(privatePortal ? { portalId: privatePortal } : {}) };
  const schedulers = new Map<string, ReturnType<typeof recordingScheduler>>();
  const connector = createHubspotConnector({
    clientSecret: SECRET,
    ...(allowLegacySignatures !== undefined ? { allowLegacySignatures } : {}),
    appId: '54321',
    config: testConfig(),
    apiBaseUrl: API,
    auth,
    schedulers: {
      get(tenant: string) {
        if (!schedulers.has(tenant)) schedulers.set(tenant, recordingScheduler(tenant));
        return schedulers.get(tenant)!;
      },
    },
    store: asStore(store),
    now: () => NOW,
  });
  return { connector, store, cipher, schedulers };
}

async function install(s: ReturnType<typeof setup>, portalId = PORTAL) {
  await s.store.saveInstall({
    tenant: `hubspot:${portalId}`,
    crm: 'hubspot',
    externalId: portalId,
    credentials: s.cipher.encrypt(JSON.stringify({ accessToken: 'oauth-access', refreshToken: 'r', expiresAt: NOW + 1_800_000 }), `hubspot:${portalId}`),
    meta: {},
    installedAt: NOW,
    updatedAt: NOW,
  });
}

/** A delivery as the route hands it to parse() once verify() passed (parse tests skip signing). */
const verified = (d: RawDelivery): VerifiedDelivery => ({ ...d, tenant: null });

describe('verify', () => {
  it('accepts a v3 delivery signed over the public URL', async () => {
    const { connector } = setup();
    await expect(connector.verify(delivery([event(62515)]))).resolves.toMatchObject({ tenant: null }); // the events name the portal
    expect(connector.crm).toBe('hubspot');
  });

  it('rejects unsigned, tampered, stale and wrong-URL deliveries with AuthError', async () => {
    const { connector } = setup();
    await expect(connector.verify(delivery([event(62515)], { sign: false }))).rejects.toBeInstanceOf(AuthError);
    const tampered = delivery([event(62515)]);
    tampered.body = Buffer.from(tampered.body.toString('utf8').replace('123', '124'));
    await expect(connector.verify(tampered)).rejects.toThrow(/signature mismatch/);
    await expect(connector.verify(delivery([event(62515)], { ts: NOW - 301_000 }))).rejects.toThrow(/stale/);
    // Verified against the internal URL a proxy forwarded to: not what HubSpot signed.
    await expect(connector.verify(delivery([event(62515)], { url: 'http://10.0.0.5:3000/webhooks/hubspot' }))).rejects.toBeInstanceOf(AuthError);
  });

  function v1Delivery(): RawDelivery {
    const d = delivery([event(62515)], { sign: false });
    d.headers['x-hubspot-signature'] = signHubspotV1({ body: d.body, clientSecret: SECRET });
    d.headers['x-hubspot-signature-version'] = 'v1';
    return d;
  }

  it('rejects a correctly signed legacy v1 delivery by default (no timestamp: replayable)', async () => {
    const { connector } = setup();
    const d = v1Delivery();
    expect(connector.precheck?.(d.headers, NOW)).toEqual({ reason: expect.stringMatching(/only v3.*HUBSPOT_ALLOW_LEGACY_SIGNATURES/) });
    await expect(connector.verify(d)).rejects.toThrow(/only v3 signatures are accepted/);
  });

  it('accepts a legacy v1 delivery when the operator opted in and no v3 headers are present', async () => {
    const { connector } = setup('oauth', undefined, true);
    const d = v1Delivery();
    expect(connector.precheck?.(d.headers, NOW)).toBeNull();
    await expect(connector.verify(d)).resolves.toMatchObject({ tenant: null });
  });
});

describe('parse', () => {
  it('OAuth: events for portals without an install are acknowledged as not_installed', async () => {
    const s = setup('oauth');
    await install(s);
    const parsed = await s.connector.parse(verified(delivery([event(62515), event(1), event(1, { subscriptionType: 'contact.deletion' }), event(62515, { eventId: 2 })])));
    expect(parsed.events.map((e) => e.tenant)).toEqual([TENANT, TENANT]);
    expect(parsed.ignored).toEqual([
      { reason: 'not_installed', kind: 'contact.creation', count: 1 },
      { reason: 'not_installed', kind: 'contact.deletion', count: 1 },
    ]);
  });

  it('applies the echo guard with the configured app id', async () => {
    const s = setup('oauth');
    await install(s);
    const parsed = await s.connector.parse(verified(delivery([event(62515, { changeSource: 'INTEGRATION', sourceId: '54321' })])));
    expect(parsed.events).toEqual([]);
    expect(parsed.ignored).toEqual([{ reason: 'echo', kind: 'contact.creation', count: 1 }]);
  });

  it('private without a configured portal: refuses (retryably) until the token portal is learned, then only that portal', async () => {
    const s = setup('private');
    // Before learning: no network I/O in parse, and nothing accepted for a portal we cannot check.
    await expect(s.connector.parse(verified(delivery([event(62515), event(2)])))).rejects.toMatchObject({ status: 503, code: 'NOT_READY' });
    const info = nock(API)
      .post('/oauth/v2/private-apps/get/access-token-info', { tokenKey: 'pat-na1-private' })
      .reply(200, { userId: 7, hubId: 62515, appId: 54321, scopes: ['crm.objects.contacts.read'] });
    expect(await s.connector.portalId()).toBe(PORTAL);
    expect(await s.connector.portalId()).toBe(PORTAL); // learned once
    expect(info.isDone()).toBe(true);
    const learned = await s.connector.parse(verified(delivery([event(62515), event(2)])));
    expect(learned.events.map((e) => e.tenant)).toEqual([TENANT]);
    expect(learned.ignored).toEqual([{ reason: 'unknown_portal', kind: 'contact.creation', count: 1 }]);
    expect(await s.connector.client('hubspot:2')).toBeNull();
  });

  it('private with a configured portal: only that portal', async () => {
    const parsed = await setup('private', PORTAL).connector.parse(verified(delivery([event(62515), event(2)])));
    expect(parsed.events.map((e) => e.tenant)).toEqual([TENANT]);
    expect(parsed.ignored).toEqual([{ reason: 'unknown_portal', kind: 'contact.creation', count: 1 }]);
  });

  it('malformed bodies throw PayloadError', async () => {
    const s = setup('private');
    const d = delivery([]);
    d.body = Buffer.from('{"not":"an array"}');
    await expect(s.connector.parse(verified(d))).rejects.toBeInstanceOf(PayloadError);
  });
});

describe('client', () => {
  it('OAuth: null for uninstalled or foreign tenants; a cached client using the portal token otherwise', async () => {
    const s = setup('oauth');
    expect(await s.connector.client(TENANT)).toBeNull();
    expect(await s.connector.client('pipedrive:1')).toBeNull();
    await install(s);
    const client = await s.connector.client(TENANT);
    expect(client?.tenant).toBe(TENANT);
    expect(await s.connector.client(TENANT)).toBe(client);
    nock(API)
      .matchHeader('authorization', 'Bearer oauth-access')
      .get('/crm/v3/owners')
      .query(true)
      .reply(200, { results: [{ id: '1', email: 'a@x.com', archived: false }] });
    expect(await client!.listOwners()).toEqual([{ id: '1', email: 'a@x.com', active: true }]);
    expect(s.schedulers.get(TENANT)?.lanes).toEqual(['default']);
  });

  it('private: uses the static token; other portals are refused when one is configured', async () => {
    const s = setup('private', PORTAL);
    expect(await s.connector.client('hubspot:1')).toBeNull();
    const client = await s.connector.client(TENANT);
    nock(API)
      .matchHeader('authorization', 'Bearer pat-na1-private')
      .get('/crm/v3/owners')
      .query(true)
      .reply(200, { results: [] });
    expect(await client!.listOwners()).toEqual([]);
  });
});
