// What a matched rule's target does: assign, continue with the next rule (account owner /
// keep current not available), or hand over to the fallback (owner / team not available).
import type { RoutingRule } from '../config/schema.ts';
import { checkEligibility, findOwner, NO_GATES, ownerId } from './eligibility.ts';
import { gatesFor, pickFromTeam } from './pick-from-team.ts';
import { assignDecision, unassignedDecision, type RouteRun } from './route-run.ts';
import { pickedPrefix, reasonPrefix, type RuleTexts } from './route-plan.ts';
import type { RouteDecision } from './types.ts';

export type TargetOutcome =
  | { kind: 'decided'; decision: RouteDecision }
  | { kind: 'continue' }
  | { kind: 'fallback'; why: string };

const CONTINUE: TargetOutcome = Object.freeze({ kind: 'continue' });

/** Why `email` cannot take this lead now (unknown, inactive, excluded, OOO, at cap), or null. */
function unavailable(run: RouteRun, email: string): string | null {
  const owner = findOwner(run.compiled, email);
  if (!owner) return `${email} is not a known owner`;
  const bad = checkEligibility(owner, run.state, run.now, NO_GATES, run.exclude);
  return bad ? `${ownerId(owner)} ${bad.skipped}: ${bad.detail}` : null;
}

function canonical(run: RouteRun, email: string): string {
  const owner = findOwner(run.compiled, email);
  return owner ? ownerId(owner) : email.toLowerCase();
}

export function applyTarget(run: RouteRun, rule: RoutingRule, texts: RuleTexts): TargetOutcome {
  const target = rule.assign;
  const label = texts.quoted; // traces quote rule names
  const by = texts.by; // reasons do not: "rule pharma -> team pharma (round_robin): anna@x"
  if ('owner' in target) {
    const why = unavailable(run, target.owner);
    if (why) {
      run.trace.push(`${label}: owner unavailable (${why}); using the fallback`);
      return { kind: 'fallback', why: `${by}: owner ${why}` };
    }
    const owner = canonical(run, target.owner);
    return { kind: 'decided', decision: assignDecision(run, { owner, rule: rule.name, target: 'owner', reason: `${by} -> owner ${owner}` }) };
  }
  if ('team' in target) {
    const team = run.compiled.teams.get(target.team);
    if (!team) {
      run.trace.push(`${label}: team ${target.team} is not defined; using the fallback`);
      return { kind: 'fallback', why: `${by}: team ${target.team} is not defined` };
    }
    const pick = pickFromTeam(team, gatesFor(team, target), run.compiled, run.state, run.now, run.exclude);
    run.candidates = pick.candidates;
    if (!pick.owner) {
      run.trace.push(`${label}: team ${team.name} has no eligible member (${pick.why}); using the fallback`);
      return { kind: 'fallback', why: `${by}: nobody eligible in team ${team.name}` };
    }
    if (pick.note) run.trace.push(pick.note);
    const owner = ownerId(pick.owner);
    const picked = pickedPrefix(texts, team) + owner;
    run.trace.push(pick.tieBreak ? `${picked} (${pick.tieBreak})` : picked);
    return {
      kind: 'decided',
      decision: assignDecision(run, { owner, rule: rule.name, target: 'team', team: team.name, pick, reason: reasonPrefix(texts, team) + owner }),
    };
  }
  if ('accountOwner' in target) {
    const email = run.lead.accountOwner;
    const why = email ? unavailable(run, email) : 'the lead has no account owner';
    if (why) {
      run.trace.push(`${label}: account owner unavailable (${why}), continuing`);
      return CONTINUE;
    }
    const owner = canonical(run, email!);
    return {
      kind: 'decided',
      decision: assignDecision(run, { owner, rule: rule.name, target: 'account_owner', reason: `${by} -> account owner ${owner}` }),
    };
  }
  if ('keepCurrent' in target) {
    const why = currentOwnerUnavailable(run);
    if (why) {
      run.trace.push(`${label}: cannot keep the current owner (${why}), continuing`);
      return CONTINUE;
    }
    const owner = canonical(run, run.lead.currentOwner!);
    return {
      kind: 'decided',
      decision: assignDecision(run, { owner, rule: rule.name, target: 'keep_current', reason: `${by} -> kept current owner ${owner}` }),
    };
  }
  if (run.compiled.config.routing.allowUnassigned) {
    return { kind: 'decided', decision: unassignedDecision(run, rule.name, `${by} -> left unassigned`) };
  }
  run.trace.push(`${label}: assigns nobody but routing.allowUnassigned is false; using the fallback`);
  return { kind: 'fallback', why: `${by}: unassigned is not allowed` };
}

/**
 * Why the lead's current owner cannot simply keep it: no owner, not a known owner, inactive,
 * or excluded for this lead. Out of office and caps do not matter: nothing new is assigned.
 */
export function currentOwnerUnavailable(run: RouteRun): string | null {
  const email = run.lead.currentOwner;
  if (!email) return 'the lead has no current owner';
  const owner = findOwner(run.compiled, email);
  if (!owner) return `${email} is not a known owner`;
  if (!owner.active) return `${ownerId(owner)} is inactive`;
  if (run.exclude?.has(ownerId(owner))) return `${ownerId(owner)} is excluded for this lead`;
  return null;
}
