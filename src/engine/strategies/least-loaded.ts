// least_loaded: the eligible member with the fewest open leads; ties between equally loaded
// members go by the rotation pointer, so equal loads still rotate and the pointer moves.
import type { OwnerConfig } from '../../config/schema.ts';
import { loadOf, ownerId } from '../eligibility.ts';
import type { CandidateTrace, RoutingState } from '../types.ts';
import { describeTie, formatPointer, pickLowestStart, rotationUpdate, tracePointer, type MemberPick } from './fair-queue.ts';

export function selectLeastLoaded(
  team: string,
  members: readonly OwnerConfig[],
  traces: readonly CandidateTrace[],
  state: RoutingState,
  starts: number[],
): MemberPick {
  let min = Infinity;
  const open: number[] = new Array(members.length);
  for (let i = 0; i < members.length; i++) {
    const n = loadOf(state, ownerId(members[i]!)).openLeads;
    open[i] = n;
    traces[i]!.openLeads = n;
    if (n < min) min = n;
  }
  const include = open.map((n) => n === min);
  let fewest = 0;
  for (const b of include) if (b) fewest++;
  const rotation = state.rotations[team];
  const pick = pickLowestStart(members, rotation, starts, include);
  for (let i = 0; i < members.length; i++) traces[i]!.pointer = tracePointer(starts[i]!);
  const owner = members[pick.index]!;
  const result: MemberPick = { owner, rotation: rotationUpdate(team, owner, pick.start, 1, rotation) };
  if (fewest > 1) {
    const ptr = formatPointer(pick.start);
    result.tieBreak = pick.tied
      ? `${fewest} with ${min} open leads; ${describeTie(members, pick.tied, `pointer ${ptr}`)}`
      : `${fewest} with ${min} open leads: lowest rotation pointer (${ptr})`;
  }
  return result;
}
