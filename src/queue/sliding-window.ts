// A sliding log of call start times: the rolling-window limiter under each scheduler lane.
//
// Why not p-queue's `interval`: it counts in fixed windows, so `limit` calls at the end of one
// window plus `limit` at the start of the next put 2x the limit into one ROLLING window, which
// is how HubSpot (10 s) and Pipedrive (2 s) count (hubspot.md §5 "TEN_SECONDLY_ROLLING",
// pipedrive.md §4 "rolling 2-second window"). p-queue 9's `strict` mode is a sliding log too,
// but it reads Date.now()/setTimeout itself; this one takes the clock as a parameter so the
// scheduler can pause, adapt limits and be tested on a fake clock.
//
// Invariant: for every start time t, the starts in (t - intervalMs, t] number at most `limit`
// (the limit in force when each start was admitted).

export interface SlidingWindow {
  /** ms to wait before a start at `now` is allowed (0: allowed now). */
  waitMs(now: number): number;
  /** Record a start at `now`. Call only after waitMs(now) returned 0. */
  record(now: number): void;
  /** Starts inside the window ending at `now`. */
  /**
   * Move a start recorded at `reservedAt` to `actualAt` (later). The scheduler reserves a slot
   * when the gate opens and the call begins a few microtasks later; restamping keeps the log
   * equal to real start times so the invariant holds for them, not just for reservations.
   */
  restamp(reservedAt: number, actualAt: number): void;
  count(now: number): number;
  limit(): number;
  setLimit(limit: number): void;
}

/** Fraction of the limit that may start back to back to catch up on a late schedule (at least 2). */
export const SPREAD_CATCH_UP = 0.05;

/**
 * `spread`: also pace starts evenly, one per intervalMs / limit (GCRA: a start conforms when it
 * is no earlier than its theoretical time minus a small tolerance). A CRM counts ARRIVALS in its
 * rolling window; starts packed at window edges (a whole window's worth at once) overlap the
 * previous edge's burst as soon as network or event-loop delays shift one burst against the
 * other, and the CRM answers 429 although our start times kept the limit. Evenly paced starts
 * absorb such shifts inside the headroom; the rate is the same. The tolerance lets a start that
 * a busy event loop delayed be caught up (SPREAD_CATCH_UP of the limit), so delays do not add up.
 */
export function createSlidingWindow(opts: { limit: number; intervalMs: number; spread?: boolean }): SlidingWindow {
  assertPositiveInteger('limit', opts.limit);
  if (!(Number.isFinite(opts.intervalMs) && opts.intervalMs > 0)) {
    throw new TypeError(`Expected \`intervalMs\` to be a finite number > 0, got \`${opts.intervalMs}\``);
  }
  const intervalMs = opts.intervalMs;
  let limit = opts.limit;
  // Start times in ascending order; entries before `head` have expired (amortised O(1) trim).
  let starts: number[] = [];
  let head = 0;
  /** spread: the theoretical time of the next start (GCRA). */
  let tat = -Infinity;
  const emission = () => intervalMs / limit;
  const tolerance = () => (Math.max(2, Math.ceil(limit * SPREAD_CATCH_UP)) - 1) * emission();

  function trim(now: number): void {
    // A start at s still counts at `now` while now - s < intervalMs.
    while (head < starts.length && now - (starts[head] as number) >= intervalMs) head++;
    if (head > 64 && head * 2 > starts.length) {
      starts = starts.slice(head);
      head = 0;
    }
  }

  return {
    waitMs(now) {
      trim(now);
      const spacing = opts.spread ? Math.max(0, tat - tolerance() - now) : 0;
      const inWindow = starts.length - head;
      if (inWindow < limit) return spacing > 0 ? Math.max(1, Math.ceil(spacing)) : 0;
      // The start that has to leave the window before one more fits.
      const blocking = starts[starts.length - limit] as number;
      return Math.max(1, blocking + intervalMs - now, Math.ceil(spacing));
    },
    record(now) {
      if (opts.spread) tat = Math.max(tat, now) + emission();
      const last = starts[starts.length - 1];
      // Clocks can step backwards (NTP); never let the log go out of order.
      starts.push(last !== undefined && last > now ? last : now);
    },
    restamp(reservedAt, actualAt) {
      if (!(actualAt > reservedAt)) return;
      for (let i = starts.length - 1; i >= head; i--) {
        if (starts[i] !== reservedAt) continue;
        // Equal timestamps are interchangeable: move this one and bubble it into order.
        starts[i] = actualAt;
        for (let j = i; j + 1 < starts.length && (starts[j + 1] as number) < actualAt; j++) {
          starts[j] = starts[j + 1] as number;
          starts[j + 1] = actualAt;
        }
        return;
      }
    },
    count(now) {
      trim(now);
      return starts.length - head;
    },
    limit: () => limit,
    setLimit(next) {
      assertPositiveInteger('limit', next);
      limit = next;
    },
  };
}

function assertPositiveInteger(name: string, value: number): void {
  if (!(Number.isInteger(value) && value >= 1)) {
    throw new TypeError(`Expected \`${name}\` to be an integer >= 1, got \`${value}\``);
  }
}
