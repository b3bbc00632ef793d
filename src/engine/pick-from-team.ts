// One team target: run every member through the eligibility gates and the team's working-
// hours policy, then let the team's strategy pick among those left. Every member considered
// ends up in `candidates` with the reason it was skipped.
import type { OwnerConfig, RoutingTarget, TeamConfig } from '../config/schema.ts';
import { describeOutsideHours, isWithinWorkingHours } from './availability.ts';
import { checkEligibility, findOwner, ownerId, type Gates } from './eligibility.ts';
import { selectMember } from './strategies/select-member.ts';
import type { CandidateTrace, CompiledConfig, RotationUpdate, RoutingState } from './types.ts';

type TeamTarget = Extract<RoutingTarget, { team: string }>;

export interface TeamPick {
  owner: OwnerConfig | null;
  candidates: CandidateTrace[];
  rotation?: RotationUpdate;
  tieBreak?: string;
  /** Set when nobody was picked: "anna@x out_of_office, bob@x at_daily_cap". */
  why?: string;
  /** Set when the 'prefer' policy had to fall back to reps outside their hours. */
  note?: string;
}

// Per config: members resolved to owner configs, and the gates of each team / rule target.
const resolved = new WeakMap<CompiledConfig, Map<string, Member[]>>();
const gateCache = new WeakMap<object, Gates>();

interface Member {
  id: string; // lower-cased email
  owner: OwnerConfig | undefined; // undefined: not listed under owners
}

/** The team's members in team order, resolved to owner configs, duplicates dropped. */
export function membersOf(compiled: CompiledConfig, team: TeamConfig): readonly Member[] {
  let byTeam = resolved.get(compiled);
  if (!byTeam) resolved.set(compiled, (byTeam = new Map()));
  let list = byTeam.get(team.name);
  if (!list) {
    const seen = new Set<string>();
    list = [];
    for (const email of team.members) {
      const id = email.toLowerCase();
      if (seen.has(id)) continue;
      seen.add(id);
      list.push({ id, owner: findOwner(compiled, email) });
    }
    byTeam.set(team.name, list);
  }
  return list;
}

/** The team's own gates, plus the rule target's extra skills / seniority when given. */
export function gatesFor(team: TeamConfig, target?: TeamTarget): Gates {
  const key: object = target ?? team;
  let g = gateCache.get(key);
  if (!g) {
    const skills = [...team.requireSkills, ...(target?.requireSkills ?? [])];
    const seniority = [team.seniority, target?.seniority].filter((s): s is NonNullable<typeof s> => s !== undefined);
    g = {
      ...(skills.length > 0 ? { requireSkills: skills } : {}),
      ...(seniority.length > 0 ? { seniority } : {}),
    };
    gateCache.set(key, g);
  }
  return g;
}

// Scratch for pickFromTeam (synchronous, never re-entered): whether each eligible member is
// within working hours.
let withinHours = new Uint8Array(16);

export function pickFromTeam(
  team: TeamConfig,
  gates: Gates,
  compiled: CompiledConfig,
  state: RoutingState,
  now: number,
  exclude: ReadonlySet<string> | undefined,
): TeamPick {
  const members = membersOf(compiled, team);
  if (withinHours.length < members.length) withinHours = new Uint8Array(members.length * 2);
  const candidates: CandidateTrace[] = [];
  const eligible: OwnerConfig[] = []; // passed the gates (then, maybe, the working-hours policy)
  const eligibleTraces: CandidateTrace[] = [];
  const policy = team.workingHours;
  let inHoursCount = 0;
  for (let i = 0; i < members.length; i++) {
    const owner = members[i]!.owner;
    if (!owner) {
      candidates.push({ owner: members[i]!.id, eligible: false, skipped: 'unknown_owner', detail: 'not listed under owners' });
      continue;
    }
    const bad = checkEligibility(owner, state, now, gates, exclude);
    if (bad) {
      candidates.push({ owner: ownerId(owner), eligible: false, skipped: bad.skipped, detail: bad.detail });
      continue;
    }
    const trace: CandidateTrace = { owner: ownerId(owner), eligible: true };
    candidates.push(trace);
    if (policy !== 'ignore') {
      const within = isWithinWorkingHours(owner, now);
      withinHours[eligible.length] = within ? 1 : 0;
      if (within) inHoursCount++;
    }
    eligible.push(owner);
    eligibleTraces.push(trace);
  }
  let note: string | undefined;
  if (policy !== 'ignore' && inHoursCount < eligible.length) {
    if (policy === 'require' || inHoursCount > 0) {
      // Keep the members within their hours (in place, in order); mark the others.
      let kept = 0;
      for (let i = 0; i < eligible.length; i++) {
        const owner = eligible[i]!;
        const trace = eligibleTraces[i]!;
        if (withinHours[i] === 1) {
          eligible[kept] = owner;
          eligibleTraces[kept] = trace;
          kept++;
        } else {
          trace.eligible = false;
          trace.skipped = 'outside_hours';
          trace.detail = describeOutsideHours(owner, now);
        }
      }
      eligible.length = kept;
      eligibleTraces.length = kept;
    } else {
      note = `nobody in team ${team.name} is within working hours; picking among off-hours members (workingHours: prefer)`;
    }
  }
  if (eligible.length === 0) {
    return { owner: null, candidates, why: skippedSummary(candidates) };
  }
  const pick = selectMember(team.strategy, team.name, eligible, eligibleTraces, state);
  const result: TeamPick = { owner: pick.owner, candidates, rotation: pick.rotation };
  if (pick.tieBreak !== undefined) result.tieBreak = pick.tieBreak;
  if (note !== undefined) result.note = note;
  return result;
}

/** "anna@x out_of_office, bob@x at_daily_cap" (or "no members"). */
function skippedSummary(candidates: readonly CandidateTrace[]): string {
  if (candidates.length === 0) return 'no members';
  let out = '';
  for (let i = 0; i < candidates.length; i++) {
    const c = candidates[i]!;
    const item = `${c.owner} ${c.skipped ?? 'skipped'}`;
    out = i === 0 ? item : `${out}, ${item}`;
  }
  return out;
}
