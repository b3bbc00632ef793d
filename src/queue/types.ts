// Mechanism (per-tenant limiter, retry loop) apart from policy (limits, backoff numbers):
// connectors translate CRM responses into CrmError{rateLimit, retryAfterMs, retryable} and
// report rate-limit headers; the scheduler decides when to run, pause and retry.

export type Lane = 'default' | 'search';

export interface LanePolicy {
  /** Max requests per interval (already minus headroom). */
  limit: number;
  intervalMs: number;
  concurrency?: number;
}

export interface RetryPolicy {
  maxAttempts: number; // total attempts, including the first
  baseDelayMs: number; // exponential backoff base (tiny in tests)
  maxDelayMs: number;
  /** Pause after a burst 429 when the CRM gives no reset hint. */
  burstPauseMs: number;
}

export interface SchedulerPolicy {
  lanes: Record<Lane, LanePolicy>;
  retry: RetryPolicy;
}

/** Rate-limit facts read off a response (HubSpot X-HubSpot-RateLimit-*, Pipedrive x-ratelimit-*). */
export interface RateLimitObservation {
  lane?: Lane;
  limit?: number; // window max
  remaining?: number; // left in the current window
  resetMs?: number; // time until the window resets
  intervalMs?: number;
  dailyRemaining?: number;
  /** epoch ms when the daily budget resets, if known */
  dailyResetAt?: number;
}

export interface SchedulerStats {
  tenant: string;
  queued: number;
  running: number;
  calls: number;
  rateLimited: number; // 429s seen
  retries: number;
  failures: number;
  pausedUntil: number | null;
}

export interface TenantScheduler {
  readonly tenant: string;
  /** Run one CRM call under the tenant's limits, retrying retryable CrmErrors. */
  run<T>(lane: Lane, fn: () => Promise<T>): Promise<T>;
  observe(obs: RateLimitObservation): void;
  stats(): SchedulerStats;
  /** Stop accepting work and wait for in-flight calls (uninstall, shutdown). */
  close(): Promise<void>;
}
