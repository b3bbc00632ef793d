import { describe, expect, it } from '@jest/globals';
import nock from 'nock';
import { createPipedriveTokenManager } from '../../../../connectors/pipedrive/token-manager.ts';
import { API, COMPANY, fakeCipher, memoryInstallStore, TENANT } from '../../../unit/connectors/pipedrive/fixtures.ts';
import { useNock } from './nock-setup.ts';

useNock();

const OAUTH = 'https://oauth.pipedrive.com';
const tokens = (n: number, expiresIn = 3600) => ({
  access_token: `at-${n}`,
  refresh_token: `rt-${n}`,
  token_type: 'Bearer',
  scope: 'base,contacts:full',
  expires_in: expiresIn,
  api_domain: API,
});

function setup() {
  let now = Date.parse('2026-11-20T10:00:00Z');
  const store = memoryInstallStore();
  const manager = createPipedriveTokenManager({
    store,
    cipher: fakeCipher,
    clientId: 'client-1',
    clientSecret: 'secret-1',
    now: () => now,
    random: (n) => Buffer.alloc(n, 7),
  });
  return { store, manager, advance: (ms: number) => (now += ms) };
}

function installApi(n = 1) {
  nock(OAUTH).post('/oauth/token', (b) => b.grant_type === 'authorization_code').reply(200, tokens(n));
  nock(API).matchHeader('authorization', `Bearer at-${n}`).get('/v1/users/me').reply(200, { success: true, data: { id: 12094821, company_id: Number(COMPANY), company_domain: 'acme' } });
}

describe('install', () => {
  it('exchanges the code, finds the company and stores tokens encrypted with api_domain in meta', async () => {
    installApi();
    const { store, manager } = setup();
    const result = await manager.install({ code: 'c-1', redirectUri: 'https://lr.example/cb' });
    expect(result).toEqual({
      tenant: TENANT,
      companyId: COMPANY,
      userId: '12094821',
      apiDomain: API,
      webhook: { user: `lead-router-${COMPANY}`, password: Buffer.alloc(32, 7).toString('base64url') },
    });
    const record = store.records.get(TENANT)!;
    expect(record).toMatchObject({ crm: 'pipedrive', externalId: COMPANY, meta: { api_domain: API, installedBy: '12094821', companyDomain: 'acme', scope: 'base,contacts:full' } });
    expect(record.credentials).not.toContain('at-1');
    expect(JSON.parse(fakeCipher.decrypt(record.credentials, TENANT))).toMatchObject({ accessToken: 'at-1', refreshToken: 'rt-1', expiresAt: Date.parse('2026-11-20T11:00:00Z') });
    expect(await manager.apiDomain(COMPANY)).toBe(API);
    expect(await manager.webhookCredentials(COMPANY)).toEqual(result.webhook);
    expect(await manager.getAccessToken(COMPANY)).toBe('at-1'); // no refresh while fresh
  });

  it('a reinstall keeps the webhook credentials so existing subscriptions keep working', async () => {
    const { manager } = setup();
    installApi(1);
    const first = await manager.install({ code: 'c-1', redirectUri: 'x' });
    installApi(2);
    const second = await manager.install({ code: 'c-2', redirectUri: 'x' });
    expect(second.webhook).toEqual(first.webhook);
    expect(await manager.getAccessToken(COMPANY)).toBe('at-2');
  });
});

describe('refresh', () => {
  async function installed() {
    const s = setup();
    installApi();
    await s.manager.install({ code: 'c', redirectUri: 'x' });
    return s;
  }

  it('refreshes 5 minutes before expiry and persists the rotated refresh token', async () => {
    const { store, manager, advance } = await installed();
    advance(56 * 60_000);
    nock(OAUTH).post('/oauth/token', (b) => b.grant_type === 'refresh_token' && b.refresh_token === 'rt-1').reply(200, tokens(2));
    expect(await manager.getAccessToken(COMPANY)).toBe('at-2');
    const sealed = JSON.parse(fakeCipher.decrypt(store.records.get(TENANT)!.credentials, TENANT));
    expect(sealed).toMatchObject({ accessToken: 'at-2', refreshToken: 'rt-2', webhookUser: `lead-router-${COMPANY}` });
    expect(store.records.get(TENANT)!.meta).toMatchObject({ installedBy: '12094821' }); // meta kept
    advance(56 * 60_000);
    nock(OAUTH).post('/oauth/token', (b) => b.refresh_token === 'rt-2').reply(200, tokens(3));
    expect(await manager.getAccessToken(COMPANY)).toBe('at-3');
  });

  it('runs one refresh for concurrent callers (single flight per company)', async () => {
    const { manager, advance } = await installed();
    advance(58 * 60_000);
    nock(OAUTH).post('/oauth/token').delay(30).once().reply(200, tokens(2));
    const got = await Promise.all([manager.getAccessToken(COMPANY), manager.getAccessToken(COMPANY), manager.refresh(COMPANY), manager.getAccessToken(COMPANY)]);
    expect(got).toEqual(['at-2', 'at-2', 'at-2', 'at-2']);
  });

  it('a forced refresh (after a 401) refreshes a token that is not yet expiring', async () => {
    const { manager } = await installed();
    nock(OAUTH).post('/oauth/token').reply(200, tokens(2));
    expect(await manager.refresh(COMPANY)).toBe('at-2');
  });

  it('uses a token another instance already refreshed instead of refreshing again', async () => {
    const { store, manager } = await installed();
    const record = store.records.get(TENANT)!;
    const sealed = JSON.parse(fakeCipher.decrypt(record.credentials, TENANT));
    store.records.set(TENANT, { ...record, credentials: fakeCipher.encrypt(JSON.stringify({ ...sealed, accessToken: 'at-other', refreshToken: 'rt-other' }), TENANT) });
    expect(await manager.refresh(COMPANY)).toBe('at-other'); // no token endpoint interceptor: no call made
  });

  it('a refused refresh says to reinstall', async () => {
    const { manager, advance } = await installed();
    advance(60 * 60_000);
    nock(OAUTH).post('/oauth/token').reply(400, { success: false, error: 'invalid_grant' });
    await expect(manager.getAccessToken(COMPANY)).rejects.toMatchObject({ crmStatus: 401, retryable: false, message: expect.stringMatching(/reinstall the app/) });
  });

  it('an unknown company is not installed', async () => {
    const { manager } = setup();
    await expect(manager.getAccessToken('1')).rejects.toThrow('Pipedrive company 1 is not installed');
    expect(await manager.webhookCredentials('1')).toBeNull();
    expect(await manager.apiDomain('1')).toBeNull();
  });

  it('credentials stored for another tenant do not decrypt (blob bound to its install)', async () => {
    const { store, manager } = await installed();
    const record = store.records.get(TENANT)!;
    store.records.set('pipedrive:1', { ...record, tenant: 'pipedrive:1', externalId: '1' });
    await expect(manager.webhookCredentials('1')).rejects.toThrow(/Cannot read the stored Pipedrive credentials of company 1/);
  });
});
