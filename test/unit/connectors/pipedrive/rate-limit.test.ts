import { describe, expect, it } from '@jest/globals';
import { readLimitHeaders, toCrmError, toObservation, tokenCost } from '../../../../connectors/pipedrive/rate-limit.ts';
import { nextUtcMidnight, parsePipedriveTime, toRfc3339 } from '../../../../connectors/pipedrive/time.ts';
import { CrmError } from '../../../../src/errors.ts';

const NOW = Date.parse('2026-11-20T22:30:00.000Z');
const fail = (status: number, headers: Record<string, string> = {}, body = '{"success":false,"error":"Boom"}', method = 'GET') =>
  toCrmError({ status, headers: new Headers(headers), bodyText: body, method, path: '/api/v2/persons' }, NOW);

describe('toCrmError', () => {
  it('429 with the daily token budget at 0 pauses until the next UTC midnight', () => {
    const e = fail(429, { 'x-daily-ratelimit-token-remaining': '0', 'x-ratelimit-reset': '1' });
    expect(e).toBeInstanceOf(CrmError);
    expect(e).toMatchObject({ rateLimit: 'daily', retryable: true, crmStatus: 429, retryAfterMs: 90 * 60_000 });
  });

  it('429 on a write with the legacy POST/PUT counter at 0 is daily too', () => {
    expect(fail(429, { 'x-daily-requests-left': '0' }, '{}', 'PATCH').rateLimit).toBe('daily');
    expect(fail(429, { 'x-daily-requests-left': '0' }, '{}', 'GET').rateLimit).toBe('burst');
  });

  it('other 429s are burst: at least 2 s, or x-ratelimit-reset / Retry-After when longer', () => {
    expect(fail(429, { 'x-daily-ratelimit-token-remaining': '5000', 'x-ratelimit-reset': '1' })).toMatchObject({ rateLimit: 'burst', retryAfterMs: 2000, retryable: true });
    expect(fail(429, { 'x-ratelimit-reset': '7' }).retryAfterMs).toBe(7000);
    expect(fail(429, { 'retry-after': '12' }).retryAfterMs).toBe(12_000);
    expect(fail(429).retryAfterMs).toBe(2000);
  });

  it('403 with an HTML (Cloudflare) body is rate limiting with a long pause', () => {
    const e = fail(403, {}, '<!DOCTYPE html><html><title>Attention Required! | Cloudflare</title></html>');
    expect(e).toMatchObject({ rateLimit: 'burst', retryable: true, retryAfterMs: 60_000, crmStatus: 403 });
  });

  it('403 with a JSON body is a permission error, not retried', () => {
    const e = fail(403, {}, '{"success":false,"error":"Scope and URL mismatch","error_info":"Please check the scopes"}');
    expect(e).toMatchObject({ rateLimit: undefined, retryable: false });
    expect(e.message).toBe('Pipedrive GET /api/v2/persons failed (403): Scope and URL mismatch (Please check the scopes) (missing OAuth scope or user permission?)');
  });

  it('5xx are retryable; 401 and other 4xx are not and carry Pipedrive\'s text', () => {
    expect(fail(503)).toMatchObject({ retryable: true, crmStatus: 503 });
    expect(fail(401, {}, '{"success":false,"error":"unauthorized access"}')).toMatchObject({ retryable: false, crmStatus: 401 });
    const bad = fail(400, {}, '{"success":false,"error":"Invalid field value","code":"ERR_SCHEMA_VALIDATION_FAILED"}');
    expect(bad).toMatchObject({ retryable: false, crmStatus: 400 });
    expect(bad.message).toBe('Pipedrive GET /api/v2/persons failed (400): Invalid field value');
  });
});

describe('toObservation', () => {
  it('reads the burst window and the daily budget', () => {
    const limits = readLimitHeaders(
      new Headers({
        'x-ratelimit-limit': '80',
        'x-ratelimit-remaining': '79',
        'x-ratelimit-reset': '2',
        'x-daily-ratelimit-token-limit': '300000',
        'x-daily-ratelimit-token-remaining': '123456',
      }),
    );
    expect(toObservation(limits, NOW)).toEqual({
      lane: 'default',
      limit: 80,
      remaining: 79,
      resetMs: 2000,
      intervalMs: 2000,
      dailyRemaining: 123456,
      dailyResetAt: Date.parse('2026-11-21T00:00:00.000Z'),
    });
  });

  it('falls back to x-daily-requests-left; null without any limit header', () => {
    expect(toObservation(readLimitHeaders(new Headers({ 'x-daily-requests-left': '42' })), NOW)).toMatchObject({ dailyRemaining: 42 });
    expect(toObservation(readLimitHeaders(new Headers({ 'content-type': 'application/json' })), NOW)).toBeNull();
  });
});

describe('tokenCost (§4)', () => {
  it.each([
    ['get', '/api/v2/persons/1', 1],
    ['list', '/api/v2/persons', 10],
    ['create', '/api/v2/personFields', 5],
    ['update', '/api/v2/persons/1', 5],
    ['delete', '/api/v2/persons/1', 3],
    ['search', '/api/v2/persons/search', 20],
    ['list', '/v1/users', 20],
    ['get', '/v1/leads/x', 2],
    ['update', '/v1/leads/x', 10],
    ['delete', '/v1/webhooks/1', 6],
  ] as const)('%s %s costs %d', (op, path, cost) => {
    expect(tokenCost(op, path)).toBe(cost);
  });
});

describe('time helpers', () => {
  it('parses ISO, zone-less UTC and epoch values', () => {
    expect(parsePipedriveTime('2022-11-24T13:18:55.665Z')).toBe(Date.parse('2022-11-24T13:18:55.665Z'));
    expect(parsePipedriveTime('2022-11-24 13:18:55')).toBe(Date.parse('2022-11-24T13:18:55Z'));
    expect(parsePipedriveTime('2026-11-02')).toBe(Date.parse('2026-11-02T00:00:00Z'));
    expect(parsePipedriveTime(1669304389)).toBe(1669304389000);
    expect(parsePipedriveTime(1669304389123)).toBe(1669304389123);
    expect(parsePipedriveTime('soon')).toBeNull();
    expect(parsePipedriveTime(null)).toBeNull();
  });

  it('formats RFC 3339 without milliseconds and finds the next UTC midnight', () => {
    expect(toRfc3339(Date.parse('2025-01-01T10:20:00.123Z'))).toBe('2025-01-01T10:20:00Z');
    expect(nextUtcMidnight(Date.parse('2026-12-31T23:59:59Z'))).toBe(Date.parse('2027-01-01T00:00:00Z'));
  });
});
