// The engine's one decision entry: everything that decides who owns a lead and why, for the
// live pipeline (inside the store's routing transaction) and for simulate / preview alike, so
// the two cannot disagree. On top of evaluateLead (score, classify, route by the rules) it
// owns the decisions that depend on the lead's history:
//   - a CRM owner lead-router does not manage keeps the lead (keepCurrentOwner): score only;
//   - a stored assignment the CRM has not received yet counts as the current owner;
//   - an SLA breach re-routes excluding the reps who breached, or escalates;
//   - a current owner who is an eligible member of the team the rules pick keeps the lead;
//   - a kept owner that lead-router assigned is explained by the original decision;
//   - whether the decision is a new assignment (rotation and loads advance).
import { evaluateLead } from './evaluate.ts';
import { formatReasons } from './explain.ts';
import { keptRoute, scoreOnly } from './score-only.ts';
import { isReengaged, matchNurtureProgram, nurtureAssignment, nurtureMark, nurtureRoute, reengagedRoute } from './nurture.ts';
import type { CompiledConfig, Evaluation, Lead, RouteDecision, RouteOptions, RoutingState, SlaBreachRequest } from './types.ts';

/** The lead's latest recorded assignment (the store's, or simulate's own). */
export interface LeadAssignment {
  owner: string | null;
  rule: string | null;
  team: string | null;
  /** epoch ms */
  assignedAt: number;
  /** Touched or closed since: no longer the lead's open assignment. */
  closed: boolean;
  /** The nurture program that took the lead (config `nurture`), null / absent: none. */
  nurture?: string | null;
  /** 'crm': the owner was set in the CRM (a manager's reassignment lead-router followed). */
  origin?: 'engine' | 'crm';
}

export interface DecisionInput {
  lead: Lead;
  compiled: CompiledConfig;
  state: RoutingState;
  now: number;
  assignment?: LeadAssignment | null;
  /** The lead's SLA deadline passed: re-route (or escalate) as decideSlaBreach said. */
  breach?: SlaBreachRequest;
  /** Config owners who cannot receive leads now (no active CRM user). */
  unavailable?: readonly string[];
}

export interface Decision {
  evaluation: Evaluation;
  /** A new assignment: record it (rotation slot and loads advance, SLA may start). */
  assigns: boolean;
  /** Scored only: the CRM owner is not lead-router's to change (write no owner). */
  scoreOnly: boolean;
}

/**
 * A CRM owner lead-router does not manage (not in the config, or unknown to the CRM's owner
 * list): with keepCurrentOwner on it keeps the lead, and lead-router only scores it. Needs no
 * routing state, so the pipeline asks before opening a routing transaction.
 */
export function decideWithoutRouting(input: Omit<DecisionInput, 'state' | 'assignment'>): Decision | null {
  const { lead, compiled, now, breach } = input;
  const crmOwner = lead.currentOwnerCrmId ?? lead.currentOwner;
  if (!crmOwner || !compiled.config.routing.keepCurrentOwner || breach) return null;
  const email = lead.currentOwner;
  if (email && compiled.owners.has(email)) return null;
  const evaluation = scoreOnly(lead, compiled, now, `kept CRM owner ${crmOwner} (not managed by lead-router)`);
  return { evaluation, assigns: false, scoreOnly: true };
}

