// The team strategies: round_robin (equal turns), weighted (turns in proportion to owner
// weight) and least_loaded (fewest open leads, ties rotated). All of them return the
// RotationUpdate the store applies, so the rotation keeps moving whatever the strategy.
import type { OwnerConfig, TeamConfig } from '../../config/schema.ts';
import type { CandidateTrace, RoutingState } from '../types.ts';
import { describeTie, formatPointer, pickLowestStart, rotationUpdate, tracePointer, type MemberPick } from './fair-queue.ts';
import { selectLeastLoaded } from './least-loaded.ts';

export type Strategy = TeamConfig['strategy'];

export type { MemberPick };

/**
 * Pick one of `members` (all eligible, in team order). `traces[i]` is the candidate trace of
 * members[i]; it gets the member's pointer (round_robin / weighted) or open leads (least_loaded).
 */
export function selectMember(
  strategy: Strategy,
  team: string,
  members: readonly OwnerConfig[],
  traces: readonly CandidateTrace[],
  state: RoutingState,
): MemberPick {
  const rotation = state.rotations[team];
  const starts: number[] = new Array(members.length);
  if (strategy === 'least_loaded') return selectLeastLoaded(team, members, traces, state, starts);
  const pick = pickLowestStart(members, rotation, starts);
  for (let i = 0; i < members.length; i++) traces[i]!.pointer = tracePointer(starts[i]!);
  const owner = members[pick.index]!;
  const weight = strategy === 'weighted' ? owner.weight : 1;
  const result: MemberPick = { owner, rotation: rotationUpdate(team, owner, pick.start, weight, rotation) };
  if (pick.tied) result.tieBreak = describeTie(members, pick.tied, `pointer ${formatPointer(pick.start)}`);
  return result;
}
