// HubSpot's API limits for one portal (shared/reference/hubspot.md §5):
// - burst: `max` calls per rolling `intervalMs` (110 / 10 s for OAuth apps), X-HubSpot-RateLimit-* headers;
// - daily: private-app (static token) requests only, with -Daily / -Daily-Remaining headers;
// - search: 5 requests / s per portal, separate from the burst limit, no rate-limit headers.
// A rejected call (429) is counted in stats but does not consume the window or the daily budget.
import { randomUUID } from 'node:crypto';
import { SandboxApiError } from './errors.ts';

export const DEFAULT_BURST = { max: 110, intervalMs: 10_000 }; // §5 "110 requests / 10 s per installing account"
export const DEFAULT_SEARCH_PER_SECOND = 5; // §5 "Search API: 5 requests / second per account"
const SEARCH_WINDOW_MS = 1_000;
const DAY_MS = 86_400_000;

export type LimitKind = 'standard' | 'search';

export interface RateLimiterOptions {
  max: number;
  intervalMs: number;
  dailyLimit?: number;
  searchPerSecond: number;
  now: () => number;
  /** Shown in the 429 body (HubSpot names the app / limit group there). */
  groupName: string;
}

export interface RateLimiter {
  /** Consumes one call or throws a 429 SandboxApiError; returns the headers to set. */
  take(kind: LimitKind, privateApp: boolean): Record<string, string>;
}

function rateLimitBody(policyName: string, message: string, groupName: string): Record<string, unknown> {
  // §5 real 429 body; the SDK retries on policyName TEN_SECONDLY_ROLLING and on the secondly message.
  return { status: 'error', message, errorType: 'RATE_LIMIT', correlationId: randomUUID(), policyName, groupName };
}

export function createRateLimiter(opts: RateLimiterOptions): RateLimiter {
  let burst: number[] = [];
  let search: number[] = [];
  let day = -1;
  let dailyUsed = 0;

  function dailyHeaders(privateApp: boolean, used: number): Record<string, string> {
    if (!privateApp || opts.dailyLimit === undefined) return {};
    return { 'X-HubSpot-RateLimit-Daily': String(opts.dailyLimit), 'X-HubSpot-RateLimit-Daily-Remaining': String(Math.max(0, opts.dailyLimit - used)) };
  }

  function takeDaily(privateApp: boolean, headersOnReject: (used: number) => Record<string, string>): void {
    if (!privateApp || opts.dailyLimit === undefined) return;
    // The daily budget resets at midnight; the sandbox uses UTC midnight (HubSpot: the account's time zone).
    const today = Math.floor(opts.now() / DAY_MS);
    if (today !== day) { day = today; dailyUsed = 0; }
    if (dailyUsed >= opts.dailyLimit) {
      throw new SandboxApiError(429, rateLimitBody('DAILY', 'You have reached your daily limit.', opts.groupName), headersOnReject(dailyUsed));
    }
  }

  return {
    take(kind, privateApp) {
      const now = opts.now();
      if (kind === 'search') {
        search = search.filter((t) => t > now - SEARCH_WINDOW_MS);
        takeDaily(privateApp, () => ({}));
        if (search.length >= opts.searchPerSecond) {
          throw new SandboxApiError(429, rateLimitBody('SECONDLY', 'You have reached your secondly limit.', opts.groupName));
        }
        search.push(now);
        if (privateApp && opts.dailyLimit !== undefined) dailyUsed++;
        return {}; // §5: no rate-limit headers on search responses
      }
      burst = burst.filter((t) => t > now - opts.intervalMs);
      const burstHeaders = (remaining: number): Record<string, string> => ({
        'X-HubSpot-RateLimit-Max': String(opts.max),
        'X-HubSpot-RateLimit-Remaining': String(Math.max(0, remaining)),
        'X-HubSpot-RateLimit-Interval-Milliseconds': String(opts.intervalMs),
      });
      takeDaily(privateApp, (used) => ({ ...burstHeaders(opts.max - burst.length), ...dailyHeaders(privateApp, used) }));
      if (burst.length >= opts.max) {
        throw new SandboxApiError(429, rateLimitBody('TEN_SECONDLY_ROLLING', 'You have reached your ten_secondly_rolling limit.', opts.groupName),
          { ...burstHeaders(0), ...dailyHeaders(privateApp, dailyUsed) });
      }
      burst.push(now);
      if (privateApp && opts.dailyLimit !== undefined) dailyUsed++;
      return { ...burstHeaders(opts.max - burst.length), ...dailyHeaders(privateApp, dailyUsed) };
    },
  };
}
