// The per-lead routing context shared by route.ts, route-targets.ts and route-fallback.ts,
// and the builders of the final RouteDecision (SLA attached to every new assignment).
import { decideSla, findSlaPolicy } from './sla.ts';
import type { ConditionContext } from './conditions.ts';
import type { TeamPick } from './pick-from-team.ts';
import type { CandidateTrace, CompiledConfig, Lead, RouteDecision, RouteTargetKind, RoutingState } from './types.ts';

export interface RouteRun {
  lead: Lead;
  ctx: ConditionContext;
  compiled: CompiledConfig;
  state: RoutingState;
  now: number;
  /** lower-cased emails that must not be picked */
  exclude: ReadonlySet<string> | undefined;
  trace: string[];
  /** candidates of the last team considered (kept when a later step assigns elsewhere) */
  candidates: CandidateTrace[];
}

export interface Assignment {
  owner: string;
  rule: string | null;
  target: RouteTargetKind;
  reason: string;
  team?: string;
  pick?: TeamPick;
}

/** A decision that hands the lead to `a.owner`, with the SLA of the rule or tier. */
export function assignDecision(run: RouteRun, a: Assignment): RouteDecision {
  const decision: RouteDecision = {
    owner: a.owner,
    rule: a.rule,
    target: a.target,
    reason: a.reason,
    trace: run.trace,
    candidates: a.pick ? a.pick.candidates : run.candidates,
  };
  if (a.team !== undefined) decision.team = a.team;
  if (a.pick?.tieBreak !== undefined) decision.tieBreak = a.pick.tieBreak;
  if (a.pick?.rotation) decision.rotation = a.pick.rotation;
  // keep_current is not a new assignment: its SLA (if any) was set when it was assigned.
  if (a.target !== 'keep_current') {
    const policy = findSlaPolicy(run.compiled, a.rule, run.ctx.tier);
    if (policy) decision.sla = decideSla(policy, run.compiled, a.owner, run.now);
  }
  return decision;
}

export function unassignedDecision(run: RouteRun, rule: string | null, reason: string): RouteDecision {
  return { owner: null, rule, target: 'unassigned', reason, trace: run.trace, candidates: run.candidates };
}

/** "rule pharma -> team pharma (round_robin): anna@x" / "fallback -> team sales (weighted): bob@x" */
export function teamReason(prefix: string, team: string, strategy: string, owner: string): string {
  return `${prefix} -> team ${team} (${strategy}): ${owner}`;
}
