// HubSpot's API limits for one portal (shared/reference/hubspot.md §5), by the auth mode of the
// request, each app with its own window (burst limits are per app):
// - burst: `max` calls per rolling `intervalMs`, X-HubSpot-RateLimit-* headers; OAuth apps
//   110 / 10 s per installing account, private apps by account tier (100 / 190 / 250);
// - daily: private-app (static token) requests only, by tier, with -Daily / -Daily-Remaining headers;
// - search: 5 requests / s per portal, separate from the burst limit, no rate-limit headers.
// A rejected call (429) is counted in stats but does not consume the window or the daily budget.
import { randomUUID } from 'node:crypto';
import { SandboxApiError } from './errors.ts';

export const DEFAULT_BURST = { max: 110, intervalMs: 10_000 }; // §5 "110 requests / 10 s per installing account"

/** Private-app tiers (the same names as HUBSPOT_ACCOUNT_TIER). */
export type PrivateAppTier = 'starter' | 'pro' | 'enterprise' | 'api_add_on';
/**
 * §5 table, private / static apps: burst per 10 s and daily cap per account. api_add_on: 250 / 10 s
 * and "+1,000,000 / day" on top of the tier's cap; the sandbox assumes Professional underneath
 * (625,000 + 1,000,000).
 */
export const PRIVATE_APP_LIMITS: Record<PrivateAppTier, { max: number; dailyLimit: number }> = {
  starter: { max: 100, dailyLimit: 250_000 },
  pro: { max: 190, dailyLimit: 625_000 },
  enterprise: { max: 190, dailyLimit: 1_000_000 },
  api_add_on: { max: 250, dailyLimit: 1_625_000 },
};
export const DEFAULT_SEARCH_PER_SECOND = 5; // §5 "Search API: 5 requests / second per account"
const SEARCH_WINDOW_MS = 1_000;
const DAY_MS = 86_400_000;

export type LimitKind = 'standard' | 'search';

export interface BurstLimit {
  max: number;
  intervalMs: number;
}

export interface RateLimiterOptions {
  /** Burst limit of requests made with OAuth access tokens. */
  oauth: BurstLimit;
  /** Burst limit of requests made with the private-app token. */
  privateApp: BurstLimit;
  /** Daily cap of private-app requests (none when undefined). */
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
  const windows = { oauth: [] as number[], privateApp: [] as number[] };
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
      const mode = privateApp ? 'privateApp' : 'oauth';
      const { max, intervalMs } = opts[mode];
      const burst = (windows[mode] = windows[mode].filter((t) => t > now - intervalMs));
      const burstHeaders = (remaining: number): Record<string, string> => ({
        'X-HubSpot-RateLimit-Max': String(max),
        'X-HubSpot-RateLimit-Remaining': String(Math.max(0, remaining)),
        'X-HubSpot-RateLimit-Interval-Milliseconds': String(intervalMs),
      });
      takeDaily(privateApp, (used) => ({ ...burstHeaders(max - burst.length), ...dailyHeaders(privateApp, used) }));
      if (burst.length >= max) {
        throw new SandboxApiError(429, rateLimitBody('TEN_SECONDLY_ROLLING', 'You have reached your ten_secondly_rolling limit.', opts.groupName),
          { ...burstHeaders(0), ...dailyHeaders(privateApp, dailyUsed) });
      }
      burst.push(now);
      if (privateApp && opts.dailyLimit !== undefined) dailyUsed++;
      return { ...burstHeaders(max - burst.length), ...dailyHeaders(privateApp, dailyUsed) };
    },
  };
}
