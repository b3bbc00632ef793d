import { describe, it, expect } from '@jest/globals';
import nock from 'nock';
import { randomBytes } from 'node:crypto';
import { exchangeCode, refreshAccessToken } from '../../../../connectors/hubspot/oauth.ts';
import { createHubspotTokenManager } from '../../../../connectors/hubspot/token-manager.ts';
import { createTokenCipher } from '../../../../src/crypto/token-cipher.ts';
import { CrmError } from '../../../../src/errors.ts';
import { API, PORTAL, TENANT, memoryInstallStore } from '../../../unit/connectors/hubspot/fixtures.ts';
import { useNock } from './nock-setup.ts';

useNock();

const T0 = Date.UTC(2026, 10, 23, 12, 0, 0);
const base = { apiBase: API, clientId: 'client-id', clientSecret: 'client-secret' };

/** Capture a form-encoded token request; fail the match when anything is in the query. */
function tokenRequest(seen: URLSearchParams[]) {
  return (body: Record<string, string> | string) => {
    seen.push(new URLSearchParams(typeof body === 'string' ? body : (body as Record<string, string>)));
    return true;
  };
}

function manager(store = memoryInstallStore(), clock = { t: T0 }) {
  const cipher = createTokenCipher(randomBytes(32).toString('base64'));
  const tokens = createHubspotTokenManager({ store, cipher, ...base, now: () => clock.t });
  return { tokens, store, cipher, clock };
}

async function seedInstall(m: ReturnType<typeof manager>, expiresAt: number) {
  await m.store.saveInstall({
    tenant: TENANT,
    crm: 'hubspot',
    externalId: PORTAL,
    credentials: m.cipher.encrypt(JSON.stringify({ accessToken: 'old-access', refreshToken: 'refresh-1', expiresAt }), TENANT),
    meta: { scopes: ['oauth'] },
    installedAt: T0 - 86_400_000,
    updatedAt: T0 - 86_400_000,
  });
}

describe('token endpoint (POST /oauth/v3/token, body params only)', () => {
  it('exchangeCode sends the code in the form body and reads expires_in', async () => {
    const seen: URLSearchParams[] = [];
    nock(API)
      .matchHeader('content-type', /application\/x-www-form-urlencoded/)
      .post('/oauth/v3/token', tokenRequest(seen))
      .reply(200, { token_type: 'bearer', access_token: 'access-1', refresh_token: 'refresh-1', expires_in: 1800, hub_id: 62515, scopes: ['oauth'] });
    const tokens = await exchangeCode({ ...base, code: 'code-1', redirectUri: 'https://app.example.com/cb', now: T0 });
    expect(Object.fromEntries(seen[0]!)).toEqual({
      grant_type: 'authorization_code',
      code: 'code-1',
      redirect_uri: 'https://app.example.com/cb',
      client_id: 'client-id',
      client_secret: 'client-secret',
    });
    expect(tokens).toEqual({ accessToken: 'access-1', refreshToken: 'refresh-1', expiresAt: T0 + 1_800_000, hubId: '62515', scopes: ['oauth'] });
  });

  it('refreshAccessToken sends the refresh token in the body; keeps it when none is returned', async () => {
    const seen: URLSearchParams[] = [];
    nock(API).post('/oauth/v3/token', tokenRequest(seen)).reply(200, { access_token: 'access-2', expires_in: 1800 });
    const tokens = await refreshAccessToken({ ...base, refreshToken: 'refresh-1', now: T0 });
    expect(Object.fromEntries(seen[0]!)).toEqual({
      grant_type: 'refresh_token', refresh_token: 'refresh-1', client_id: 'client-id', client_secret: 'client-secret',
    });
    expect(tokens).toEqual({ accessToken: 'access-2', refreshToken: 'refresh-1', expiresAt: T0 + 1_800_000 });
  });

  it('a refused refresh is a non-retryable CrmError; a 503 is retryable', async () => {
    nock(API).post('/oauth/v3/token').reply(400, { status: 'BAD_REFRESH_TOKEN', message: 'missing or unknown refresh token' });
    await expect(refreshAccessToken({ ...base, refreshToken: 'x', now: T0 })).rejects.toMatchObject({ retryable: false, crmStatus: 400 });
    nock(API).post('/oauth/v3/token').reply(503, 'unavailable');
    await expect(refreshAccessToken({ ...base, refreshToken: 'x', now: T0 })).rejects.toMatchObject({ retryable: true, crmStatus: 503 });
  });
});

