// Mechanism (per-tenant limiter, retry loop) apart from policy (limits, backoff numbers):
// connectors translate CRM responses into CrmError{rateLimit, retryAfterMs, retryable} and
// report rate-limit headers; the scheduler decides when to run, pause and retry.
import type { Logger } from '../logger.ts';

export type Lane = 'default' | 'search';

export interface LanePolicy {
  /** Max requests per interval (already minus headroom). */
  limit: number;
  intervalMs: number;
  /** Max calls in flight on this lane (default: limit). */
  concurrency?: number;
  /** Fraction of the CRM limit kept free (0.1 = 10%); re-applied when a CRM reports a lower limit. */
  headroom?: number;
  /** Space starts evenly (intervalMs / limit apart) instead of bursting at window edges (sliding-window.ts). */
  spread?: boolean;
}

export interface RetryPolicy {
  maxAttempts: number; // total attempts, including the first
  baseDelayMs: number; // exponential backoff base (tiny in tests)
  maxDelayMs: number;
  /** Pause after a burst 429 when the CRM gives no reset hint. */
  burstPauseMs: number;
  /** 429s are capped apart from maxAttempts (default 20): they say "wait", not "broken". */
  maxRateLimitRetries?: number;
  /** Pause after a daily 429 without a reset time (default 1 h: one probe call per hour). */
  dailyPauseMs?: number;
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
  queued: number; // submitted, not running: waiting for a slot, paused or backing off
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
  /**
   * Stop accepting work and wait for in-flight calls (uninstall, shutdown). Calls not yet
   * started (queued, paused, backing off) reject with SchedulerClosedError at once.
   */
  close(): Promise<void>;
}

// ---------------------------------------------------------------------------------------------
// Additions (scheduler implementation). All optional / new names: existing users are unaffected.

/** What a scheduler reports so the app can feed metrics without the queue importing them. */
export type SchedulerEvent =
  | {
      type: 'call';
      tenant: string;
      lane: Lane;
      /** ok; a 429; a retryable error (5xx, 423, 477, network); an error not worth retrying (4xx). */
      outcome: 'ok' | 'rate_limited' | 'retryable_error' | 'error';
      /** HTTP status when the error carried one (CrmError.crmStatus). */
      status?: number;
      /** 1-based attempt number of this run() (429 retries included). */
      attempt: number;
      /** ms from run() to the start of this attempt (queueing, pauses, backoff). */
      waitMs: number;
      durationMs: number;
    }
  | { type: 'rate_limited'; tenant: string; lane: Lane; policy: 'burst' | 'daily'; pausedUntil: number }
  | { type: 'retry'; tenant: string; lane: Lane; attempt: number; delayMs: number; reason: 'rate_limit' | 'retryable' }
  | {
      type: 'failure';
      tenant: string;
      lane: Lane;
      attempts: number;
      reason: 'non_retryable' | 'attempts_exhausted' | 'rate_limit_exhausted' | 'closed';
      error: unknown;
    }
  | {
      type: 'throttled';
      tenant: string;
      lane: Lane;
      reason: 'remaining_low' | 'limit_lowered' | 'daily_exhausted';
      until?: number;
      limit?: number;
    };

export interface SchedulerDeps {
  now?: () => number;
  /** Resolves after ms; should honour `signal` (close() aborts it) so no timer outlives close. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** [0, 1): backoff jitter. */
  random?: () => number;
  onEvent?: (e: SchedulerEvent) => void;
  logger?: Logger;
  /** One limit per tenant across processes (the PostgreSQL store); absent: this process alone. */
  shared?: SharedRateLimit;
}

// ---------------------------------------------------------------------------------------------
// One rate limit per tenant across processes (PostgreSQL store; src/queue/shared-starts.ts).

/** Ask the shared log for up to `want` call starts on a tenant's lane at `now`. */
export interface RateTake {
  tenant: string;
  lane: Lane;
  /** The lane's limit per rolling window (already minus headroom), as this process knows it. */
  limit: number;
  intervalMs: number;
  spread: boolean;
  want: number;
  /**
   * The clock, read once the lane is locked: a start is stamped when it is granted, not when it
   * was asked for (waiting for the lock must not make a start look older than it is).
   */
  now: () => number;
}

/** Starts granted at `now` (0..want), and when a refused one may ask again (0 when all were granted). */
export interface RateGrant {
  granted: number;
  waitMs: number;
}

/**
 * Where N processes keep one tenant's budget: a log of recent call starts per (tenant, lane)
 * plus holds (429 pauses, "remaining low"). The Store implements it.
 */
export interface SharedRateLimit {
  rateTake(req: RateTake): Promise<RateGrant>;
  /** No starts on `lane` of `tenant` (on every lane with '*') before `until`; holds only ever extend. */
  rateHold(tenant: string, lane: Lane | '*', until: number): Promise<void>;
}
