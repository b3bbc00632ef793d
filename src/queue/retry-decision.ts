// Retry POLICY: given an error and the attempts so far, decide pause / back off / give up.
// Pure (randomness passed in) so the numbers can be tested as a table; the scheduler is the
// mechanism that carries the decision out.
import type { RetryPolicy } from './types.ts';
import type { ErrorClass } from './classify-error.ts';

export const DEFAULT_MAX_RATE_LIMIT_RETRIES = 20;
// Neither CRM promises a reset time on a daily 429 (hubspot.md §5: "Retry-After ... not
// documented for ordinary 429s"; pipedrive.md §4: resets at server-time midnight, zone unknown).
// Probing once an hour costs one call per hour and loses at most an hour after the reset.
export const DEFAULT_DAILY_PAUSE_MS = 60 * 60 * 1000;

export interface RetryCounts {
  /** Failed attempts that count against maxAttempts (everything but 429s). */
  failures: number;
  /** 429s seen so far (this one included). */
  rateLimits: number;
}

export type RetryDecision =
  | { action: 'pause'; policy: 'burst' | 'daily'; pauseMs: number }
  | { action: 'backoff'; delayMs: number }
  | { action: 'fail'; reason: 'non_retryable' | 'attempts_exhausted' | 'rate_limit_exhausted' };

export function decideRetry(cls: ErrorClass, counts: RetryCounts, retry: RetryPolicy, random: () => number): RetryDecision {
  if (cls.kind === 'fatal') return { action: 'fail', reason: 'non_retryable' };
  if (cls.kind === 'rate_limit') {
    if (counts.rateLimits > (retry.maxRateLimitRetries ?? DEFAULT_MAX_RATE_LIMIT_RETRIES)) {
      return { action: 'fail', reason: 'rate_limit_exhausted' };
    }
    return { action: 'pause', policy: cls.policy, pauseMs: rateLimitPauseMs(cls, retry) };
  }
  if (counts.failures >= retry.maxAttempts) return { action: 'fail', reason: 'attempts_exhausted' };
  const jittered = backoffDelay(counts.failures, retry, random);
  // A server-given wait (Retry-After on 477, HubSpot's "wait >= 2 s" on 423) is a floor.
  return { action: 'backoff', delayMs: Math.max(jittered, cls.retryAfterMs ?? 0) };
}

/** How long a 429 pauses the tenant: the CRM's hint, else the policy's pause for that limit. */
export function rateLimitPauseMs(cls: Extract<ErrorClass, { kind: 'rate_limit' }>, retry: RetryPolicy): number {
  const fallback = cls.policy === 'burst' ? retry.burstPauseMs : (retry.dailyPauseMs ?? DEFAULT_DAILY_PAUSE_MS);
  return Math.max(0, cls.retryAfterMs ?? fallback);
}

/**
 * Exponential backoff with full jitter: uniform in [0, min(maxDelayMs, base * 2^(n-1))) after
 * the n-th failure. Full jitter spreads retries of many callers that failed together.
 */
export function backoffDelay(failures: number, retry: RetryPolicy, random: () => number): number {
  const exponent = Math.max(0, failures - 1);
  const cap = Math.min(retry.maxDelayMs, retry.baseDelayMs * 2 ** exponent);
  const r = Math.min(Math.max(random(), 0), 1);
  return Math.floor(r * cap);
}
