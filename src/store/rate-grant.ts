// The shared rate limit's decision, the same for both stores: given the starts other processes
// (and this one) logged on a tenant's lane inside the last window, and any hold, how many of
// the wanted starts fit NOW. It replays the log into the very sliding window the in-process
// scheduler uses (src/queue/sliding-window.ts), so the rolling-window and spread rules are
// one implementation, not two.
import { createSlidingWindow } from '../queue/sliding-window.ts';
import type { RateGrant, RateTake } from '../queue/types.ts';

/** A group of starts logged at one time. */
export interface LoggedStarts {
  at: number;
  n: number;
}

/** `now`: req.now() read under the lane's lock. */
export function grantStarts(recent: LoggedStarts[], holdUntil: number, req: RateTake, now: number): RateGrant {
  if (holdUntil > now) return { granted: 0, waitMs: holdUntil - now };
  const window = createSlidingWindow({ limit: req.limit, intervalMs: req.intervalMs, spread: req.spread });
  for (const { at, n } of [...recent].sort((a, b) => a.at - b.at)) {
    for (let i = 0; i < n; i++) window.record(at);
  }
  let granted = 0;
  while (granted < req.want && window.waitMs(now) === 0) {
    window.record(now);
    granted++;
  }
  return { granted, waitMs: granted < req.want ? window.waitMs(now) : 0 };
}
