import { describe, expect, it } from '@jest/globals';
import nock from 'nock';
import { basicAuthHeader } from '../../../../connectors/pipedrive/basic-auth.ts';
import { buildAuthorizeUrl, exchangeCode, handleUninstall, readOAuthCallback, refreshAccessToken, type StateSigner } from '../../../../connectors/pipedrive/oauth.ts';
import { signState, verifyState } from '../../../../src/crypto/oauth-state.ts';
import { AuthError, CrmError, PayloadError } from '../../../../src/errors.ts';
import { useNock } from './nock-setup.ts';

useNock();

const OAUTH = 'https://oauth.pipedrive.com';
const client = { clientId: 'client-1', clientSecret: 'secret-1' };
const STATE_SECRET = 'state-secret-0123456789';
const signer: StateSigner = {
  sign: (p) => signState(p, STATE_SECRET, Date.now()),
  verify: (t) => verifyState(t, STATE_SECRET, Date.now(), 10 * 60_000),
};
const tokenBody = {
  access_token: 'at-1',
  token_type: 'Bearer',
  refresh_token: 'rt-1',
  scope: 'base,contacts:full,users:read,admin',
  expires_in: 3599,
  api_domain: 'https://acme.pipedrive.com',
};

describe('authorize URL and callback', () => {
  it('builds the authorize URL with a signed state that the callback verifies', () => {
    const url = new URL(buildAuthorizeUrl({ clientId: 'client-1', redirectUri: 'https://lr.example/oauth/pipedrive/callback', signer, state: { returnTo: '/admin' } }));
    expect(`${url.origin}${url.pathname}`).toBe('https://oauth.pipedrive.com/oauth/authorize');
    expect(url.searchParams.get('client_id')).toBe('client-1');
    expect(url.searchParams.get('redirect_uri')).toBe('https://lr.example/oauth/pipedrive/callback');
    const { code, state } = readOAuthCallback({ code: 'c-1', state: url.searchParams.get('state') }, signer);
    expect(code).toBe('c-1');
    expect(state).toMatchObject({ returnTo: '/admin' });
  });

  it('rejects a declined consent, a forged state and a missing code', () => {
    expect(() => readOAuthCallback({ error: 'access_denied' }, signer)).toThrow(AuthError);
    expect(() => readOAuthCallback({ code: 'c', state: 'forged.state' }, signer)).toThrow(/invalid or expired/);
    expect(() => readOAuthCallback({ code: 'c' }, signer)).toThrow(/missing the signed "state"/);
    expect(readOAuthCallback({ code: 'c' }, signer, { requireState: false })).toEqual({ code: 'c', state: null });
    expect(() => readOAuthCallback({ state: 'x' }, signer)).toThrow(PayloadError);
  });
});

describe('token endpoint', () => {
  it('exchanges the code with Basic client auth and a form-encoded body', async () => {
    let form: URLSearchParams | undefined;
    let contentType: string | null = null;
    nock(OAUTH)
      .matchHeader('authorization', basicAuthHeader('client-1', 'secret-1'))
      .post('/oauth/token')
      .reply(200, function (this: nock.ReplyFnContext, _path: string, body: nock.Body) {
        contentType = this.req.headers['content-type'] ?? null;
        form = new URLSearchParams(body as string);
        return tokenBody;
      });
    expect(await exchangeCode({ ...client, code: 'c-1', redirectUri: 'https://lr.example/cb' })).toMatchObject({ access_token: 'at-1', api_domain: 'https://acme.pipedrive.com' });
    expect(contentType).toBe('application/x-www-form-urlencoded');
    expect(Object.fromEntries(form!)).toEqual({ grant_type: 'authorization_code', code: 'c-1', redirect_uri: 'https://lr.example/cb' });
  });

  it('refreshes with grant_type=refresh_token against a custom OAuth base', async () => {
    nock('http://127.0.0.1:4010')
      .post('/oauth/token', (body) => body.grant_type === 'refresh_token' && body.refresh_token === 'rt-1')
      .reply(200, { ...tokenBody, access_token: 'at-2', refresh_token: 'rt-2' });
    expect(await refreshAccessToken({ ...client, oauthBase: 'http://127.0.0.1:4010/', refreshToken: 'rt-1' })).toMatchObject({ access_token: 'at-2', refresh_token: 'rt-2' });
  });

  it('a refused grant is non-retryable, a 5xx retryable, a response without api_domain rejected', async () => {
    nock(OAUTH)
      .post('/oauth/token')
      .reply(400, { success: false, error: 'invalid_grant' })
      .post('/oauth/token')
      .reply(502, 'bad gateway')
      .post('/oauth/token')
      .reply(200, { ...tokenBody, api_domain: undefined });
    const refused = await refreshAccessToken({ ...client, refreshToken: 'x' }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(CrmError);
    expect(refused).toMatchObject({ retryable: false, crmStatus: 400, message: 'Pipedrive OAuth token refresh failed (400): invalid_grant' });
    expect(await refreshAccessToken({ ...client, refreshToken: 'x' }).catch((e: unknown) => e)).toMatchObject({ retryable: true, crmStatus: 502 });
    expect(await refreshAccessToken({ ...client, refreshToken: 'x' }).catch((e: unknown) => e)).toMatchObject({ message: expect.stringContaining('api_domain') });
  });
});

describe('handleUninstall', () => {
  const body = { client_id: 'client-1', company_id: 8087566, user_id: 123 };

  it('verifies Basic client_id:client_secret and returns the tenant to delete', () => {
    expect(handleUninstall({ body: Buffer.from(JSON.stringify(body)), authorization: basicAuthHeader('client-1', 'secret-1'), ...client })).toEqual({
      tenant: 'pipedrive:8087566',
      companyId: '8087566',
      userId: '123',
    });
    expect(handleUninstall({ body, authorization: basicAuthHeader('client-1', 'secret-1'), ...client }).tenant).toBe('pipedrive:8087566');
  });

  it('rejects wrong credentials, another app\'s client_id and malformed bodies', () => {
    expect(() => handleUninstall({ body, authorization: basicAuthHeader('client-1', 'nope'), ...client })).toThrow(AuthError);
    expect(() => handleUninstall({ body, authorization: undefined, ...client })).toThrow(AuthError);
    expect(() => handleUninstall({ body: { ...body, client_id: 'client-2' }, authorization: basicAuthHeader('client-1', 'secret-1'), ...client })).toThrow(/another app/);
    expect(() => handleUninstall({ body: '{', authorization: basicAuthHeader('client-1', 'secret-1'), ...client })).toThrow(PayloadError);
    expect(() => handleUninstall({ body: { client_id: 'client-1' }, authorization: basicAuthHeader('client-1', 'secret-1'), ...client })).toThrow('Pipedrive uninstall callback: company_id');
  });
});
