import { describe, it, expect } from '@jest/globals';
import { backoffDelay, decideRetry } from '../../../src/queue/retry-decision.ts';
import type { RetryPolicy } from '../../../src/queue/types.ts';

const retry: RetryPolicy = { maxAttempts: 6, baseDelayMs: 500, maxDelayMs: 30_000, burstPauseMs: 10_000 };
const one = () => 0.999999;

describe('backoffDelay', () => {
  it('doubles the jitter ceiling per failure and caps it at maxDelayMs', () => {
    const ceilings = [1, 2, 3, 4, 5, 6, 7, 8].map((n) => backoffDelay(n, retry, one));
    expect(ceilings).toEqual([499, 999, 1_999, 3_999, 7_999, 15_999, 29_999, 29_999]);
  });

  it('spreads delays over [0, ceiling) with the random draw (full jitter)', () => {
    expect(backoffDelay(3, retry, () => 0)).toBe(0);
    expect(backoffDelay(3, retry, () => 0.5)).toBe(1_000);
    expect(backoffDelay(3, retry, () => 7)).toBe(2_000); // a bad random source is clamped
  });
});

describe('decideRetry', () => {
  const rand = () => 0.5;
  it('pauses on a burst 429 for retryAfterMs, else burstPauseMs', () => {
    expect(decideRetry({ kind: 'rate_limit', policy: 'burst', retryAfterMs: 1_234, status: 429 }, { failures: 0, rateLimits: 1 }, retry, rand)).toEqual({ action: 'pause', policy: 'burst', pauseMs: 1_234 });
    expect(decideRetry({ kind: 'rate_limit', policy: 'burst', retryAfterMs: undefined, status: 429 }, { failures: 0, rateLimits: 1 }, retry, rand)).toEqual({ action: 'pause', policy: 'burst', pauseMs: 10_000 });
  });

  it('pauses on a daily 429 until the reset, else one probe per hour', () => {
    expect(decideRetry({ kind: 'rate_limit', policy: 'daily', retryAfterMs: 5_000_000, status: 429 }, { failures: 0, rateLimits: 1 }, retry, rand)).toEqual({ action: 'pause', policy: 'daily', pauseMs: 5_000_000 });
    expect(decideRetry({ kind: 'rate_limit', policy: 'daily', retryAfterMs: undefined, status: 429 }, { failures: 0, rateLimits: 1 }, retry, rand)).toEqual({ action: 'pause', policy: 'daily', pauseMs: 3_600_000 });
  });

  it('gives up after maxRateLimitRetries 429s (default 20), whatever maxAttempts says', () => {
    const cls = { kind: 'rate_limit', policy: 'burst', retryAfterMs: undefined, status: 429 } as const;
    expect(decideRetry(cls, { failures: 5, rateLimits: 20 }, retry, rand).action).toBe('pause');
    expect(decideRetry(cls, { failures: 0, rateLimits: 21 }, retry, rand)).toEqual({ action: 'fail', reason: 'rate_limit_exhausted' });
    expect(decideRetry(cls, { failures: 0, rateLimits: 3 }, { ...retry, maxRateLimitRetries: 2 }, rand)).toEqual({ action: 'fail', reason: 'rate_limit_exhausted' });
  });

  it('backs off retryable errors until maxAttempts failures', () => {
    const cls = { kind: 'retryable', retryAfterMs: undefined, status: 503 } as const;
    expect(decideRetry(cls, { failures: 1, rateLimits: 0 }, retry, rand)).toEqual({ action: 'backoff', delayMs: 250 });
    expect(decideRetry(cls, { failures: 5, rateLimits: 9 }, retry, rand)).toEqual({ action: 'backoff', delayMs: 4_000 });
    expect(decideRetry(cls, { failures: 6, rateLimits: 0 }, retry, rand)).toEqual({ action: 'fail', reason: 'attempts_exhausted' });
  });

  it('uses a server-given wait as a floor', () => {
    expect(decideRetry({ kind: 'retryable', retryAfterMs: 2_000, status: 423 }, { failures: 1, rateLimits: 0 }, retry, rand)).toEqual({ action: 'backoff', delayMs: 2_000 });
  });

  it('fails non-retryable errors at once', () => {
    expect(decideRetry({ kind: 'fatal', status: 404 }, { failures: 0, rateLimits: 0 }, retry, rand)).toEqual({ action: 'fail', reason: 'non_retryable' });
  });
});