export function decideLead(input: DecisionInput): Decision {
  const early = decideWithoutRouting(input);
  if (early) return early;
  const { compiled, state, now, breach } = input;
  const assignment = input.assignment ?? null;
  const maxLength = compiled.config.writeBack.reasonsMaxLength;
  const exclude = [...(breach?.exclude ?? []), ...(input.unavailable ?? [])];

  // Crash recovery / write pending: the store already holds an assignment the CRM has not
  // received yet. Treat it as the current owner so a replay does not advance the rotation.
  const pending = assignment && !assignment.closed ? assignment.owner : null;
  const lead = pending && !input.lead.currentOwner ? { ...input.lead, currentOwner: pending } : input.lead;
  const current = lead.currentOwner ?? null;

  // A lead in a nurture program (and still unowned, or with its nurture owner): stays there
  // until its score reaches nurture.reengageAt. Any other owner means sales has it already.
  const nurtured = breach ? null : nurtureAssignment(assignment, current);
  let reengaged = false;
  let evaluation: Evaluation;
  if (breach?.escalateTo) {
    evaluation = evaluateLead(lead, compiled, state, now, { forceReroute: true, exclude });
    evaluation.route = escalatedRoute(evaluation.route, breach.round, breach.escalateTo);
    evaluation.reasons = formatReasons(evaluation.score, evaluation.route, maxLength);
  } else {
    const opts: RouteOptions = breach ? { forceReroute: true, exclude } : exclude.length ? { exclude } : {};
    evaluation = evaluateLead(lead, compiled, state, now, opts);
    if (nurtured && isReengaged(compiled, nurtured, evaluation.score.total)) {
      // Routed to sales like a new lead: a nurture owner (assign: rules) does not hold it.
      evaluation = evaluateLead(lead, compiled, state, now, { ...opts, forceReroute: true });
      evaluation.route = reengagedRoute(evaluation.route, nurtured, evaluation.score.total, compiled.config.nurture!.reengageAt);
      evaluation.reasons = formatReasons(evaluation.score, evaluation.route, maxLength);
      const left = compiled.config.nurture!.programs.find((p) => p.name === nurtured.nurture);
      if (left) evaluation.reengagedFrom = nurtureMark(left, 're-engaged');
      reengaged = true;
    } else if (!breach && keepsTeamMember(evaluation.route, current)) {
      evaluation.route = keptRoute(current, `kept ${current}: already a member of team ${evaluation.route.team}`);
      evaluation.reasons = formatReasons(evaluation.score, evaluation.route, maxLength);
    }
  }

  // Kept owner that lead-router assigned earlier: explain the original decision, in the same
  // words, so a rescore with unchanged data writes nothing.
  if (evaluation.route.target === 'keep_current' && assignment && !assignment.closed && assignment.owner === evaluation.route.owner) {
    evaluation.route = explainKept(evaluation.route, assignment);
    evaluation.reasons = formatReasons(evaluation.score, evaluation.route, maxLength);
  }

  if (!breach && !reengaged && (current === null || nurtured)) applyNurture(evaluation, compiled, nurtured, maxLength);

  const owner = evaluation.route.owner;
  const changed = owner !== null && owner !== current;
  // Entering (or leaving) a nurture program is recorded as an assignment too (owner null for
  // assign: none), so the next decision knows the lead is nurtured.
  const programChanged = (evaluation.nurture?.program ?? null) !== (assignment?.closed ? null : (assignment?.nurture ?? null));
  const assigns = evaluation.route.target !== 'keep_current' && (changed || !assignment || reengaged || programChanged);
  return { evaluation, assigns, scoreOnly: false };
}

/**
 * The nurture program for a lead sales does not have: the one it is in (kept until it
 * re-engages), else the first that matches its tier or rule while its score is below
 * reengageAt. assign: none replaces the route (nobody gets it).
 */
function applyNurture(evaluation: Evaluation, compiled: CompiledConfig, nurtured: LeadAssignment | null, maxLength: number): void {
  const nurture = compiled.config.nurture;
  if (!nurture) return;
  const kept = nurtured ? nurture.programs.find((p) => p.name === nurtured.nurture) : undefined;
  const matched = evaluation.score.total < nurture.reengageAt ? matchNurtureProgram(compiled, evaluation) : null;
  // Same words while nothing changed, so a rescore writes no new reasons.
  const m = kept ? { program: kept, via: matched?.program === kept ? matched.via : 'until it re-engages' } : matched;
  if (!m) return;
  evaluation.nurture = nurtureMark(m.program, m.via);
  if (m.program.assign === 'none') {
    evaluation.route = nurtureRoute(evaluation.route, evaluation.nurture);
    evaluation.reasons = formatReasons(evaluation.score, evaluation.route, maxLength);
  }
}

/**
 * With keepCurrentOwner off, a lead is re-routed when its data changes; but a current owner who
 * is an eligible member of the team the rules now pick keeps the lead (no churn, no rotation
 * advance for a lead that already sits in the right team).
 */
function keepsTeamMember(decision: RouteDecision, current: string | null): boolean {
  if (!current || decision.target !== 'team' || decision.owner === current) return false;
  return decision.candidates.some((c) => c.owner === current && c.eligible);
}

function escalatedRoute(route: RouteDecision, round: number, to: string): RouteDecision {
  return {
    ...route,
    owner: to,
    target: 'owner',
    team: undefined,
    rotation: undefined,
    sla: undefined,
    reason: `SLA breached (round ${round}): escalated to ${to}`,
    trace: [...route.trace, `SLA breach round ${round}: escalate to ${to}`],
  };
}

function explainKept(route: RouteDecision, a: LeadAssignment): RouteDecision {
  if (a.origin === 'crm') return { ...route, reason: `kept ${a.owner}, assigned in the CRM at ${new Date(a.assignedAt).toISOString()}` };
  return {
    ...route,
    rule: a.rule,
    team: a.team ?? undefined,
    target: a.team ? 'team' : a.rule ? 'owner' : 'fallback',
    reason: `kept ${a.owner}, assigned ${a.rule ? `by rule ${a.rule}` : 'by the fallback'} at ${new Date(a.assignedAt).toISOString()}`,
  };
}
