// Limits and faults over raw HTTP (shared/reference/pipedrive.md §4): the rolling 2-second burst
// window and its headers, token costs against the daily budget, daily exhaustion, the search
// limit, the Cloudflare 403 after repeated 429s, injected outages, 401s.
import { afterEach, describe, expect, it } from '@jest/globals';
import { createPipedriveSandbox, type PipedriveSandbox, type PipedriveSandboxOptions } from '../../../../../connectors/pipedrive/sandbox/index.ts';
import { caller, fakeClock } from './helpers.ts';

const TOKEN = 'limits-token';

describe('Pipedrive sandbox limits', () => {
  let sandbox: PipedriveSandbox;
  let api: ReturnType<typeof caller>;
  let url: string;
  const clock = fakeClock();
  const start = async (opts: PipedriveSandboxOptions = {}) => {
    clock.set(Date.UTC(2026, 10, 2, 9, 0, 0));
    sandbox = createPipedriveSandbox({ apiToken: TOKEN, now: clock.now, ...opts });
    url = (await sandbox.listen()).url;
    api = caller(url, TOKEN);
  };
  afterEach(async () => { await sandbox.close(); });

  it('answers 429 past 20 calls in a rolling 2 s window (API token, Lite), with x-ratelimit-* headers', async () => {
    await start();
    for (let i = 0; i < 10; i++) expect((await api('GET', '/v1/users/me')).headers.get('x-ratelimit-remaining')).toBe(String(19 - i));
    clock.advance(1_000);
    for (let i = 0; i < 10; i++) expect((await api('GET', '/v1/users/me')).status).toBe(200);
    const over = await api('GET', '/v1/users/me');
    expect(over.status).toBe(429);
    expect(over.json).toMatchObject({ success: false, error: 'Request over limit', errorCode: 429 });
    expect(over.headers.get('x-ratelimit-limit')).toBe('20');
    expect(over.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(over.headers.get('x-ratelimit-reset')).toBe('1'); // the oldest call leaves the window in 1 s
    expect(Number(over.headers.get('x-daily-ratelimit-token-remaining'))).toBeGreaterThan(0);

    clock.advance(999);
    expect((await api('GET', '/v1/users/me')).status).toBe(429);
    clock.advance(1); // the first 10 calls roll out; the later 10 still count
    const rolled = await api('GET', '/v1/users/me');
    expect(rolled.status).toBe(200);
    expect(rolled.headers.get('x-ratelimit-remaining')).toBe('9');
    expect(sandbox.stats()).toMatchObject({ rateLimited: 2, dailyLimited: 0 });
  });

  it('charges the v2 / v1 token costs against the daily budget (30 000 × plan × active seats)', async () => {
    await start({ plan: 'growth' });
    const first = await api('GET', '/api/v2/personFields');
    expect(first.headers.get('x-daily-ratelimit-token-limit')).toBe(String(30_000 * 2 * 3)); // 3 active users
    expect(first.headers.get('x-ratelimit-limit')).toBe('40');
    const remaining = async (method: string, path: string, body?: unknown) => {
      const res = await api(method, path, body);
      expect(res.status).toBeLessThan(300);
      return Number(res.headers.get('x-daily-ratelimit-token-remaining'));
    };
    let left = Number(first.headers.get('x-daily-ratelimit-token-remaining'));
    const cost = async (method: string, path: string, body?: unknown) => { const now = await remaining(method, path, body); const c = left - now; left = now; return c; };
    expect(await cost('POST', '/api/v2/persons', { name: 'Cost Test' })).toBe(5);
    expect(await cost('GET', '/api/v2/persons/1')).toBe(1);
    expect(await cost('GET', '/api/v2/persons')).toBe(10);
    expect(await cost('PATCH', '/api/v2/persons/1', { job_title: 'CTO' })).toBe(5);
    expect(await cost('GET', '/api/v2/persons/search?term=cost')).toBe(20);
    expect(await cost('GET', '/v1/users')).toBe(20);
    expect(await cost('GET', '/v1/users/me')).toBe(2);
    expect(await cost('DELETE', '/api/v2/persons/1')).toBe(3);
    expect(sandbox.stats().tokensSpent).toBe(10 + 5 + 1 + 10 + 5 + 20 + 20 + 2 + 3);
  });

  it('refuses every request with 429 and token-remaining 0 once the daily budget is spent, until midnight', async () => {
    await start({ dailyTokenBudget: 25 });
    expect((await api('GET', '/api/v2/persons')).status).toBe(200); // 10
    expect((await api('GET', '/api/v2/persons')).status).toBe(200); // 20
    expect((await api('GET', '/api/v2/persons')).status).toBe(200); // crosses the budget: 30
    for (const path of ['/api/v2/persons', '/api/v2/personFields', '/v1/users/me']) {
      const res = await api('GET', path);
      expect(res.status).toBe(429);
      expect(res.headers.get('x-daily-ratelimit-token-remaining')).toBe('0');
      expect(res.headers.get('x-daily-ratelimit-token-limit')).toBe('25');
      expect(res.json).toMatchObject({ success: false, errorCode: 429 });
    }
    clock.set(Date.UTC(2026, 10, 3, 0, 0, 0)); // the next (UTC) day
    const fresh = await api('GET', '/v1/users/me');
    expect(fresh.status).toBe(200);
    expect(fresh.headers.get('x-daily-ratelimit-token-remaining')).toBe('23');
    expect(sandbox.stats()).toMatchObject({ rateLimited: 3, dailyLimited: 3, dailyTokensRemaining: 23 });
  });

  it('limits search to 10 per 2 s apart from the burst window', async () => {
    await start();
    for (let i = 0; i < 10; i++) expect((await api('GET', '/api/v2/persons/search?term=ab')).status).toBe(200);
    const over = await api('GET', '/api/v2/persons/search?term=ab');
    expect(over.status).toBe(429);
    expect(over.headers.get('x-ratelimit-limit')).toBe('10');
    const other = await api('GET', '/api/v2/persons');
    expect(other.status).toBe(200);
    expect(other.headers.get('x-ratelimit-remaining')).toBe('19');
  });

  it('rejects ids= beyond 100, limit beyond 500 and a forged cursor with 400', async () => {
    await start();
    const ids = Array.from({ length: 101 }, (_, i) => i + 1).join(',');
    const tooMany = await api('GET', `/api/v2/persons?ids=${ids}`);
    expect(tooMany.status).toBe(400);
    expect(tooMany.json).toMatchObject({ success: false, errorCode: 400, error: expect.stringContaining('at most 100') });
    expect((await api('GET', `/api/v2/persons?ids=${ids.split(',').slice(0, 100).join(',')}`)).status).toBe(200);
    expect((await api('GET', '/api/v2/persons?limit=501')).status).toBe(400);
    expect((await api('GET', '/api/v2/persons?cursor=not-a-cursor')).status).toBe(400);
    expect((await api('GET', `/api/v2/persons/1?custom_fields=${Array.from({ length: 16 }, (_, i) => `k${i}`).join(',')}`)).status).toBe(400);
  });

  it('answers a Cloudflare 403 HTML page to an API token that keeps calling after 429s, until the block ends', async () => {
    await start({ rateLimit: { max: 2, intervalMs: 2_000 }, cloudflareAfter429s: 3, cloudflareBlockMs: 60_000 });
    expect((await api('GET', '/v1/users/me')).status).toBe(200);
    expect((await api('GET', '/v1/users/me')).status).toBe(200);
    for (let i = 0; i < 3; i++) expect((await api('GET', '/v1/users/me')).status).toBe(429);
    clock.advance(5_000); // the burst window is long gone, the block is not
    const blocked = await api('GET', '/v1/users/me');
    expect(blocked.status).toBe(403);
    expect(blocked.headers.get('content-type')).toMatch(/^text\/html/);
    expect(blocked.text).toContain('Cloudflare');
    expect(() => JSON.parse(blocked.text)).toThrow();
    clock.advance(55_000);
    expect((await api('GET', '/v1/users/me')).status).toBe(200);
    expect(sandbox.stats()).toMatchObject({ rateLimited: 3, blocked: 1 });
  });

  it('injects outages: 503 JSON, 403 HTML, and through POST /_sandbox/outage', async () => {
    await start();
    sandbox.setOutage({ status: 503, forMs: 1_000 });
    const down = await api('GET', '/api/v2/persons');
    expect(down.status).toBe(503);
    expect(down.json).toMatchObject({ success: false, errorCode: 503 });
    clock.advance(1_000);
    expect((await api('GET', '/api/v2/persons')).status).toBe(200);

    sandbox.setOutage({ status: 403, forMs: 1_000, html: true });
    const edge = await api('GET', '/api/v2/persons');
    expect(edge.status).toBe(403);
    expect(edge.headers.get('content-type')).toMatch(/^text\/html/);
    sandbox.setOutage({ status: 403, forMs: 0 });

    const set = await fetch(`${url}/_sandbox/outage`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ status: 502, forMs: 500 }) });
    expect(set.status).toBe(204);
    expect((await api('GET', '/v1/users')).status).toBe(502);
    expect(sandbox.stats().tokensSpent).toBe(10); // failed calls spend nothing
  });

  it('answers 401 without valid credentials; api_token in the query works', async () => {
    await start();
    const none = await fetch(`${url}/api/v2/persons`);
    expect(none.status).toBe(401);
    expect(await none.json()).toMatchObject({ success: false, error: 'unauthorized access', errorCode: 401 });
    expect((await api('GET', '/api/v2/persons', undefined, { 'x-api-token': 'wrong' })).status).toBe(401);
    expect((await fetch(`${url}/api/v2/persons?api_token=${TOKEN}`)).status).toBe(200);
    expect((await fetch(`${url}/api/v1/users/me?api_token=${TOKEN}`)).status).toBe(200); // v1 under /api/v1 too
  });
});
