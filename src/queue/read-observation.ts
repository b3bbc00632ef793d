// POLICY for rate-limit headers (HubSpot X-HubSpot-RateLimit-*, Pipedrive x-ratelimit-* and
// x-daily-ratelimit-*; connectors turn them into a RateLimitObservation): what the scheduler
// should change. Pure; the scheduler applies the effect.
import type { LanePolicy, RateLimitObservation } from './types.ts';

// "Remaining is low": at most 1 left, or under 5% of the window. Our choice, not a CRM number:
// it leaves room for calls other processes of the same app start before they see the header.
export const LOW_REMAINING_FRACTION = 0.05;

export interface ObservationEffect {
  /** The lane's effective limit: never above the configured one. */
  limit?: number;
  /** Hold new starts on this lane until then (the window is nearly used up). */
  holdUntil?: number;
  /** Pause the whole tenant until then (daily budget gone). */
  pauseUntil?: number;
}

export function readObservation(obs: RateLimitObservation, lane: LanePolicy, now: number): ObservationEffect {
  const effect: ObservationEffect = {};
  if (isPositive(obs.limit)) {
    // Scale a limit reported over a longer window down to ours; never scale up (a shorter
    // reported window does not allow bursts above its own max inside ours).
    const perWindow = isPositive(obs.intervalMs) && obs.intervalMs > lane.intervalMs ? (obs.limit * lane.intervalMs) / obs.intervalMs : obs.limit;
    const safe = Math.max(1, Math.floor(perWindow * (1 - (lane.headroom ?? 0))));
    effect.limit = Math.min(lane.limit, safe);
  }
  if (obs.remaining !== undefined && isPositive(obs.resetMs)) {
    const windowMax = isPositive(obs.limit) ? obs.limit : lane.limit;
    if (obs.remaining <= 1 || obs.remaining < windowMax * LOW_REMAINING_FRACTION) {
      // A window cannot reset later than its own length; ignore absurd reset hints.
      effect.holdUntil = now + Math.min(obs.resetMs, isPositive(obs.intervalMs) ? obs.intervalMs : lane.intervalMs);
    }
  }
  // Without a reset time we cannot know how long to wait; the daily 429 that follows will tell.
  if (obs.dailyRemaining !== undefined && obs.dailyRemaining <= 0 && obs.dailyResetAt !== undefined && obs.dailyResetAt > now) {
    effect.pauseUntil = obs.dailyResetAt;
  }
  return effect;
}

function isPositive(n: number | undefined): n is number {
  return typeof n === 'number' && Number.isFinite(n) && n > 0;
}
