// The fallback chain: routing.fallback (owner or team, through the usual gates); if that fails
// too, leave the lead unassigned when allowed, else force it onto the fallback regardless of
// eligibility so no lead is ever lost; with no fallback at all the lead stays unowned.
import { checkEligibility, findOwner, NO_GATES, ownerId } from './eligibility.ts';
import { gatesFor, membersOf, pickFromTeam } from './pick-from-team.ts';
import { assignDecision, teamReason, unassignedDecision, type RouteRun } from './route-run.ts';
import { selectMember } from './strategies/select-member.ts';
import type { CandidateTrace, RouteDecision } from './types.ts';

export const NO_FALLBACK_REASON = 'no eligible owner and no fallback configured';

/** `why` says how we got here: "no rule matched" or "rule vip: owner a@x out_of_office: ...". */
export function routeFallback(run: RouteRun, why: string): RouteDecision {
  const routing = run.compiled.config.routing;
  const fallback = routing.fallback;
  if (!fallback) {
    run.trace.push(`fallback: none configured (${why})`);
    if (routing.allowUnassigned) return unassignedDecision(run, null, `${why}; no fallback configured -> left unassigned`);
    return unassignedDecision(run, null, NO_FALLBACK_REASON);
  }
  let failure: string;
  if ('owner' in fallback) {
    const owner = findOwner(run.compiled, fallback.owner);
    const bad = owner ? checkEligibility(owner, run.state, run.now, NO_GATES, run.exclude) : null;
    if (owner && !bad) {
      run.trace.push(`fallback: owner ${ownerId(owner)}`);
      return assignDecision(run, { owner: ownerId(owner), rule: null, target: 'fallback', reason: `${why} -> fallback owner ${ownerId(owner)}` });
    }
    failure = owner ? `fallback owner ${ownerId(owner)} ${bad!.skipped}: ${bad!.detail}` : `fallback owner ${fallback.owner} is not a known owner`;
  } else {
    const team = run.compiled.teams.get(fallback.team);
    if (team) {
      const pick = pickFromTeam(team, gatesFor(team), run.compiled, run.state, run.now, run.exclude);
      run.candidates = pick.candidates;
      if (pick.owner) {
        if (pick.note) run.trace.push(pick.note);
        run.trace.push(`fallback: team ${team.name} (${team.strategy}) picked ${ownerId(pick.owner)}${pick.tieBreak ? ` (${pick.tieBreak})` : ''}`);
        const reason = teamReason(`${why} -> fallback`, team.name, team.strategy, ownerId(pick.owner));
        return assignDecision(run, { owner: ownerId(pick.owner), rule: null, target: 'fallback', team: team.name, pick, reason });
      }
      failure = `fallback team ${team.name} has no eligible member (${pick.why})`;
    } else {
      failure = `fallback team ${fallback.team} is not defined`;
    }
  }
  run.trace.push(`fallback failed: ${failure}`);
  if (routing.allowUnassigned) return unassignedDecision(run, null, `${why}; ${failure} -> left unassigned`);
  return forceFallback(run, why, failure);
}

/** Nobody is eligible and unassigned is not allowed: assign the fallback anyway, loudly. */
function forceFallback(run: RouteRun, why: string, failure: string): RouteDecision {
  const fallback = run.compiled.config.routing.fallback!;
  const loud = 'NO ELIGIBLE OWNER: assigned regardless of eligibility so the lead is not lost';
  if ('owner' in fallback) {
    const fb = findOwner(run.compiled, fallback.owner);
    const owner = fb ? ownerId(fb) : fallback.owner.toLowerCase();
    run.trace.push(`${loud}: fallback owner ${owner}`);
    return assignDecision(run, { owner, rule: null, target: 'fallback', reason: `${loud} (${why}; ${failure}) -> fallback owner ${owner}` });
  }
  const team = run.compiled.teams.get(fallback.team);
  const known = team ? membersOf(run.compiled, team).flatMap((m) => (m.owner ? [m.owner] : [])) : [];
  // Prefer members that are at least active and not excluded; else anyone known.
  const usable = known.filter((o) => o.active && !run.exclude?.has(ownerId(o)));
  const pool = usable.length > 0 ? usable : known;
  if (!team || pool.length === 0) {
    run.trace.push(`${loud}: impossible, fallback team ${fallback.team} has no known members`);
    return unassignedDecision(run, null, `no eligible owner: fallback team ${fallback.team} has no known members`);
  }
  const traces: CandidateTrace[] = pool.map((o) => ({ owner: ownerId(o), eligible: true, detail: 'forced: assigned regardless of eligibility' }));
  const pick = selectMember(team.strategy, team.name, pool, traces, run.state);
  run.trace.push(`${loud}: fallback team ${team.name} (${team.strategy}) forced ${ownerId(pick.owner)}`);
  const teamPick = { owner: pick.owner, candidates: traces, rotation: pick.rotation, ...(pick.tieBreak ? { tieBreak: pick.tieBreak } : {}) };
  return assignDecision(run, {
    owner: ownerId(pick.owner),
    rule: null,
    target: 'fallback',
    team: team.name,
    pick: teamPick,
    reason: teamReason(`${loud} (${why}; ${failure}) -> fallback`, team.name, team.strategy, ownerId(pick.owner)),
  });
}
