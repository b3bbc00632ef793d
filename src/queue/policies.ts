// Rate-limit and retry POLICY per CRM: the documented numbers, minus headroom. The scheduler
// (mechanism) never hard-codes a CRM number; everything here can be overridden (tests and
// benchmarks use tiny numbers).
//
// Headroom: we plan for `limit * (1 - headroom)` (floor) starts per window, not the full limit,
// because the CRM counts arrival times, not our start times (network jitter can squeeze two
// calls closer together), and because other processes of the same app may share the limit.
import type { Lane, LanePolicy, RetryPolicy, SchedulerPolicy } from './types.ts';

export const DEFAULT_HEADROOM = 0.1;

export type HubspotTier = 'starter' | 'pro' | 'enterprise' | 'api_add_on';
export type PipedrivePlan = 'lite' | 'growth' | 'premium' | 'ultimate';

/** Replaces the computed values (after headroom), field by field. */
export interface PolicyOverrides {
  lanes?: Partial<Record<Lane, Partial<LanePolicy>>>;
  retry?: Partial<RetryPolicy>;
}

// HubSpot usage guidelines, https://developers.hubspot.com/docs/developer-tooling/platform/usage-guidelines
// (reference/hubspot.md §5). Windows are rolling ("TEN_SECONDLY_ROLLING" in 429 bodies).
const HUBSPOT_WINDOW_MS = 10_000;
/** Public/marketplace OAuth apps: 110 / 10 s per installing account; the add-on does not apply. */
const HUBSPOT_OAUTH_LIMIT = 110;
/** Private apps: 100 (free/starter), 190 (pro/enterprise), 250 (API limit increase add-on) / 10 s. */
const HUBSPOT_PRIVATE_LIMIT: Record<HubspotTier, number> = { starter: 100, pro: 190, enterprise: 190, api_add_on: 250 };
/** CRM search API: 5 requests / second per account, apart from the burst limit. */
const HUBSPOT_SEARCH = { limit: 5, intervalMs: 1_000 };
/** No Retry-After on ordinary HubSpot 429s (§5): wait out one whole 10 s window. */
const HUBSPOT_BURST_PAUSE_MS = HUBSPOT_WINDOW_MS;

// Pipedrive rate limiting, https://pipedrive.readme.io/docs/core-api-concepts-rate-limiting
// (reference/pipedrive.md §4): per user and token, rolling 2 s window.
const PIPEDRIVE_WINDOW_MS = 2_000;
const PIPEDRIVE_LIMIT: Record<'api_token' | 'oauth', Record<PipedrivePlan, number>> = {
  api_token: { lite: 20, growth: 40, premium: 100, ultimate: 120 },
  oauth: { lite: 80, growth: 160, premium: 400, ultimate: 480 },
};
/** Search API: 10 requests / 2 s on every plan and either auth type. */
const PIPEDRIVE_SEARCH_LIMIT = 10;
/** "Any other 429 means back off for at least 2 s, or x-ratelimit-reset" (§4). */
const PIPEDRIVE_BURST_PAUSE_MS = PIPEDRIVE_WINDOW_MS;
/** Daily token budget: 30,000 x plan multiplier x seats (+ top-ups). */
const PIPEDRIVE_DAILY_TOKENS_PER_SEAT = 30_000;
const PIPEDRIVE_PLAN_MULTIPLIER: Record<PipedrivePlan, number> = { lite: 1, growth: 2, premium: 5, ultimate: 7 };

/** Our defaults, not CRM numbers: 6 tries, at most ~15.5 s of backoff, then the inbox retries later. */
const DEFAULT_RETRY: Omit<RetryPolicy, 'burstPauseMs'> = { maxAttempts: 6, baseDelayMs: 500, maxDelayMs: 30_000 };

export function hubspotPolicy(
  opts: { authMode: 'oauth' | 'private'; tier?: HubspotTier; headroom?: number },
  overrides: PolicyOverrides = {},
): SchedulerPolicy {
  const headroom = checkHeadroom(opts.headroom);
  // An unknown private-app tier gets the lowest published limit: safe, never a 429 storm.
  const raw = opts.authMode === 'oauth' ? HUBSPOT_OAUTH_LIMIT : HUBSPOT_PRIVATE_LIMIT[opts.tier ?? 'starter'];
  return applyOverrides(
    {
      lanes: {
        default: lane(raw, HUBSPOT_WINDOW_MS, headroom),
        search: lane(HUBSPOT_SEARCH.limit, HUBSPOT_SEARCH.intervalMs, headroom),
      },
      retry: { ...DEFAULT_RETRY, burstPauseMs: HUBSPOT_BURST_PAUSE_MS },
    },
    overrides,
  );
}

export function pipedrivePolicy(
  opts: { authMode: 'oauth' | 'api_token'; plan: PipedrivePlan; headroom?: number },
  overrides: PolicyOverrides = {},
): SchedulerPolicy {
  const headroom = checkHeadroom(opts.headroom);
  return applyOverrides(
    {
      // Spread: the 2 s window is short enough that a few ms of network or event-loop delay at
      // a window edge overlaps two bursts (sliding-window.ts); evenly spaced starts do not.
      lanes: {
        default: { ...lane(PIPEDRIVE_LIMIT[opts.authMode][opts.plan], PIPEDRIVE_WINDOW_MS, headroom), spread: true },
        search: { ...lane(PIPEDRIVE_SEARCH_LIMIT, PIPEDRIVE_WINDOW_MS, headroom), spread: true },
      },
      retry: { ...DEFAULT_RETRY, burstPauseMs: PIPEDRIVE_BURST_PAUSE_MS },
    },
    overrides,
  );
}

/** A Pipedrive company's daily token budget (shared by all its users and integrations). */
export function pipedriveDailyTokenBudget(opts: { plan: PipedrivePlan; seats: number; topUpTokens?: number }): number {
  if (!(Number.isInteger(opts.seats) && opts.seats >= 1)) {
    throw new RangeError(`Expected \`seats\` to be an integer >= 1, got \`${opts.seats}\``);
  }
  return PIPEDRIVE_DAILY_TOKENS_PER_SEAT * PIPEDRIVE_PLAN_MULTIPLIER[opts.plan] * opts.seats + (opts.topUpTokens ?? 0);
}

function lane(raw: number, intervalMs: number, headroom: number): LanePolicy {
  return { limit: Math.max(1, Math.floor(raw * (1 - headroom))), intervalMs, headroom };
}

function checkHeadroom(headroom: number | undefined): number {
  const h = headroom ?? DEFAULT_HEADROOM;
  if (!(Number.isFinite(h) && h >= 0 && h < 1)) {
    throw new RangeError(`Expected \`headroom\` to be a fraction in [0, 1) such as 0.1 for 10%, got \`${headroom}\``);
  }
  return h;
}

function applyOverrides(base: SchedulerPolicy, overrides: PolicyOverrides): SchedulerPolicy {
  return {
    lanes: {
      default: { ...base.lanes.default, ...overrides.lanes?.default },
      search: { ...base.lanes.search, ...overrides.lanes?.search },
    },
    retry: { ...base.retry, ...overrides.retry },
  };
}
