// OAuth for Marketplace apps (shared/reference/pipedrive.md §2) through the connector's own OAuth
// helpers: authorize redirect, code exchange with Basic client auth, refresh, expiry, scopes,
// app webhooks, and the DELETE uninstall callback.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from '@jest/globals';
import express from 'express';
import { exchangeCode, handleUninstall, refreshAccessToken } from '../../../../../connectors/pipedrive/oauth.ts';
import { fetchCurrentUser } from '../../../../../connectors/pipedrive/current-user.ts';
import { createPipedriveSandbox, type PipedriveSandbox, type PipedriveSandboxOptions } from '../../../../../connectors/pipedrive/sandbox/index.ts';
import { caller, fakeClock } from './helpers.ts';

const CLIENT = { clientId: 'lead-router-app', clientSecret: 'app-secret' };
const REDIRECT = 'https://lead-router.example/oauth/pipedrive/callback';

describe('Pipedrive sandbox OAuth', () => {
  let sandbox: PipedriveSandbox;
  let url: string;
  const clock = fakeClock();
  const start = async (opts: PipedriveSandboxOptions = {}) => {
    clock.set(Date.UTC(2026, 10, 2, 9, 0, 0));
    sandbox = createPipedriveSandbox({ apiToken: 'oauth-api-token', now: clock.now, oauth: CLIENT, ...opts });
    url = (await sandbox.listen()).url;
  };
  const authorize = async (state = 'signed-state') => {
    const res = await fetch(`${url}/oauth/authorize?client_id=${CLIENT.clientId}&redirect_uri=${encodeURIComponent(REDIRECT)}&state=${state}`, { redirect: 'manual' });
    expect(res.status).toBe(302);
    const location = new URL(res.headers.get('location')!);
    expect(`${location.origin}${location.pathname}`).toBe(REDIRECT);
    expect(location.searchParams.get('state')).toBe(state);
    return location.searchParams.get('code')!;
  };
  const install = async () => exchangeCode({ ...CLIENT, oauthBase: url, code: await authorize(), redirectUri: REDIRECT });
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
  afterEach(async () => { await sandbox.close(); });

  it('exchanges a code for tokens whose api_domain is the sandbox, usable as Bearer tokens', async () => {
    await start();
    const tokens = await install();
    expect(tokens).toMatchObject({ token_type: 'Bearer', expires_in: 3600, api_domain: url, scope: expect.stringContaining('contacts:full') });
    expect(tokens.access_token).toMatch(/^8087566:\d+:[0-9a-f]{40}$/);
    const me = await fetchCurrentUser({ apiBase: tokens.api_domain, auth: { kind: 'oauth', accessToken: tokens.access_token } });
    expect(me.companyId).toBe('8087566');
    const res = await fetch(`${url}/api/v2/persons`, { headers: bearer(tokens.access_token) });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-ratelimit-limit')).toBe('80'); // §4: OAuth apps on Lite
  });

  it('rejects a reused code, a wrong redirect_uri and wrong client credentials', async () => {
    await start();
    const code = await authorize();
    await exchangeCode({ ...CLIENT, oauthBase: url, code, redirectUri: REDIRECT });
    await expect(exchangeCode({ ...CLIENT, oauthBase: url, code, redirectUri: REDIRECT })).rejects.toMatchObject({ crmStatus: 400 });
    await expect(exchangeCode({ ...CLIENT, oauthBase: url, code: await authorize(), redirectUri: 'https://elsewhere.example/cb' })).rejects.toMatchObject({ crmStatus: 400 });
    await expect(exchangeCode({ ...CLIENT, clientSecret: 'nope', oauthBase: url, code: await authorize(), redirectUri: REDIRECT })).rejects.toMatchObject({ crmStatus: 401 });
    const raw = await fetch(`${url}/oauth/token`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'grant_type=authorization_code&code=x' });
    expect(raw.status).toBe(401);
    expect(await raw.json()).toMatchObject({ error: 'invalid_client' });
  });

  it('refreshes; access tokens expire after an hour; rotated refresh tokens replace the old one', async () => {
    await start({ oauth: { ...CLIENT, rotateRefreshTokens: true } });
    const first = await install();
    clock.advance(3_600_000);
    expect((await fetch(`${url}/v1/users/me`, { headers: bearer(first.access_token) })).status).toBe(401);
    const refreshed = await refreshAccessToken({ ...CLIENT, oauthBase: url, refreshToken: first.refresh_token });
    expect(refreshed.access_token).not.toBe(first.access_token);
    expect(refreshed.refresh_token).not.toBe(first.refresh_token);
    expect((await fetch(`${url}/v1/users/me`, { headers: bearer(refreshed.access_token) })).status).toBe(200);
    await expect(refreshAccessToken({ ...CLIENT, oauthBase: url, refreshToken: first.refresh_token })).rejects.toMatchObject({ crmStatus: 400 });
  });

  it('enforces the app scopes: 403 "Scope and URL mismatch" outside them', async () => {
    await start({ oauth: { ...CLIENT, scopes: ['base', 'contacts:read'] } });
    const { access_token: token } = await install();
    expect((await fetch(`${url}/api/v2/persons`, { headers: bearer(token) })).status).toBe(200);
    const patch = await fetch(`${url}/api/v2/persons/1`, { method: 'PATCH', headers: { ...bearer(token), 'content-type': 'application/json' }, body: '{}' });
    expect(patch.status).toBe(403);
    expect(await patch.json()).toMatchObject({ success: false, error: 'Scope and URL mismatch', errorCode: 403 });
    expect((await fetch(`${url}/v1/webhooks`, { headers: bearer(token) })).status).toBe(403);
    expect((await fetch(`${url}/v1/users`, { headers: bearer(token) })).status).toBe(403);
  });

  it('never Cloudflare-blocks OAuth apps (only API tokens, §4)', async () => {
    await start({ rateLimit: { max: 1, intervalMs: 2_000 }, cloudflareAfter429s: 1 });
    const { access_token: token } = await install();
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await fetch(`${url}/v1/users/me`, { headers: bearer(token) })).status);
    expect(statuses).toEqual([200, 429, 429, 429]);
  });

  it('makes app webhooks "application", deletable only by the app; uninstall sends the DELETE callback', async () => {
    await start();
    const { access_token: token } = await install();
    const api = caller(url, 'oauth-api-token');
    const created = await fetch(`${url}/v1/webhooks`, {
      method: 'POST', headers: { ...bearer(token), 'content-type': 'application/json' },
      body: JSON.stringify({ subscription_url: 'https://lead-router.example/webhooks/pipedrive', event_action: '*', event_object: 'person' }),
    });
    const hook = ((await created.json()) as { data: { id: number; type: string } }).data;
    expect(hook.type).toBe('application');
    expect((await api('DELETE', `/v1/webhooks/${hook.id}`)).status).toBe(403);

    const received: { headers: Record<string, unknown>; body: unknown }[] = [];
    const app = express();
    app.delete('/oauth/pipedrive/callback', express.json(), (req, res) => { received.push({ headers: req.headers, body: req.body }); res.status(200).end(); });
    const server: Server = app.listen(0, '127.0.0.1');
    await new Promise<void>((resolve) => server.once('listening', () => resolve()));
    try {
      const callback = `http://127.0.0.1:${(server.address() as AddressInfo).port}/oauth/pipedrive/callback`;
      expect(await sandbox.uninstall(callback)).toEqual({ status: 200 });
      expect(received).toHaveLength(1);
      const admin = (sandbox.users()[0] as { id: number }).id;
      expect(received[0]!.body).toEqual({ client_id: CLIENT.clientId, company_id: 8087566, user_id: admin });
      expect(received[0]!.headers['authorization']).toBe(`Basic ${Buffer.from('lead-router-app:app-secret').toString('base64')}`);
      // The connector's handler accepts exactly this request.
      expect(handleUninstall({ body: received[0]!.body, authorization: received[0]!.headers['authorization'] as string, ...CLIENT }))
        .toEqual({ tenant: 'pipedrive:8087566', companyId: '8087566', userId: String(admin) });
    } finally {
      await new Promise<void>((resolve) => { server.close(() => resolve()); server.closeAllConnections(); });
    }
    expect((await fetch(`${url}/v1/users/me`, { headers: bearer(token) })).status).toBe(401);
    expect(sandbox.webhooks()).toEqual([]);
  });
});
