// Pipedrive's API limits for one company (pipedrive.md §4):
// - burst: a rolling 2-second window per user and token; the size depends on plan and auth kind;
// - search: 10 requests per 2 s on every plan, apart from the burst window;
// - daily: a token budget shared by the whole company, each call costing tokens by kind;
//   once spent, every request gets 429 with x-daily-ratelimit-token-remaining 0 until midnight;
// - API-token clients that keep calling after 429s may get a 403 Cloudflare HTML page.
// Headers on every admitted or limited response: x-ratelimit-limit / -remaining / -reset
// (seconds left in the window) and x-daily-ratelimit-token-limit / -remaining.
// Rejected requests (429, 403) do not consume the window or the budget.
import { apiError, cloudflareBlock } from './errors.ts';
import { utcDay } from './time.ts';
import type { AuthKind, Plan } from './types.ts';

/** §4 burst table: requests per rolling 2 s, API token vs OAuth app. */
export const BURST_LIMITS: Record<Plan, Record<AuthKind, number>> = {
  lite: { api_token: 20, oauth: 80 },
  growth: { api_token: 40, oauth: 160 },
  premium: { api_token: 100, oauth: 400 },
  ultimate: { api_token: 120, oauth: 480 },
};
export const BURST_WINDOW_MS = 2_000; // §4 "rolling 2-second window"
export const DEFAULT_SEARCH_LIMIT = { max: 10, intervalMs: 2_000 }; // §4 "Search API allows 10 requests per 2 s"
export const DAILY_TOKENS_PER_SEAT = 30_000; // §4 "30,000 × plan multiplier × number of seats"
export const PLAN_MULTIPLIER: Record<Plan, number> = { lite: 1, growth: 2, premium: 5, ultimate: 7 }; // §4
/** Pipedrive documents no duration for the Cloudflare block; a minute keeps it visible in tests and demos. */
export const DEFAULT_CLOUDFLARE_BLOCK_MS = 60_000;

export type Lane = 'standard' | 'search';
export interface Caller { kind: AuthKind; userId: number }

export interface RateLimiterOptions {
  burst: (kind: AuthKind) => { max: number; intervalMs: number };
  search: { max: number; intervalMs: number };
  dailyBudget: number;
  cloudflareAfter429s?: number;
  cloudflareBlockMs: number;
  now: () => number;
  onReject: (kind: 'burst' | 'daily' | 'blocked') => void;
}

export interface RateLimiter {
  /** Admits one call costing `cost` tokens, or throws a 429 / 403; returns the headers to set. */
  admit(caller: Caller, lane: Lane, cost: number): Record<string, string>;
  tokensSpent(): number;
  dailyRemaining(): number;
  dailyBudget(): number;
}

export function createRateLimiter(opts: RateLimiterOptions): RateLimiter {
  const windows = new Map<string, number[]>();
  const strikes = new Map<string, { count: number; blockedUntil: number }>();
  let day = utcDay(opts.now());
  let used = 0;
  let spentTotal = 0;

  function rollDay(now: number): void {
    const today = utcDay(now);
    if (today !== day) { day = today; used = 0; }
  }

  function strike(key: string, caller: Caller, now: number): void {
    if (caller.kind !== 'api_token' || opts.cloudflareAfter429s === undefined) return; // §4: OAuth apps are not blocked
    const s = strikes.get(key) ?? { count: 0, blockedUntil: 0 };
    s.count++;
    if (s.count >= opts.cloudflareAfter429s) s.blockedUntil = now + opts.cloudflareBlockMs;
    strikes.set(key, s);
  }

  return {
    admit(caller, lane, cost) {
      const now = opts.now();
      rollDay(now);
      const key = `${caller.kind}:${caller.userId}`;
      const s = strikes.get(key);
      if (s && s.blockedUntil > now) { opts.onReject('blocked'); throw cloudflareBlock(); }
      if (s && s.blockedUntil > 0) strikes.delete(key); // the block is over: start counting afresh

      const limit = lane === 'search' ? opts.search : opts.burst(caller.kind);
      const windowKey = `${lane}:${key}`;
      const window = (windows.get(windowKey) ?? []).filter((t) => t > now - limit.intervalMs);
      windows.set(windowKey, window);
      const headers = (remaining: number, dailyLeft: number): Record<string, string> => {
        const oldest = window[0];
        const resetMs = oldest === undefined ? limit.intervalMs : oldest + limit.intervalMs - now;
        return {
          'x-ratelimit-limit': String(limit.max),
          'x-ratelimit-remaining': String(Math.max(0, remaining)),
          'x-ratelimit-reset': String(Math.max(1, Math.ceil(resetMs / 1000))),
          'x-daily-ratelimit-token-limit': String(opts.dailyBudget),
          'x-daily-ratelimit-token-remaining': String(Math.max(0, dailyLeft)),
        };
      };

      if (used >= opts.dailyBudget) {
        strike(key, caller, now);
        opts.onReject('daily');
        throw apiError(429, 'Request over limit', { error_info: 'The daily API token budget is spent; it resets at midnight (server time).' },
          headers(limit.max - window.length, 0));
      }
      if (window.length >= limit.max) {
        strike(key, caller, now);
        opts.onReject('burst');
        throw apiError(429, 'Request over limit', {}, headers(0, opts.dailyBudget - used));
      }
      strikes.delete(key);
      window.push(now);
      // The call that crosses the budget still runs; the next one is refused.
      used += cost;
      spentTotal += cost;
      return headers(limit.max - window.length, opts.dailyBudget - used);
    },
    tokensSpent: () => spentTotal,
    dailyRemaining() { rollDay(opts.now()); return Math.max(0, opts.dailyBudget - used); },
    dailyBudget: () => opts.dailyBudget,
  };
}
