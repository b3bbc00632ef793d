import { describe, expect, it } from '@jest/globals';
import nock from 'nock';
import { createPipedriveClient } from '../../../../connectors/pipedrive/client.ts';
import { createPipedriveHttp, normalizeApiBase, type PipedriveAuth, type PipedriveCallInfo } from '../../../../connectors/pipedrive/http.ts';
import { CrmError } from '../../../../src/errors.ts';
import { API, recordingScheduler, TENANT, testConfig } from '../../../unit/connectors/pipedrive/fixtures.ts';
import { useNock } from './nock-setup.ts';

useNock();

const NOW = Date.parse('2026-11-20T18:00:00Z');

function setup(auth: PipedriveAuth = { kind: 'api_token', token: 't0k' }) {
  const scheduler = recordingScheduler();
  const tokens: number[] = [];
  const calls: PipedriveCallInfo[] = [];
  const client = createPipedriveClient({
    tenant: TENANT,
    apiBase: API,
    auth,
    scheduler,
    config: testConfig(),
    onTokens: (n) => tokens.push(n),
    onCall: (c) => calls.push(c),
    now: () => NOW,
  });
  return { client, scheduler, tokens, calls };
}

const LIMIT_HEADERS = {
  'x-ratelimit-limit': '80',
  'x-ratelimit-remaining': '77',
  'x-ratelimit-reset': '2',
  'x-daily-ratelimit-token-limit': '300000',
  'x-daily-ratelimit-token-remaining': '250000',
};

async function failure(p: Promise<unknown>): Promise<CrmError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof CrmError) return e;
    throw e;
  }
  throw new Error('expected a CrmError');
}

describe('rate-limit headers and token accounting', () => {
  it('reports every response\'s limits to the scheduler and each call\'s token cost', async () => {
    nock(API).get('/v1/users').reply(200, { success: true, data: [] }, LIMIT_HEADERS);
    nock(API).get('/api/v2/persons').query(true).reply(200, { success: true, data: [] }, LIMIT_HEADERS);
    nock(API).patch('/v1/leads/x').reply(200, { success: true, data: {} });
    const { client, scheduler, tokens, calls } = setup();
    await client.listOwners();
    await client.listLeadIds({ cursor: null, limit: 10 });
    await client.updateLeadEntity('x', { owner_id: 1 });
    expect(scheduler.lanes).toEqual(['default', 'default', 'default']);
    expect(scheduler.observations).toHaveLength(2);
    expect(scheduler.observations[0]).toEqual({
      lane: 'default',
      limit: 80,
      remaining: 77,
      resetMs: 2000,
      intervalMs: 2000,
      dailyRemaining: 250000,
      dailyResetAt: Date.parse('2026-11-21T00:00:00Z'),
    });
    expect(tokens).toEqual([20, 10, 10]); // v1 list, v2 list, v1 update (§4)
    expect(calls.map((c) => [c.method, c.path, c.op, c.status, c.tokens])).toEqual([
      ['GET', '/v1/users', 'list', 200, 20],
      ['GET', '/api/v2/persons', 'list', 200, 10],
      ['PATCH', '/v1/leads/x', 'update', 200, 10],
    ]);
  });

  it('429 with tokens left is a burst limit: retryable after max(2 s, reset)', async () => {
    nock(API).get('/v1/users').reply(429, { success: false, error: 'Rate limit exceeded' }, { ...LIMIT_HEADERS, 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '1' });
    const { client, scheduler, tokens } = setup();
    const e = await failure(client.listOwners());
    expect(e).toMatchObject({ rateLimit: 'burst', retryable: true, retryAfterMs: 2000, crmStatus: 429 });
    expect(scheduler.observations[0]).toMatchObject({ remaining: 0 });
    expect(tokens).toEqual([]); // a rejected request spends nothing
  });

  it('429 with the daily budget spent pauses until the daily reset', async () => {
    nock(API).get('/v1/users').reply(429, { success: false, error: 'Daily limit' }, { ...LIMIT_HEADERS, 'x-daily-ratelimit-token-remaining': '0' });
    const { client, scheduler } = setup();
    const e = await failure(client.listOwners());
    expect(e).toMatchObject({ rateLimit: 'daily', retryable: true, retryAfterMs: 6 * 3600_000 });
    expect(scheduler.observations[0]).toMatchObject({ dailyRemaining: 0, dailyResetAt: Date.parse('2026-11-21T00:00:00Z') });
  });

  it('403 with a Cloudflare HTML page is treated as rate limiting', async () => {
    nock(API).get('/v1/users').reply(403, '<html><head><title>Attention Required! | Cloudflare</title></head></html>', { 'content-type': 'text/html' });
    const { client, tokens } = setup();
    expect(await failure(client.listOwners())).toMatchObject({ rateLimit: 'burst', retryable: true, retryAfterMs: 60_000 });
    expect(tokens).toEqual([]);
  });

  it('5xx is retryable; 400 is not and carries Pipedrive\'s error text', async () => {
    nock(API).get('/v1/users').reply(503, 'upstream down').get('/v1/users').reply(400, { success: false, error: 'Bad request', error_info: 'Check the docs' });
    const { client } = setup();
    expect(await failure(client.listOwners())).toMatchObject({ retryable: true, crmStatus: 503 });
    const bad = await failure(client.listOwners());
    expect(bad).toMatchObject({ retryable: false, crmStatus: 400 });
    expect(bad.message).toBe('Pipedrive GET /v1/users failed (400): Bad request (Check the docs)');
  });

  it('a network failure is a retryable CrmError, reported with status null', async () => {
    nock(API).get('/v1/users').replyWithError('socket hang up');
    const { client, calls } = setup();
    expect(await failure(client.listOwners())).toMatchObject({ retryable: true, crmStatus: undefined });
    expect(calls[0]).toMatchObject({ status: null, tokens: 0 });
  });
});

