// Pipedrive rate limiting, read off every response (pipedrive.md §4): the rolling 2-second
// burst window (x-ratelimit-*), the daily token budget (x-daily-ratelimit-token-*, seen in
// practice, [3rd-party]) and the legacy POST/PUT counter (x-daily-requests-left). Failures are
// translated into CrmError{rateLimit, retryAfterMs, retryable}; the scheduler decides.
import type { Lane, RateLimitObservation } from '../../src/queue/types.ts';
import { CrmError } from '../../src/errors.ts';
import { nextUtcMidnight } from './time.ts';

/** The burst window is a rolling 2 seconds on every plan (§4 "Burst limits"). */
export const BURST_WINDOW_MS = 2_000;
/** "any other 429 means back off for at least 2 s, or x-ratelimit-reset" (§4). */
export const MIN_BURST_BACKOFF_MS = 2_000;
/**
 * API-token integrations that keep calling after a 429 can get a 403 Cloudflare HTML page
 * (§4 "Exhaustion"). Pipedrive documents no duration for that block; one minute is our policy:
 * long enough for the edge to lift it, short enough not to stall a tenant for long.
 */
export const CLOUDFLARE_BLOCK_PAUSE_MS = 60_000;

export type CallOp = 'get' | 'list' | 'create' | 'update' | 'delete' | 'search';

/**
 * Token cost per call. v1 (official, §4): get one 2, list 20, update 10, delete 6, search 40;
 * v1 create is not listed and is assumed to cost what an update does. v2 (a third-party report
 * cited in §4, consistent with "about 50% less"): get 1, list 10, create/update 5, delete 3, search 20.
 */
const COSTS: Record<'v1' | 'v2', Record<CallOp, number>> = {
  v1: { get: 2, list: 20, create: 10, update: 10, delete: 6, search: 40 },
  v2: { get: 1, list: 10, create: 5, update: 5, delete: 3, search: 20 },
};

export function tokenCost(op: CallOp, path: string): number {
  return COSTS[path.startsWith('/api/v2/') ? 'v2' : 'v1'][op];
}

function intHeader(headers: Headers, name: string): number | undefined {
  const raw = headers.get(name);
  if (raw === null || raw.trim() === '') return undefined;
  const n = Number(raw);
  return Number.isFinite(n) ? n : undefined;
}

export interface PipedriveLimits {
  limit?: number;
  remaining?: number;
  resetSeconds?: number;
  dailyTokenLimit?: number;
  dailyTokensRemaining?: number;
  /** Legacy POST/PUT counter, API-token requests only (§4 "Documented headers"). */
  dailyRequestsLeft?: number;
  retryAfterSeconds?: number;
}

export function readLimitHeaders(headers: Headers): PipedriveLimits {
  return {
    limit: intHeader(headers, 'x-ratelimit-limit'),
    remaining: intHeader(headers, 'x-ratelimit-remaining'),
    resetSeconds: intHeader(headers, 'x-ratelimit-reset'),
    dailyTokenLimit: intHeader(headers, 'x-daily-ratelimit-token-limit'),
    dailyTokensRemaining: intHeader(headers, 'x-daily-ratelimit-token-remaining'),
    dailyRequestsLeft: intHeader(headers, 'x-daily-requests-left'),
    retryAfterSeconds: intHeader(headers, 'retry-after'),
  };
}

/** What the scheduler should learn from a response, or null when it carried no limit headers. */
export function toObservation(limits: PipedriveLimits, now: number, lane: Lane = 'default'): RateLimitObservation | null {
  const obs: RateLimitObservation = { lane };
  if (limits.limit !== undefined) {
    obs.limit = limits.limit;
    obs.intervalMs = BURST_WINDOW_MS;
  }
  if (limits.remaining !== undefined) obs.remaining = limits.remaining;
  if (limits.resetSeconds !== undefined) obs.resetMs = limits.resetSeconds * 1000;
  // The token budget is what every call spends; the POST/PUT counter is only a fallback
  // (it is sent for API-token requests only and may be missing after idle periods, §4).
  const daily = limits.dailyTokensRemaining ?? limits.dailyRequestsLeft;
  if (daily !== undefined) {
    obs.dailyRemaining = daily;
    obs.dailyResetAt = nextUtcMidnight(now);
  }
  return Object.keys(obs).length > 1 ? obs : null;
}

export interface FailedResponse {
  status: number;
  headers: Headers;
  bodyText: string;
  method: string;
  path: string;
}

/** Pipedrive's own error text ({success:false, error, error_info}), or null for non-JSON bodies. */
export function pipedriveErrorText(bodyText: string): string | null {
  try {
    const body = JSON.parse(bodyText) as { error?: unknown; error_info?: unknown; message?: unknown };
    const main = typeof body.error === 'string' ? body.error : typeof body.message === 'string' ? body.message : null;
    const info = typeof body.error_info === 'string' ? body.error_info : null;
    if (main && info) return `${main} (${info})`;
    return main ?? info ?? JSON.stringify(body).slice(0, 300);
  } catch {
    return null;
  }
}

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH']);

/** Translate a non-2xx response into the CrmError the scheduler acts on. */
export function toCrmError(res: FailedResponse, now: number): CrmError {
  const where = `Pipedrive ${res.method} ${res.path}`;
  const limits = readLimitHeaders(res.headers);
  const text = pipedriveErrorText(res.bodyText);
  if (res.status === 429) {
    const dailyOut =
      limits.dailyTokensRemaining === 0 || (limits.dailyRequestsLeft === 0 && WRITE_METHODS.has(res.method));
    if (dailyOut) {
      return new CrmError(`${where}: daily API token budget exhausted (429); paused until the daily reset`, {
        status: 429,
        retryable: true,
        rateLimit: 'daily',
        retryAfterMs: Math.max(0, nextUtcMidnight(now) - now),
      });
    }
    const hintMs = Math.max((limits.resetSeconds ?? 0) * 1000, (limits.retryAfterSeconds ?? 0) * 1000);
    return new CrmError(`${where}: burst rate limit hit (429)`, {
      status: 429,
      retryable: true,
      rateLimit: 'burst',
      retryAfterMs: Math.max(MIN_BURST_BACKOFF_MS, hintMs),
    });
  }
  if (res.status === 403 && text === null) {
    return new CrmError(`${where}: blocked by Pipedrive's edge (403 with an HTML page) after rate limiting; pausing`, {
      status: 403,
      retryable: true,
      rateLimit: 'burst',
      retryAfterMs: CLOUDFLARE_BLOCK_PAUSE_MS,
    });
  }
  const detail = text ?? res.bodyText.slice(0, 200);
  if (res.status >= 500) return new CrmError(`${where} failed (${res.status}): ${detail}`, { status: res.status, retryable: true });
  if (res.status === 401) {
    return new CrmError(`${where} unauthorized (401): ${detail}. Check the API token, or reinstall the app if OAuth access was revoked`, {
      status: 401,
      retryable: false,
    });
  }
  if (res.status === 408) return new CrmError(`${where} timed out (408)`, { status: 408, retryable: true });
  const hint = res.status === 403 ? ' (missing OAuth scope or user permission?)' : '';
  return new CrmError(`${where} failed (${res.status}): ${detail}${hint}`, { status: res.status, retryable: false });
}
