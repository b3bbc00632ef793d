// Start-time fair queuing over a team's rotation pointers (see TeamRotation in ../types.ts).
//
// A member's start tag is its pointer; the lowest start wins, ties go to the member listed
// first in the team. The winner's pointer becomes start + 1/weight and the team's
// virtualTime moves up to that start. A member whose pointer is missing or below virtualTime
// (new, or back from absence / caps / off-hours) restarts one tick AFTER virtualTime:
// behind everyone still due at virtualTime and ahead of everyone due later. Restarting AT
// virtualTime is not enough: with team-order ties a returning member listed early would be
// served now and again first in the next round, one lead ahead of a member served just
// before it came back (a small catch-up burst that never evens out).
//
// Pointers are compared as whole "ticks" (TICKS_PER_TURN per turn) so arithmetic is exact:
// 1/weight is a whole number of ticks for every weight 1..16 and their halves/tenths,
// 1/3 + 1/3 + 1/3 is exactly one turn, ties are exact and shares never drift. The restart
// step after virtualTime is one tick. Stored values stay in turns (the store needs no change);
// they are snapped back to ticks on read, exact for pointers up to ~10^10 turns.
import type { OwnerConfig } from '../../config/schema.ts';
import { ownerId } from '../eligibility.ts';
import type { RotationUpdate, TeamRotation } from '../types.ts';

/** LCM(1..16): 1/weight is exact for weights 1..16, 0.5, 1.5, 0.25, 0.1, 0.3, ... */
export const TICKS_PER_TURN = 720_720;

export interface MemberPick {
  owner: OwnerConfig;
  rotation: RotationUpdate;
  tieBreak?: string;
}

export interface FairPick {
  index: number; // index into the members array
  start: number; // the winner's start tag, in ticks
  tied: number[] | null; // indices that tied with the winner (winner first), null if no tie
}

function toTicks(turns: number): number {
  return Math.round(turns * TICKS_PER_TURN);
}

/** The pointer advance for one assignment: 1/weight in ticks (at least one tick). */
export function pointerStep(weight: number): number {
  return Math.max(1, Math.round(TICKS_PER_TURN / weight));
}

/** A member's start tag in ticks: its pointer, or one tick after virtualTime if it lags behind. */
export function effectiveTicks(rotation: TeamRotation | undefined, owner: string): number {
  const v = rotation ? toTicks(rotation.virtualTime) : 0;
  const p = rotation?.pointers[owner];
  if (p === undefined) return v + 1;
  const t = toTicks(p);
  return t < v ? v + 1 : t;
}

/** effectiveTicks in turns, as stored and traced. */
export function effectivePointer(rotation: TeamRotation | undefined, owner: string): number {
  return effectiveTicks(rotation, owner) / TICKS_PER_TURN;
}

/**
 * The member with the lowest start tag among `members` (optionally only those with
 * include[i] true). `starts` receives each member's start tag in ticks.
 */
export function pickLowestStart(
  members: readonly OwnerConfig[],
  rotation: TeamRotation | undefined,
  starts: number[],
  include?: readonly boolean[],
): FairPick {
  let best = -1;
  let bestStart = Infinity;
  let tied: number[] | null = null;
  for (let i = 0; i < members.length; i++) {
    const s = effectiveTicks(rotation, ownerId(members[i]!));
    starts[i] = s;
    if (include && !include[i]) continue;
    if (s < bestStart) {
      best = i;
      bestStart = s;
      tied = null;
    } else if (s === bestStart) {
      if (!tied) tied = [best];
      tied.push(i);
    }
  }
  return { index: best, start: bestStart, tied };
}

/** The store's update for picking `owner` at start tag `start` (ticks). */
export function rotationUpdate(team: string, owner: OwnerConfig, start: number, weight: number, rotation: TeamRotation | undefined): RotationUpdate {
  const virtualTime = Math.max(start / TICKS_PER_TURN, rotation?.virtualTime ?? 0);
  return { team, owner: ownerId(owner), pointer: (start + pointerStep(weight)) / TICKS_PER_TURN, virtualTime };
}

/** A tick count as turns for traces, 6 decimals (a restart tick shows as 3.000001). */
export function tracePointer(ticks: number): number {
  return Math.round((ticks / TICKS_PER_TURN) * 1e6) / 1e6;
}

export function formatPointer(ticks: number): string {
  return String(tracePointer(ticks));
}

export function describeTie(members: readonly OwnerConfig[], tied: number[], what: string): string {
  return `${tied.length} tied on ${what} (${tied.map((i) => ownerId(members[i]!)).join(', ')}): first in team order`;
}