describe('authentication headers', () => {
  it('OAuth sends a Bearer token; a 401 refreshes once and retries with the new token', async () => {
    let token = 'old';
    let refreshes = 0;
    nock(API).matchHeader('authorization', 'Bearer old').get('/v1/users').reply(401, { success: false, error: 'unauthorized access' });
    nock(API).matchHeader('authorization', 'Bearer new').get('/v1/users').reply(200, { success: true, data: [{ id: 1, email: 'a@x', active_flag: true }] });
    const { client, scheduler } = setup({
      kind: 'oauth',
      getAccessToken: async () => token,
      refresh: async () => {
        refreshes++;
        token = 'new';
        return token;
      },
    });
    expect(await client.listOwners()).toEqual([{ id: '1', email: 'a@x', active: true }]);
    expect(refreshes).toBe(1);
    expect(scheduler.lanes).toHaveLength(2); // both attempts went through the scheduler
  });

  it('a second 401 after the refresh is a non-retryable error (no refresh loop)', async () => {
    let refreshes = 0;
    nock(API).get('/v1/users').times(2).reply(401, { success: false, error: 'unauthorized access' });
    const { client } = setup({ kind: 'oauth', getAccessToken: async () => 'tok', refresh: async () => String(++refreshes) });
    expect(await failure(client.listOwners())).toMatchObject({ crmStatus: 401, retryable: false });
    expect(refreshes).toBe(1);
  });

  it('an API token 401 is not refreshed', async () => {
    nock(API).matchHeader('x-api-token', 'bad').get('/v1/users').reply(401, { success: false, error: 'unauthorized access' });
    const { client } = setup({ kind: 'api_token', token: 'bad' });
    const e = await failure(client.listOwners());
    expect(e.message).toMatch(/unauthorized \(401\): unauthorized access\. Check the API token/);
  });
});

describe('normalizeApiBase', () => {
  it.each([
    ['acme', 'https://acme.pipedrive.com'],
    ['acme.pipedrive.com', 'https://acme.pipedrive.com'],
    ['https://acme.pipedrive.com/', 'https://acme.pipedrive.com'],
    ['https://acme.pipedrive.com/api/v2', 'https://acme.pipedrive.com'],
    ['https://acme.pipedrive.com/v1', 'https://acme.pipedrive.com'],
    ['http://127.0.0.1:4010', 'http://127.0.0.1:4010'],
  ])('%s -> %s', (input, out) => {
    expect(normalizeApiBase(input)).toBe(out);
  });

  it('keeps the query string of a request intact', async () => {
    nock(API).get('/api/v2/persons').query({ ids: '1,2', custom_fields: 'a,b' }).reply(200, { success: true, data: [] });
    const http = createPipedriveHttp({ apiBase: `${API}/api/v2`, auth: { kind: 'api_token', token: 't' }, scheduler: recordingScheduler() });
    await expect(http.request({ method: 'GET', path: '/api/v2/persons', query: { ids: '1,2', custom_fields: 'a,b', cursor: undefined }, op: 'list' })).resolves.toEqual({ success: true, data: [] });
  });
});
