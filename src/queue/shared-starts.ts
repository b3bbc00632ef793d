// A lane's share of one tenant-wide rate limit kept in the store (PostgreSQL: every process of
// the app). Before a call starts, the scheduler takes a start from the shared log
// (SharedRateLimit.rateTake); starts are taken in small batches sized to the calls waiting
// here, so a busy lane costs a few short transactions per second, and a grant unused for the
// guard time is dropped (it was counted, so dropping it is safe, never over the limit).
//
// Why a shared log of starts, not a lease of budget slices or one owner process per tenant:
// the log is the same rolling window the in-process scheduler keeps (same headroom, same
// spread), nobody owns a tenant, so a process that dies leaves nothing to fail over: its
// logged starts simply age out of the window, and the others keep the whole budget.
import type { Lane, SharedRateLimit } from './types.ts';

/**
 * Guard time: a start counts in the shared log for intervalMs + guard. A start is stamped under
 * the store's lock and reaches the CRM a few ms later (commit, return, the request itself), and
 * the CRM counts arrivals; without a guard a window edge could let the next window's first starts
 * arrive while the previous ones still count there. 2% of the window (200 ms of HubSpot's 10 s,
 * 50 ms of Pipedrive's 2 s), at least 50 ms (a busy event loop delays a start that long);
 * it costs that share of throughput, inside the headroom. A grant is used at once by the calls
 * waiting; one older than the guard is dropped: the guard is what makes its lateness safe.
 */
export const GUARD_FRACTION = 0.02;
export const MIN_GUARD_MS = 50;
/** At most this share of the window's limit per take, so processes interleave. */
export const MAX_BATCH_FRACTION = 0.5;
/** When the store cannot be reached: ask again after this long (no start without a grant). */
export const STORE_RETRY_MS = 1_000;

export interface SharedStarts {
  /** 0: a start is granted now; else ms to wait before asking again. */
  take(waiting: number): Promise<number>;
}

export function createSharedStarts(opts: {
  shared: SharedRateLimit;
  tenant: string;
  lane: Lane;
  policy: () => { limit: number; intervalMs: number; spread: boolean };
  now: () => number;
  onError?: (err: unknown) => void;
}): SharedStarts {
  let credits = 0;
  let grantedAt = 0;
  const guardMs = (intervalMs: number) => Math.max(MIN_GUARD_MS, Math.ceil(intervalMs * GUARD_FRACTION));
  return {
    async take(waiting) {
      const now = opts.now();
      if (credits > 0 && now - grantedAt <= guardMs(opts.policy().intervalMs)) {
        credits--;
        return 0;
      }
      credits = 0;
      const { limit, intervalMs, spread } = opts.policy();
      const want = Math.max(1, Math.min(waiting, Math.ceil(limit * MAX_BATCH_FRACTION)));
      try {
        let at = now;
        const stamp = () => (at = opts.now());
        const windowMs = intervalMs + guardMs(intervalMs);
        const grant = await opts.shared.rateTake({ tenant: opts.tenant, lane: opts.lane, limit, intervalMs: windowMs, spread, want, now: stamp });
        if (grant.granted <= 0) return Math.max(1, grant.waitMs - (opts.now() - at));
        credits = grant.granted - 1;
        grantedAt = at;
        return 0;
      } catch (err) {
        opts.onError?.(err);
        return STORE_RETRY_MS;
      }
    },
  };
}