describe('createHubspotTokenManager', () => {
  it('install: stores the tokens encrypted per portal (never in clear)', async () => {
    const m = manager();
    nock(API)
      .post('/oauth/v3/token')
      .reply(200, { access_token: 'access-SECRET-1', refresh_token: 'refresh-SECRET-1', expires_in: 1800, hub_id: 62515, scopes: ['oauth', 'crm.objects.contacts.read'] });
    const result = await m.tokens.install('code-1', 'https://app.example.com/cb');
    expect(result).toEqual({ tenant: TENANT, portalId: PORTAL, scopes: ['oauth', 'crm.objects.contacts.read'] });
    const record = m.store.installs.get(TENANT)!;
    expect(record).toMatchObject({ tenant: TENANT, crm: 'hubspot', externalId: PORTAL, meta: { scopes: ['oauth', 'crm.objects.contacts.read'] }, installedAt: T0, updatedAt: T0 });
    const stored = JSON.stringify(record);
    expect(stored).not.toContain('access-SECRET-1');
    expect(stored).not.toContain('refresh-SECRET-1');
    expect(JSON.parse(m.cipher.decrypt(record.credentials, TENANT))).toEqual({
      accessToken: 'access-SECRET-1', refreshToken: 'refresh-SECRET-1', expiresAt: T0 + 1_800_000,
    });
    // Bound to the tenant: the same blob does not decrypt for another portal.
    expect(() => m.cipher.decrypt(record.credentials, 'hubspot:1')).toThrow();
    // The fresh token is served without another call.
    expect(await m.tokens.getAccessToken(PORTAL)).toBe('access-SECRET-1');
  });

  it('install: falls back to the access-token info endpoint when hub_id is missing', async () => {
    const m = manager();
    nock(API)
      .post('/oauth/v3/token')
      .reply(200, { access_token: 'access-1', refresh_token: 'refresh-1', expires_in: 1800 })
      .get('/oauth/v1/access-tokens/access-1')
      .reply(200, { token: 'access-1', hub_id: 777, scopes: ['oauth'], hub_domain: 'x.com', app_id: 1 });
    expect(await m.tokens.install('code', 'https://cb')).toEqual({ tenant: 'hubspot:777', portalId: '777', scopes: ['oauth'] });
    expect(m.store.installs.has('hubspot:777')).toBe(true);
  });

  it('refreshes once for 5 concurrent callers when < 5 minutes are left, and persists the rotated refresh token', async () => {
    const m = manager();
    await seedInstall(m, T0 + 4 * 60_000);
    const savesBefore = m.store.saves;
    const seen: URLSearchParams[] = [];
    nock(API)
      .post('/oauth/v3/token', tokenRequest(seen))
      .delay(50)
      .reply(200, { access_token: 'new-access', refresh_token: 'refresh-2', expires_in: 1800 });
    const tokens = await Promise.all(Array.from({ length: 5 }, () => m.tokens.getAccessToken(PORTAL)));
    expect(tokens).toEqual(Array(5).fill('new-access'));
    expect(seen).toHaveLength(1);
    expect(seen[0]!.get('refresh_token')).toBe('refresh-1');
    expect(m.store.saves - savesBefore).toBe(1);
    const record = m.store.installs.get(TENANT)!;
    expect(JSON.parse(m.cipher.decrypt(record.credentials, TENANT))).toEqual({ accessToken: 'new-access', refreshToken: 'refresh-2', expiresAt: T0 + 1_800_000 });
    expect(record).toMatchObject({ installedAt: T0 - 86_400_000, updatedAt: T0, meta: { scopes: ['oauth'] } });
    // Cached afterwards: no further calls while fresh.
    expect(await m.tokens.getAccessToken(PORTAL)).toBe('new-access');
  });

  it('does not refresh while more than 5 minutes are left; does once the margin is reached', async () => {
    const m = manager();
    await seedInstall(m, T0 + 6 * 60_000);
    expect(await m.tokens.getAccessToken(PORTAL)).toBe('old-access');
    m.clock.t = T0 + 61_000; // now 4:59 left
    nock(API).post('/oauth/v3/token').reply(200, { access_token: 'new-access', refresh_token: 'refresh-2', expires_in: 1800 });
    expect(await m.tokens.getAccessToken(PORTAL)).toBe('new-access');
  });

  it('uses tokens another instance already refreshed instead of refreshing again', async () => {
    const m = manager();
    await seedInstall(m, T0 + 60 * 60_000);
    expect(await m.tokens.getAccessToken(PORTAL)).toBe('old-access');
    // Time passes; meanwhile another process refreshed and stored new tokens.
    m.clock.t = T0 + 58 * 60_000;
    await m.store.saveInstall({
      ...m.store.installs.get(TENANT)!,
      credentials: m.cipher.encrypt(JSON.stringify({ accessToken: 'other-access', refreshToken: 'refresh-9', expiresAt: m.clock.t + 1_800_000 }), TENANT),
    });
    expect(await m.tokens.getAccessToken(PORTAL)).toBe('other-access');
  });

  it('a refused refresh says to reinstall, and the next call tries again', async () => {
    const m = manager();
    await seedInstall(m, T0 - 1);
    nock(API).post('/oauth/v3/token').reply(400, { status: 'BAD_REFRESH_TOKEN', message: 'refresh token revoked' });
    const err = await m.tokens.getAccessToken(PORTAL).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CrmError);
    expect((err as CrmError).message).toMatch(/reinstall/);
    expect((err as CrmError).retryable).toBe(false);
    nock(API).post('/oauth/v3/token').reply(200, { access_token: 'again', refresh_token: 'refresh-3', expires_in: 1800 });
    expect(await m.tokens.getAccessToken(PORTAL)).toBe('again');
  });

  it('an unknown portal is not installed', async () => {
    const m = manager();
    await expect(m.tokens.getAccessToken('999')).rejects.toThrow(/portal 999 is not installed/);
    expect(await m.tokens.isInstalled('999')).toBe(false);
  });

  it('credentials encrypted with another key fail with an actionable message', async () => {
    const m = manager();
    const other = createTokenCipher(randomBytes(32).toString('base64'));
    await m.store.saveInstall({
      tenant: TENANT, crm: 'hubspot', externalId: PORTAL, meta: {}, installedAt: T0, updatedAt: T0,
      credentials: other.encrypt(JSON.stringify({ accessToken: 'a', refreshToken: 'r', expiresAt: T0 + 3_600_000 }), TENANT),
    });
    await expect(m.tokens.getAccessToken(PORTAL)).rejects.toThrow(/encryption key/);
  });
});
