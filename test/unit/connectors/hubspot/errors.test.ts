import { describe, it, expect } from '@jest/globals';
import { parseRetryAfter, toHubspotCrmError, toNetworkCrmError } from '../../../../connectors/hubspot/errors.ts';
import { nextUtcMidnight, readHubspotRateLimit } from '../../../../connectors/hubspot/rate-limit.ts';

const NOW = Date.UTC(2026, 10, 23, 15, 30, 0); // 15:30 UTC

function res(status: number, body: unknown, headers: Record<string, string> = {}) {
  return { status, body, headers: new Headers(headers) };
}

describe('toHubspotCrmError', () => {
  it('429 TEN_SECONDLY_ROLLING: burst, retryable, waits the reported interval', () => {
    const body = {
      status: 'error', message: 'You have reached your ten_secondly_rolling limit.', errorType: 'RATE_LIMIT',
      correlationId: 'c-1', policyName: 'TEN_SECONDLY_ROLLING', groupName: 'x',
    };
    const e = toHubspotCrmError(res(429, body, { 'X-HubSpot-RateLimit-Interval-Milliseconds': '10000' }), 'POST /x', NOW);
    expect(e).toMatchObject({ rateLimit: 'burst', retryable: true, retryAfterMs: 10_000, crmStatus: 429, code: 'CRM_ERROR' });
    expect(e.message).toMatch(/ten_secondly_rolling limit.*correlationId c-1/);
    // Without the header: one 10 s window (§5).
    expect(toHubspotCrmError(res(429, body), 'POST /x', NOW).retryAfterMs).toBe(10_000);
  });

  it('429 "secondly limit" (search): burst with a 1 s pause', () => {
    const e = toHubspotCrmError(res(429, { message: 'You have reached your secondly limit.' }), 'POST /search', NOW);
    expect(e).toMatchObject({ rateLimit: 'burst', retryable: true, retryAfterMs: 1_000 });
  });

  it('429 DAILY: paused until the next UTC midnight', () => {
    const e = toHubspotCrmError(res(429, { policyName: 'DAILY', message: 'You have reached your daily limit.' }), 'GET /x', NOW);
    expect(e).toMatchObject({ rateLimit: 'daily', retryable: true });
    expect(NOW + (e.retryAfterMs as number)).toBe(Date.UTC(2026, 10, 24));
  });

  it('429 with an unknown body is still a burst limit', () => {
    expect(toHubspotCrmError(res(429, 'Too Many Requests'), 'GET /x', NOW)).toMatchObject({ rateLimit: 'burst', retryAfterMs: 10_000 });
  });

  it('423 locked: retryable, at least 2 s', () => {
    expect(toHubspotCrmError(res(423, {}), 'POST /x', NOW)).toMatchObject({ retryable: true, retryAfterMs: 2_000, rateLimit: undefined });
  });

  it('477 migration in progress: Retry-After in seconds', () => {
    expect(toHubspotCrmError(res(477, {}, { 'Retry-After': '30' }), 'POST /x', NOW)).toMatchObject({ retryable: true, retryAfterMs: 30_000 });
  });

  it.each([500, 502, 503, 504, 521, 523, 524])('%i is retryable', (status) => {
    const e = toHubspotCrmError(res(status, '<html>bad gateway</html>'), 'POST /x', NOW);
    expect(e.retryable).toBe(true);
    expect(e.retryAfterMs).toBeUndefined();
    expect(e.message).toContain('bad gateway');
  });

  it('5xx with Retry-After honours it', () => {
    expect(toHubspotCrmError(res(503, {}, { 'Retry-After': '5' }), 'GET /x', NOW).retryAfterMs).toBe(5_000);
  });

  it('400 is not retryable and carries HubSpot message and category', () => {
    const body = { status: 'error', message: 'Property values were not valid', category: 'VALIDATION_ERROR', correlationId: 'abc' };
    const e = toHubspotCrmError(res(400, body), 'POST /crm/v3/objects/contacts/batch/update', NOW);
    expect(e.retryable).toBe(false);
    expect(e.crmStatus).toBe(400);
    expect(e.message).toBe(
      'HubSpot POST /crm/v3/objects/contacts/batch/update failed: 400 VALIDATION_ERROR: Property values were not valid (correlationId abc)',
    );
  });

  it('401 / 403 tell the operator what to fix', () => {
    expect(toHubspotCrmError(res(401, {}), 'GET /x', NOW).message).toMatch(/reinstall/);
    expect(toHubspotCrmError(res(403, { category: 'MISSING_SCOPES' }), 'GET /x', NOW).message).toMatch(/scope/);
    expect(toHubspotCrmError(res(404, {}), 'GET /x', NOW).retryable).toBe(false);
  });

  it('transient network errors are retryable; an unknown host is not', () => {
    const reset = Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' });
    const e = toNetworkCrmError(new TypeError('fetch failed', { cause: reset }), 'GET /x');
    expect(e).toMatchObject({ retryable: true, crmStatus: undefined });
    expect(e.message).toContain('ECONNRESET');
    expect(e.cause).toBeInstanceOf(TypeError);
    const dns = Object.assign(new Error('getaddrinfo ENOTFOUND api.hubapi.con'), { code: 'ENOTFOUND' });
    const bad = toNetworkCrmError(Object.assign(new Error('request failed', { cause: dns })), 'GET /x');
    expect(bad.retryable).toBe(false);
    expect(bad.message).toMatch(/check the HubSpot API base URL/);
  });
});

describe('parseRetryAfter', () => {
  it('seconds, HTTP dates, garbage', () => {
    expect(parseRetryAfter('2', NOW)).toBe(2000);
    expect(parseRetryAfter(new Date(NOW + 7000).toUTCString(), NOW)).toBe(7000);
    expect(parseRetryAfter('soon', NOW)).toBeUndefined();
    expect(parseRetryAfter(null, NOW)).toBeUndefined();
  });
});

describe('readHubspotRateLimit', () => {
  it('reads the burst and daily headers', () => {
    const h = new Headers({
      'X-HubSpot-RateLimit-Max': '110',
      'X-HubSpot-RateLimit-Remaining': '42',
      'X-HubSpot-RateLimit-Interval-Milliseconds': '10000',
      'X-HubSpot-RateLimit-Daily': '250000',
      'X-HubSpot-RateLimit-Daily-Remaining': '1234',
    });
    expect(readHubspotRateLimit(h, 'default', NOW)).toEqual({
      lane: 'default', limit: 110, remaining: 42, intervalMs: 10_000, dailyRemaining: 1234, dailyResetAt: Date.UTC(2026, 10, 24),
    });
  });

  it('null when the response has none (search responses)', () => {
    expect(readHubspotRateLimit(new Headers({ 'content-type': 'application/json' }), 'search', NOW)).toBeNull();
  });

  it('ignores malformed values', () => {
    expect(readHubspotRateLimit(new Headers({ 'X-HubSpot-RateLimit-Max': 'lots', 'X-HubSpot-RateLimit-Remaining': '3' }), 'default', NOW)).toEqual({
      lane: 'default',
      remaining: 3,
    });
  });

  it('nextUtcMidnight', () => {
    expect(nextUtcMidnight(Date.UTC(2026, 0, 1))).toBe(Date.UTC(2026, 0, 2));
    expect(nextUtcMidnight(Date.UTC(2026, 0, 1, 23, 59, 59, 999))).toBe(Date.UTC(2026, 0, 2));
  });
});
