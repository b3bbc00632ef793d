import { describe, expect, it } from '@jest/globals';
import nock from 'nock';
import { basicAuthHeader } from '../../../../connectors/pipedrive/basic-auth.ts';
import { createPipedriveConnector } from '../../../../connectors/pipedrive/connector.ts';
import { createPipedriveTokenManager } from '../../../../connectors/pipedrive/token-manager.ts';
import type { RawDelivery } from '../../../../src/crm/types.ts';
import { AuthError } from '../../../../src/errors.ts';
import { API, COMPANY, fakeCipher, H, memoryInstallStore, OWN_FIELDS, PERSON_FIELDS, recordingScheduler, TENANT, testConfig } from '../../../unit/connectors/pipedrive/fixtures.ts';
import { useNock } from './nock-setup.ts';

useNock();

const OTHER = '4242';
const schedulers = { get: (tenant: string) => recordingScheduler(tenant) };

function v2Body(companyId = COMPANY, meta: Record<string, unknown> = {}, previous: Record<string, unknown> = { name: 'Ann' }) {
  return {
    meta: { action: 'change', entity: 'person', entity_id: '8', id: `evt-${companyId}`, company_id: companyId, timestamp: '2026-11-20T10:00:00Z', version: '2.0', change_source: 'app', ...meta },
    data: { id: 8, name: 'Ann Smith' },
    previous,
  };
}

function delivery(body: unknown, authorization?: string): RawDelivery {
  return {
    method: 'POST',
    url: 'https://lr.example/webhooks/pipedrive',
    headers: authorization === undefined ? {} : { authorization },
    body: Buffer.from(JSON.stringify(body)),
    receivedAt: Date.parse('2026-11-20T10:00:01Z'),
  };
}

describe('api_token mode (single company)', () => {
  const base = { mode: 'api_token' as const, token: 't0k', apiBase: API, webhookUser: 'hook', webhookPassword: 'hook-pw', config: testConfig(), schedulers };
  const auth = basicAuthHeader('hook', 'hook-pw');

  it('authenticates with the configured webhook credentials', async () => {
    const c = createPipedriveConnector({ ...base, companyId: COMPANY });
    await expect(c.verify(delivery(v2Body(), auth))).resolves.toMatchObject({ tenant: null });
    await expect(c.verify(delivery(v2Body(), basicAuthHeader('hook', 'guess')))).rejects.toBeInstanceOf(AuthError);
    await expect(c.verify(delivery(v2Body()))).rejects.toThrow(/Missing Authorization/);
  });

  it('parses events of its company and ignores other companies as not_installed', async () => {
    const c = createPipedriveConnector({ ...base, companyId: COMPANY });
    const ours = await c.parse(await c.verify(delivery(v2Body(), auth)));
    expect(ours.events).toHaveLength(1);
    expect(ours.events[0]).toMatchObject({ tenant: TENANT, kind: 'person.change', dedupeKey: `evt-${COMPANY}` });
    expect(await c.parse(await c.verify(delivery(v2Body(OTHER), auth)))).toEqual({ events: [], ignored: [{ reason: 'not_installed', kind: 'person.change', count: 1 }] });
    expect(await c.client(`pipedrive:${OTHER}`)).toBeNull();
    expect(await c.client('hubspot:1')).toBeNull();
  });

  it('learns its company from /v1/users/me when not configured (once), never while a webhook waits', async () => {
    const c = createPipedriveConnector(base);
    // No HTTP mock yet: verify + parse must not call Pipedrive; the credentials vouch for the event.
    expect((await c.parse(await c.verify(delivery(v2Body(OTHER), auth)))).events).toHaveLength(1);
    nock(API).matchHeader('x-api-token', 't0k').get('/v1/users/me').once().reply(200, { success: true, data: { id: 1, company_id: Number(COMPANY) } });
    expect(await c.client(TENANT)).not.toBeNull(); // the pipeline's first call learns the company
    expect(await c.companyId()).toBe(COMPANY);
    expect((await c.parse(await c.verify(delivery(v2Body(), auth)))).events).toHaveLength(1);
    expect((await c.parse(await c.verify(delivery(v2Body(OTHER), auth)))).ignored).toEqual([{ reason: 'not_installed', kind: 'person.change', count: 1 }]);
  });

  it('caches one client per tenant and rebuilds it when the config changes', async () => {
    let config = testConfig();
    const c = createPipedriveConnector({ ...base, companyId: COMPANY, config: () => config });
    const first = await c.client(TENANT);
    expect(await c.client(TENANT)).toBe(first);
    config = testConfig({ industry: 'Industry' });
    expect(await c.client(TENANT)).not.toBe(first);
  });

  it('drops echoes of its own writes once the field hashes are known', async () => {
    nock(API).get('/api/v2/personFields').query(true).reply(200, { success: true, data: [...PERSON_FIELDS, ...OWN_FIELDS] });
    const c = createPipedriveConnector({ ...base, companyId: COMPANY });
    const echo = v2Body(COMPANY, { change_source: 'api' }, { owner_id: 3, custom_fields: { [H.score]: { type: 'double', value: 10 } } });
    expect((await c.parse(await c.verify(delivery(echo, auth)))).events).toHaveLength(1); // hashes not known yet: processed (and found unchanged later)
    await (await c.client(TENANT))!.ensureProperties();
    expect(await c.parse(await c.verify(delivery(echo, auth)))).toEqual({ events: [], ignored: [{ reason: 'echo', kind: 'person.change', count: 1 }] });
  });
});

