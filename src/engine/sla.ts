// First-touch SLA: which policy applies to an assignment, its deadline in the owner's working
// minutes, and what to do when it is breached. The pipeline runs the timers; this decides.
import type { SlaConfig } from '../config/schema.ts';
import { addWorkingMinutes } from './availability.ts';
import { findOwner } from './eligibility.ts';
import type { CompiledConfig, SlaBreachRequest, SlaDecision } from './types.ts';

export interface SlaPolicy {
  config: SlaConfig;
  source: string; // "rule <name>" or "tier <tier>"
}

/** The matched rule's own sla wins, else routing.slaByTier[tier]; null when neither is set. */
export function findSlaPolicy(compiled: CompiledConfig, rule: string | null, tier: string): SlaPolicy | null {
  let byRule = policies.get(compiled);
  if (!byRule) policies.set(compiled, (byRule = new Map()));
  let byTier = byRule.get(rule);
  if (!byTier) {
    if (byRule.size >= MAX_CACHED) return lookUpPolicy(compiled, rule, tier);
    byRule.set(rule, (byTier = new Map()));
  }
  let policy = byTier.get(tier);
  if (policy === undefined) {
    policy = lookUpPolicy(compiled, rule, tier);
    if (byTier.size < MAX_CACHED) byTier.set(tier, policy);
  }
  return policy;
}

// Policies per compiled config, by rule name and tier: every assignment needs one, and they
// only depend on the config. Callers only read them. Names come from the config (or the
// store), so the bound is only a guard.
const policies = new WeakMap<CompiledConfig, Map<string | null, Map<string, SlaPolicy | null>>>();
const MAX_CACHED = 1_000;

function lookUpPolicy(compiled: CompiledConfig, rule: string | null, tier: string): SlaPolicy | null {
  if (rule !== null) {
    const r = compiled.config.routing.rules.find((x) => x.name === rule);
    if (r?.sla) return { config: r.sla, source: `rule ${rule}` };
  }
  const byTier = compiled.config.routing.slaByTier;
  const t = Object.hasOwn(byTier, tier) ? byTier[tier] : undefined;
  return t ? { config: t, source: `tier ${tier}` } : null;
}

/**
 * The SLA for an assignment to `owner` at `now`: deadline = now + firstTouchMinutes of the
 * owner's working time (wall-clock minutes for owners without working hours or unknown owners).
 */
export function decideSla(policy: SlaPolicy, compiled: CompiledConfig, owner: string, now: number): SlaDecision {
  const { config } = policy;
  const ownerConfig = findOwner(compiled, owner);
  const deadline = ownerConfig
    ? addWorkingMinutes(ownerConfig, now, config.firstTouchMinutes)
    : now + config.firstTouchMinutes * 60_000;
  const decision: SlaDecision = {
    firstTouchMinutes: config.firstTouchMinutes,
    onBreach: config.onBreach,
    maxReassignments: config.maxReassignments,
    deadline,
    source: policy.source,
  };
  if (config.escalateTo !== undefined) decision.escalateTo = config.escalateTo.toLowerCase();
  return decision;
}

export type SlaBreachAction =
  | { action: 'reassign'; exclude: string[] }
  | { action: 'escalate'; to: string }
  | { action: 'none'; why: string };

export interface SlaBreachInput {
  /** round: 0 = first assignment, 1 = after the first reassignment, ... */
  assignment: { owner: string | null; round: number; rule: string | null; tier: string };
  compiled: CompiledConfig;
  /** Owners who already had this lead (and breached) before the current one. */
  previousOwners: string[];
}

/**
 * What to do when the first-touch deadline passes: onBreach reassign re-routes (excluding
 * everyone who already breached) until maxReassignments reassignments happened, then
 * escalates if escalateTo is set; onBreach escalate escalates straight away.
 */
export function decideSlaBreach({ assignment, compiled, previousOwners }: SlaBreachInput): SlaBreachAction {
  const policy = findSlaPolicy(compiled, assignment.rule, assignment.tier);
  if (!policy) return { action: 'none', why: `no SLA configured for rule ${assignment.rule ?? '(none)'} / tier ${assignment.tier}` };
  const { config, source } = policy;
  const escalate = (why: string): SlaBreachAction => {
    if (config.escalateTo === undefined) return { action: 'none', why: `${why} and ${source} has no escalateTo` };
    if (assignment.owner !== null && assignment.owner.toLowerCase() === config.escalateTo.toLowerCase()) {
      return { action: 'none', why: `${why}; the lead is already with escalation owner ${config.escalateTo}` };
    }
    return { action: 'escalate', to: config.escalateTo.toLowerCase() };
  };
  if (config.onBreach === 'escalate') return escalate(`${source} escalates on breach`);
  if (assignment.round >= config.maxReassignments) {
    return escalate(`${assignment.round}/${config.maxReassignments} reassignments already made (${source})`);
  }
  const seen = new Set<string>();
  const exclude: string[] = [];
  for (const o of [...previousOwners, assignment.owner]) {
    if (o === null) continue;
    const id = o.toLowerCase(); // owners are identified by lower-cased email everywhere
    if (seen.has(id)) continue;
    seen.add(id);
    exclude.push(id);
  }
  return { action: 'reassign', exclude };
}

/** A fired SLA timer: which round was breached and who already had the lead (current one last). */
export interface SlaBreach {
  round: number;
  previousOwners: string[];
}

/** The lead's latest assignment, as far as a breach check needs it. */
export interface BreachedAssignment {
  owner: string | null;
  round: number;
  rule: string | null;
  tier: string;
  firstTouchAt: number | null;
  closed: boolean;
}

/**
 * What a fired SLA timer asks of the next decision: null when it is stale (the rep touched the
 * lead in time, or the lead moved on since the timer was set) or when nothing is to be done;
 * else re-route excluding the reps who breached, or escalate.
 */
export function slaBreachRequest(compiled: CompiledConfig, current: BreachedAssignment | null, fired: SlaBreach): SlaBreachRequest | null {
  if (!current || current.closed || current.firstTouchAt !== null || current.round !== fired.round || !current.owner) return null;
  const decision = decideSlaBreach({
    assignment: { owner: current.owner, round: current.round, rule: current.rule, tier: current.tier },
    compiled,
    previousOwners: fired.previousOwners,
  });
  if (decision.action === 'none') return null;
  if (decision.action === 'escalate') return { round: fired.round, exclude: [...fired.previousOwners, current.owner], escalateTo: decision.to };
  return { round: fired.round, exclude: decision.exclude };
}
