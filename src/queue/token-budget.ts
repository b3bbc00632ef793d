// A tenant's daily API budget: Pipedrive's token budget (30,000 x plan multiplier x seats per
// company, each call costing tokens; reference/pipedrive.md §4) or HubSpot's daily request cap
// for private apps (one "token" per request; reference/hubspot.md §5).
//
// Local bookkeeping only: what we spent since the last reset, corrected whenever the CRM tells
// us what is left (Pipedrive's undocumented x-daily-ratelimit-token-remaining, HubSpot's
// X-HubSpot-RateLimit-Daily-Remaining). The budget is shared with every other integration of
// the company, so the CRM's number always wins over ours.
//
// Reset time: we assume midnight UTC. HubSpot resets at midnight in the account's time zone and
// Pipedrive "at midnight in the server's time zone", which is not published and may not match
// the customer's. So after our reset the estimate is optimistic until the next observation (or
// a daily 429, which pauses the tenant) corrects it.

export interface TokenBudget {
  /** Record tokens spent by one of our calls. */
  spend(tokens: number): void;
  /** What the CRM says is left today (and, if known, the daily total). */
  observe(remaining: number, limit?: number): void;
  /** Tokens left today; Infinity when neither a budget nor an observation is known. */
  remaining(): number;
  /** Tokens we spent since the last reset. */
  spent(): number;
  exhausted(): boolean;
  /** Epoch ms of the next reset (next midnight UTC, see above). */
  resetsAt(): number;
}

const DAY_MS = 24 * 60 * 60 * 1000;

export function nextMidnightUtc(now: number): number {
  return Math.floor(now / DAY_MS) * DAY_MS + DAY_MS;
}

export function createTokenBudget(opts: { dailyBudget?: number; now: () => number }): TokenBudget {
  if (opts.dailyBudget !== undefined) checkAmount('dailyBudget', opts.dailyBudget);
  let budget = opts.dailyBudget;
  let spentToday = 0;
  let observed: { remaining: number; spentSince: number } | undefined;
  let resetAt = nextMidnightUtc(opts.now());

  function roll(): void {
    const t = opts.now();
    if (t < resetAt) return;
    spentToday = 0;
    observed = undefined;
    resetAt = nextMidnightUtc(t);
  }

  function remaining(): number {
    roll();
    if (observed) return Math.max(0, observed.remaining - observed.spentSince);
    if (budget !== undefined) return Math.max(0, budget - spentToday);
    return Number.POSITIVE_INFINITY;
  }

  return {
    spend(tokens) {
      checkAmount('tokens', tokens);
      roll();
      spentToday += tokens;
      if (observed) observed.spentSince += tokens;
    },
    observe(left, limit) {
      checkAmount('remaining', left);
      if (limit !== undefined) {
        checkAmount('limit', limit);
        budget = limit;
      }
      roll();
      observed = { remaining: left, spentSince: 0 };
    },
    remaining,
    spent() {
      roll();
      return spentToday;
    },
    exhausted: () => remaining() <= 0,
    resetsAt() {
      roll();
      return resetAt;
    },
  };
}

function checkAmount(name: string, value: number): void {
  if (!(Number.isFinite(value) && value >= 0)) {
    throw new RangeError(`Expected \`${name}\` to be a finite number >= 0, got \`${value}\``);
  }
}