describe('oauth mode (per-install credentials)', () => {
  async function setup() {
    const store = memoryInstallStore();
    const tokens = createPipedriveTokenManager({ store, cipher: fakeCipher, clientId: 'client-1', clientSecret: 'secret-1' });
    const seal = (companyId: string, password: string) =>
      fakeCipher.encrypt(
        JSON.stringify({ accessToken: `at-${companyId}`, refreshToken: 'rt', expiresAt: Date.now() + 3600_000, webhookUser: `lead-router-${companyId}`, webhookPassword: password }),
        `pipedrive:${companyId}`,
      );
    for (const [id, pw] of [
      [COMPANY, 'pw-acme'],
      [OTHER, 'pw-other'],
    ] as const) {
      await store.saveInstall({ tenant: `pipedrive:${id}`, crm: 'pipedrive', externalId: id, credentials: seal(id, pw), meta: { api_domain: API }, installedAt: 1, updatedAt: 1 });
    }
    const connector = createPipedriveConnector({ mode: 'oauth', tokens, store, config: testConfig(), schedulers });
    return { store, connector };
  }
  const acme = basicAuthHeader(`lead-router-${COMPANY}`, 'pw-acme');

  it('authenticates a delivery with its install\'s credentials', async () => {
    const { connector } = await setup();
    await expect(connector.verify(delivery(v2Body(), acme))).resolves.toMatchObject({ tenant: TENANT });
    expect((await connector.parse(await connector.verify(delivery(v2Body(), acme)))).events).toHaveLength(1);
  });

  it.each([
    ['another install\'s password', basicAuthHeader(`lead-router-${COMPANY}`, 'pw-other'), /do not match/],
    ['a user lead-router did not issue', basicAuthHeader('admin', 'pw-acme'), /not issued by lead-router/],
    ['a company that is not installed', basicAuthHeader('lead-router-999', 'pw'), /company 999 is not installed/],
    ['malformed credentials', 'Basic %%%', /not valid base64/],
  ])('rejects %s', async (_what, header, message) => {
    const { connector } = await setup();
    await expect(connector.verify(delivery(v2Body(), header))).rejects.toThrow(message);
  });

  it('rejects another company\'s (valid) credentials used for this company\'s events', async () => {
    const { connector } = await setup();
    const other = basicAuthHeader(`lead-router-${OTHER}`, 'pw-other');
    const d = delivery(v2Body(COMPANY), other);
    const verified = await connector.verify(d);
    expect(verified.tenant).toBe(`pipedrive:${OTHER}`); // valid for company OTHER...
    await expect(connector.parse(verified)).rejects.toThrow(new AuthError(`Pipedrive webhook credentials of another company were used for company ${COMPANY}`));
  });

  it('ignores events of a company uninstalled meanwhile as not_installed', async () => {
    const { connector, store } = await setup();
    const d = delivery(v2Body(), acme);
    const verified = await connector.verify(d);
    await store.deleteTenant(TENANT);
    expect(await connector.parse(verified)).toEqual({ events: [], ignored: [{ reason: 'not_installed', kind: 'person.change', count: 1 }] });
    expect(await connector.client(TENANT)).toBeNull();
  });

  it('uses the install\'s api_domain and Bearer token, and persists field codes for the echo guard', async () => {
    const { connector, store } = await setup();
    nock(API).matchHeader('authorization', `Bearer at-${COMPANY}`).get('/api/v2/personFields').query(true).reply(200, { success: true, data: [...PERSON_FIELDS, ...OWN_FIELDS] });
    await (await connector.client(TENANT))!.ensureProperties();
    expect(store.records.get(TENANT)!.meta.fieldCodes).toEqual({ score: H.score, fit: H.fit, engagement: H.engagement, priority: H.priority, grade: H.grade, reasons: H.reasons });

    connector.forget(TENANT); // e.g. after a restart: only the stored codes are known
    const echo = v2Body(COMPANY, { change_source: 'api' }, { owner_id: 3, update_time: 'x', custom_fields: { [H.priority]: { type: 'enum', id: 41 } } });
    expect((await connector.parse(await connector.verify(delivery(echo, acme)))).ignored).toEqual([{ reason: 'echo', kind: 'person.change', count: 1 }]);
  });

  it('rejects malformed bodies with a PayloadError after authentication', async () => {
    const { connector } = await setup();
    const d = { ...delivery({}, acme), body: Buffer.from('not json') };
    await expect(connector.parse(await connector.verify(d))).rejects.toThrow(/not valid JSON/);
  });
});
