// OAuth against the sandbox (shared/reference/hubspot.md §3): consent redirect, code exchange,
// refresh, token expiry after expires_in, scope enforcement, token introspection.
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { Client } from '@hubspot/api-client';
import { createHubspotSandbox } from '../../../../../connectors/hubspot/sandbox/index.ts';
import type { HubspotSandbox } from '../../../../../connectors/hubspot/sandbox/index.ts';
import { fakeClock } from './helpers.ts';

const SECRET = 'oauth-secret';
const REDIRECT = 'https://app.lead-router.test/oauth/hubspot/callback?tenant=t1';

describe('HubSpot sandbox OAuth', () => {
  let sandbox: HubspotSandbox;
  let url: string;
  const clock = fakeClock();
  beforeEach(async () => {
    sandbox = createHubspotSandbox({ clientSecret: SECRET, clientId: 'client-123', portalId: 777, appId: 4242, now: clock.now });
    url = (await sandbox.listen()).url;
  });
  afterEach(async () => { await sandbox.close(); });

  async function authorize(scope: string): Promise<string> {
    const q = new URLSearchParams({ client_id: 'client-123', redirect_uri: REDIRECT, scope, state: 'st-9' });
    const res = await fetch(`${url}/oauth/authorize?${q}`, { redirect: 'manual' });
    expect(res.status).toBe(302);
    const location = new URL(res.headers.get('location') as string);
    expect(`${location.origin}${location.pathname}`).toBe('https://app.lead-router.test/oauth/hubspot/callback');
    expect(location.searchParams.get('tenant')).toBe('t1');
    expect(location.searchParams.get('state')).toBe('st-9');
    return location.searchParams.get('code') as string;
  }
  const token = (form: Record<string, string>) => fetch(`${url}/oauth/v3/token`, {
    method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form).toString(),
  });

  it('redirects with a code, exchanges it once, and refreshes; tokens work on the API until they expire', async () => {
    const code = await authorize('oauth crm.objects.contacts.read crm.objects.owners.read');
    const exchange = { grant_type: 'authorization_code', client_id: 'client-123', client_secret: SECRET, redirect_uri: REDIRECT, code };
    const res = await token(exchange);
    expect(res.status).toBe(200);
    const tokens = await res.json() as Record<string, unknown>;
    expect(tokens).toEqual({ token_type: 'bearer', access_token: expect.any(String), refresh_token: expect.any(String), expires_in: 1800, hub_id: 777, scopes: ['oauth', 'crm.objects.contacts.read', 'crm.objects.owners.read'] });
    expect(String(tokens['access_token']).length).toBeGreaterThan(250); // §3: allow up to 300 characters

    // single-use code
    expect(await (await token(exchange)).json()).toMatchObject({ status: 'BAD_AUTH_CODE' });

    const access = String(tokens['access_token']);
    const owners = await fetch(`${url}/crm/v3/owners`, { headers: { authorization: `Bearer ${access}` } });
    expect(owners.status).toBe(200);
    // OAuth requests carry the burst headers but no daily ones (§5)
    expect(owners.headers.get('x-hubspot-ratelimit-max')).toBe('110');
    expect(owners.headers.get('x-hubspot-ratelimit-daily')).toBeNull();

    const info = await (await fetch(`${url}/oauth/v1/access-tokens/${access}`)).json();
    expect(info).toMatchObject({ hub_id: 777, app_id: 4242, scopes: ['oauth', 'crm.objects.contacts.read', 'crm.objects.owners.read'], expires_in: 1800 });

    clock.advance(1_800_000);
    const expired = await fetch(`${url}/crm/v3/owners`, { headers: { authorization: `Bearer ${access}` } });
    expect(expired.status).toBe(401);
    expect(await expired.json()).toMatchObject({ status: 'error', category: 'EXPIRED_AUTHENTICATION' });

    const refreshed = await token({ grant_type: 'refresh_token', client_id: 'client-123', client_secret: SECRET, refresh_token: String(tokens['refresh_token']) });
    expect(refreshed.status).toBe(200);
    const next = await refreshed.json() as Record<string, unknown>;
    expect(next['access_token']).not.toBe(access);
    expect(next['refresh_token']).toBe(tokens['refresh_token']);
    expect((await fetch(`${url}/crm/v3/owners`, { headers: { authorization: `Bearer ${String(next['access_token'])}` } })).status).toBe(200);
  });

  it('enforces granted scopes on OAuth tokens (403 MISSING_SCOPES)', async () => {
    const code = await authorize('oauth crm.objects.contacts.read');
    const tokens = await (await token({ grant_type: 'authorization_code', client_id: 'client-123', client_secret: SECRET, redirect_uri: REDIRECT, code })).json() as Record<string, string>;
    const client = new Client({ accessToken: tokens['access_token'], basePath: url });
    await expect(client.crm.contacts.basicApi.getPage(10)).resolves.toMatchObject({ results: [] });
    await expect(client.crm.contacts.basicApi.create({ properties: { email: 'x@y.test' }, associations: [] }))
      .rejects.toMatchObject({ code: 403, body: { category: 'MISSING_SCOPES' } });
  });

  it('rejects bad client credentials, redirect URIs and grant types with HubSpot OAuth statuses', async () => {
    const code = await authorize('oauth');
    const base = { grant_type: 'authorization_code', client_id: 'client-123', client_secret: SECRET, redirect_uri: REDIRECT, code };
    expect(await (await token({ ...base, client_secret: 'wrong' })).json()).toMatchObject({ status: 'BAD_CLIENT_SECRET' });
    expect(await (await token({ ...base, client_id: 'other' })).json()).toMatchObject({ status: 'BAD_CLIENT_ID' });
    expect(await (await token({ ...base, redirect_uri: 'https://evil.test/cb' })).json()).toMatchObject({ status: 'BAD_REDIRECT_URI' });
    expect(await (await token({ ...base, grant_type: 'password' })).json()).toMatchObject({ status: 'BAD_GRANT_TYPE' });
    expect((await token({ grant_type: 'refresh_token', client_id: 'client-123', client_secret: SECRET, refresh_token: 'na1-unknown' })).status).toBe(400);
    const wrongClient = await fetch(`${url}/oauth/authorize?client_id=nope&redirect_uri=${encodeURIComponent(REDIRECT)}&scope=oauth`, { redirect: 'manual' });
    expect(wrongClient.status).toBe(400);
  });

  it('also serves the v1 token path the SDK tokensApi calls', async () => {
    const code = await authorize('oauth');
    const client = new Client({ basePath: url });
    const res = await client.oauth.tokensApi.create('authorization_code', code, REDIRECT, 'client-123', SECRET);
    expect(res).toMatchObject({ tokenType: 'bearer', expiresIn: 1800, accessToken: expect.any(String) });
  });
});
