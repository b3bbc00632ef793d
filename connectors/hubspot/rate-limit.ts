// Rate-limit facts HubSpot reports on responses (reference §5 "Headers"). The scheduler
// decides what to do with them; this file only reads them.
import type { Lane, RateLimitObservation } from '../../src/queue/types.ts';

const DAY_MS = 86_400_000;

/**
 * When HubSpot's daily budget resets. HubSpot resets it at midnight in the account's time
 * zone, which this app does not know; we assume UTC midnight. If that is early for the
 * account, the next call gets another DAILY 429 and pauses the tenant again; if it is late,
 * the tenant resumes at most a day late. Either way the budget is never exceeded by design.
 */
export function nextUtcMidnight(now: number): number {
  return (Math.floor(now / DAY_MS) + 1) * DAY_MS;
}

interface HeaderReader {
  get(name: string): string | null;
}

function int(headers: HeaderReader, name: string): number | undefined {
  const raw = headers.get(name);
  if (raw === null || raw.trim() === '') return undefined;
  const n = Number(raw.trim());
  return Number.isFinite(n) && n >= 0 ? n : undefined;
}

/**
 * X-HubSpot-RateLimit-Max / -Remaining / -Interval-Milliseconds (burst window) and
 * -Daily / -Daily-Remaining (private apps only). Null when the response carries none
 * (search responses and OAuth daily budgets carry none, §5).
 */
export function readHubspotRateLimit(headers: HeaderReader, lane: Lane, now: number): RateLimitObservation | null {
  const obs: RateLimitObservation = { lane };
  const limit = int(headers, 'x-hubspot-ratelimit-max');
  const remaining = int(headers, 'x-hubspot-ratelimit-remaining');
  const intervalMs = int(headers, 'x-hubspot-ratelimit-interval-milliseconds');
  const daily = int(headers, 'x-hubspot-ratelimit-daily');
  const dailyRemaining = int(headers, 'x-hubspot-ratelimit-daily-remaining');
  if (limit !== undefined) obs.limit = limit;
  if (remaining !== undefined) obs.remaining = remaining;
  if (intervalMs !== undefined) obs.intervalMs = intervalMs;
  if (dailyRemaining !== undefined) {
    obs.dailyRemaining = dailyRemaining;
    obs.dailyResetAt = nextUtcMidnight(now);
  }
  const any = [limit, remaining, intervalMs, daily, dailyRemaining].some((v) => v !== undefined);
  return any ? obs : null;
}
