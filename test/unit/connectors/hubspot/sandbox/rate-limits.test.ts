// Limits the sandbox enforces, checked with raw HTTP (shared/reference/hubspot.md §5, §6).
import { afterEach, describe, expect, it } from '@jest/globals';
import { createHubspotSandbox } from '../../../../../connectors/hubspot/sandbox/index.ts';
import type { HubspotSandbox, HubspotSandboxOptions } from '../../../../../connectors/hubspot/sandbox/index.ts';
import { bearer, fakeClock } from './helpers.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('HubSpot sandbox limits', () => {
  let sandbox: HubspotSandbox;
  let url: string;
  const start = async (opts: Partial<HubspotSandboxOptions> = {}) => {
    sandbox = createHubspotSandbox({ clientSecret: 's', ...opts });
    url = (await sandbox.listen()).url;
  };
  const get = (path: string, token = sandbox.privateAppToken) => fetch(`${url}${path}`, { headers: bearer(token) });
  /** An OAuth access token from the sandbox's own consent + code exchange (start with clientId 'cid'). */
  const oauthToken = async (): Promise<string> => {
    const redirect = 'https://app.test/oauth/hubspot/callback';
    const q = new URLSearchParams({ client_id: 'cid', redirect_uri: redirect, scope: 'oauth crm.objects.owners.read' });
    const code = new URL((await fetch(`${url}/oauth/authorize?${q}`, { redirect: 'manual' })).headers.get('location')!).searchParams.get('code')!;
    const form = { grant_type: 'authorization_code', client_id: 'cid', client_secret: 's', redirect_uri: redirect, code };
    const res = await fetch(`${url}/oauth/v3/token`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form).toString() });
    return ((await res.json()) as { access_token: string }).access_token;
  };
  const post = (path: string, body: unknown) => fetch(`${url}${path}`, { method: 'POST', headers: bearer(sandbox.privateAppToken), body: JSON.stringify(body) });
  afterEach(async () => { await sandbox.close(); });

  it('rejects a batch of 101 inputs with a 400 VALIDATION_ERROR and accepts 100', async () => {
    await start();
    const inputs = (n: number) => Array.from({ length: n }, (_, i) => ({ id: String(i + 1) }));
    const tooMany = await post('/crm/v3/objects/contacts/batch/read', { inputs: inputs(101), properties: ['email'] });
    expect(tooMany.status).toBe(400);
    expect(await tooMany.json()).toMatchObject({ status: 'error', category: 'VALIDATION_ERROR', correlationId: expect.stringMatching(UUID) });
    const update = await post('/crm/v3/objects/contacts/batch/update', { inputs: inputs(101).map((i) => ({ ...i, properties: { firstname: 'x' } })) });
    expect(update.status).toBe(400);
    const hundred = await post('/crm/v3/objects/contacts/batch/read', { inputs: inputs(100), properties: ['email'] });
    expect(hundred.status).toBe(207); // none of these ids exist
    expect(await hundred.json()).toMatchObject({ numErrors: 1, errors: [{ category: 'OBJECT_NOT_FOUND', context: { ids: expect.arrayContaining(['1', '100']) } }] });
  });

  it('answers an OAuth app\'s 111th call within 10 s with the TEN_SECONDLY_ROLLING 429, then the window rolls', async () => {
    const clock = fakeClock();
    await start({ now: clock.now, clientId: 'cid' });
    const token = await oauthToken();
    const get = (path: string) => fetch(`${url}${path}`, { headers: bearer(token) });
    for (let i = 0; i < 110; i++) {
      const res = await get('/crm/v3/owners');
      expect(res.headers.get('x-hubspot-ratelimit-daily')).toBeNull(); // no daily cap for OAuth apps
      expect(res.status).toBe(200);
      expect(res.headers.get('x-hubspot-ratelimit-remaining')).toBe(String(109 - i));
      if (i === 54) clock.advance(5_000); // half the calls 5 s later
    }
    const limited = await get('/crm/v3/owners');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('x-hubspot-ratelimit-max')).toBe('110');
    expect(limited.headers.get('x-hubspot-ratelimit-remaining')).toBe('0');
    expect(limited.headers.get('x-hubspot-ratelimit-interval-milliseconds')).toBe('10000');
    const body = await limited.json() as Record<string, unknown>;
    expect(Object.keys(body).sort()).toEqual(['correlationId', 'errorType', 'groupName', 'message', 'policyName', 'status']);
    expect(body).toMatchObject({
      status: 'error', message: 'You have reached your ten_secondly_rolling limit.', errorType: 'RATE_LIMIT',
      correlationId: expect.stringMatching(UUID), policyName: 'TEN_SECONDLY_ROLLING', groupName: expect.any(String),
    });
    // Rolling, not fixed: 5 s later only the first 55 calls have left the window.
    clock.advance(5_000);
    const rolled = await get('/crm/v3/owners');
    expect(rolled.status).toBe(200);
    expect(rolled.headers.get('x-hubspot-ratelimit-remaining')).toBe('54'); // 55 + this one in the window
    expect(sandbox.stats()).toMatchObject({ rateLimited: 1, calls: expect.objectContaining({ 'GET /crm/v3/owners': 112 }) });
  });

  it('limits the private-app token by account tier by default: starter 100 / 10 s and 250,000 a day', async () => {
    const clock = fakeClock();
    await start({ now: clock.now });
    for (let i = 0; i < 100; i++) {
      const res = await get('/crm/v3/owners');
      expect(res.status).toBe(200);
      if (i === 0) {
        expect(res.headers.get('x-hubspot-ratelimit-max')).toBe('100');
        expect(res.headers.get('x-hubspot-ratelimit-daily')).toBe('250000');
        expect(res.headers.get('x-hubspot-ratelimit-daily-remaining')).toBe('249999');
      }
    }
    const limited = await get('/crm/v3/owners');
    expect(limited.status).toBe(429);
    expect(await limited.json()).toMatchObject({ policyName: 'TEN_SECONDLY_ROLLING' });
  });

  it.each([
    ['pro', '190', '625000'],
    ['enterprise', '190', '1000000'],
    ['api_add_on', '250', '1625000'],
  ] as const)('private app on %s: %s / 10 s, %s a day', async (privateAppTier, max, daily) => {
    await start({ privateAppTier });
    const res = await get('/crm/v3/owners');
    expect(res.headers.get('x-hubspot-ratelimit-max')).toBe(max);
    expect(res.headers.get('x-hubspot-ratelimit-daily')).toBe(daily);
  });

  it('keeps separate windows for the OAuth app and the private app of one portal', async () => {
    const clock = fakeClock();
    await start({ now: clock.now, clientId: 'cid' });
    const token = await oauthToken();
    for (let i = 0; i < 100; i++) expect((await get('/crm/v3/owners')).status).toBe(200);
    expect((await get('/crm/v3/owners')).status).toBe(429); // the private app's 100 are spent
    const oauth = await get('/crm/v3/owners', token);
    expect(oauth.status).toBe(200);
    expect(oauth.headers.get('x-hubspot-ratelimit-max')).toBe('110');
    expect(oauth.headers.get('x-hubspot-ratelimit-remaining')).toBe('109');
  });

  it('does not count rejected calls toward the window', async () => {
    const clock = fakeClock();
    await start({ now: clock.now, rateLimit: { max: 3, intervalMs: 1_000 } });
    for (let i = 0; i < 3; i++) expect((await get('/crm/v3/owners')).status).toBe(200);
    clock.advance(500);
    for (let i = 0; i < 5; i++) expect((await get('/crm/v3/owners')).status).toBe(429);
    clock.advance(501); // the three accepted calls expire; the five 429s never entered the window
    const res = await get('/crm/v3/owners');
    expect(res.status).toBe(200);
    expect(res.headers.get('x-hubspot-ratelimit-remaining')).toBe('2');
  });

  it('limits search to 5 requests per second with the secondly message and no rate-limit headers', async () => {
    const clock = fakeClock();
    await start({ now: clock.now });
    const search = () => post('/crm/v3/objects/contacts/search', { filterGroups: [], limit: 10 });
    for (let i = 0; i < 5; i++) {
      const ok = await search();
      expect(ok.status).toBe(200);
      expect(ok.headers.get('x-hubspot-ratelimit-remaining')).toBeNull();
    }
    const limited = await search();
    expect(limited.status).toBe(429);
    expect(limited.headers.get('x-hubspot-ratelimit-max')).toBeNull();
    expect(await limited.json()).toMatchObject({ status: 'error', message: 'You have reached your secondly limit.', errorType: 'RATE_LIMIT' });
    // search does not consume the burst window
    expect((await get('/crm/v3/owners')).headers.get('x-hubspot-ratelimit-remaining')).toBe('99'); // private app, starter
    clock.advance(1_001);
    expect((await search()).status).toBe(200);
  });

  it('enforces a daily budget on private-app requests with DAILY 429s and daily headers', async () => {
    const clock = fakeClock(Date.UTC(2026, 10, 2, 23, 59, 0));
    await start({ now: clock.now, dailyLimit: 2 });
    const first = await get('/crm/v3/owners');
    expect(first.headers.get('x-hubspot-ratelimit-daily')).toBe('2');
    expect(first.headers.get('x-hubspot-ratelimit-daily-remaining')).toBe('1');
    expect((await get('/crm/v3/owners')).headers.get('x-hubspot-ratelimit-daily-remaining')).toBe('0');
    const limited = await get('/crm/v3/owners');
    expect(limited.status).toBe(429);
    expect(await limited.json()).toMatchObject({ message: 'You have reached your daily limit.', policyName: 'DAILY', errorType: 'RATE_LIMIT' });
    clock.advance(60_000); // past midnight UTC
    expect((await get('/crm/v3/owners')).status).toBe(200);
  });

  it('answers every API call with the injected outage status until it ends', async () => {
    const clock = fakeClock();
    await start({ now: clock.now });
    sandbox.setOutage({ status: 503, forMs: 2_000 });
    const down = await get('/crm/v3/owners');
    expect(down.status).toBe(503);
    expect(await down.json()).toMatchObject({ status: 'error', category: 'SERVICE_UNAVAILABLE', correlationId: expect.stringMatching(UUID) });
    expect((await post('/crm/v3/objects/contacts/batch/read', { inputs: [] })).status).toBe(503);
    clock.advance(2_000);
    expect((await get('/crm/v3/owners')).status).toBe(200);

    const admin = await fetch(`${url}/_sandbox/outage`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ status: 502, forMs: 1_000 }) });
    expect(admin.status).toBe(204);
    expect((await get('/crm/v3/owners')).status).toBe(502);
    const bad = await fetch(`${url}/_sandbox/outage`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ status: 'down' }) });
    expect(bad.status).toBe(400);
  });

  it('requires a known bearer token and answers 401 with HubSpot\'s envelope', async () => {
    await start();
    const none = await fetch(`${url}/crm/v3/owners`);
    expect(none.status).toBe(401);
    expect(await none.json()).toMatchObject({ status: 'error', category: 'INVALID_AUTHENTICATION', message: expect.stringContaining('Authentication credentials not found') });
    const unknown = await fetch(`${url}/crm/v3/owners`, { headers: bearer('pat-na1-nope') });
    expect(unknown.status).toBe(401);
  });
});
