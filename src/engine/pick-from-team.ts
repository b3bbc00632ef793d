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

export function pickFromTeam(
  team: TeamConfig,
  gates: Gates,
  compiled: CompiledConfig,
  state: RoutingState,
  now: number,
  exclude: ReadonlySet<string> | undefined,
): TeamPick {
  const members = membersOf(compiled, team);
  const candidates: CandidateTrace[] = [];
  const passing: OwnerConfig[] = [];
  const passingTraces: CandidateTrace[] = [];
  const policy = team.workingHours;
  let inHoursCount = 0;
  let inHours: boolean[] | null = null;
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
    passing.push(owner);
    passingTraces.push(trace);
    if (policy !== 'ignore') {
      const within = isWithinWorkingHours(owner, now);
      (inHours ??= []).push(within);
      if (within) inHoursCount++;
    }
  }
  let eligible = passing;
  let eligibleTraces = passingTraces;
  let note: string | undefined;
  if (inHours && inHoursCount < passing.length) {
    if (policy === 'require' || inHoursCount > 0) {
      eligible = [];
      eligibleTraces = [];
      for (let i = 0; i < passing.length; i++) {
        const trace = passingTraces[i]!;
        if (inHours[i]) {
          eligible.push(passing[i]!);
          eligibleTraces.push(trace);
        } else {
          trace.eligible = false;
          trace.skipped = 'outside_hours';
          trace.detail = describeOutsideHours(passing[i]!, now);
        }
      }
    } else if (passing.length > 0) {
      note = `nobody in team ${team.name} is within working hours; picking among off-hours members (workingHours: prefer)`;
    }
  }
  if (eligible.length === 0) {
    const why = candidates.map((c) => `${c.owner} ${c.skipped ?? 'skipped'}`).join(', ') || 'no members';
    return { owner: null, candidates, why };
  }
  const pick = selectMember(team.strategy, team.name, eligible, eligibleTraces, state);
  const result: TeamPick = { owner: pick.owner, candidates, rotation: pick.rotation };
  if (pick.tieBreak !== undefined) result.tieBreak = pick.tieBreak;
  if (note !== undefined) result.note = note;
  return result;
}
