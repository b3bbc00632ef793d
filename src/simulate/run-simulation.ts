// Runs leads in order through the very engine entry the live pipeline uses (decideLead), with
// an in-memory routing state (rotation pointers, daily / open-lead counts) and each lead's
// latest assignment updated after every new assignment, exactly as the store would. A lead id
// that comes again is decided like a rescore of that lead in the live pipeline: its current
// owner is the one the earlier decision wrote back (writeBack.owner). With `slaFired`, a lead's
// SLA timer fires at that occurrence and the engine decides the breach (reassign / escalate)
// from simulate's own assignment history. Pure apart from the optional progress callback.
import { applyDecision, emptyState, releaseOpenLead } from '../engine/apply-state.ts';
import { decideLead, type LeadAssignment } from '../engine/decide.ts';
import { slaBreachRequest, type SlaBreach } from '../engine/sla.ts';
import type { CompiledConfig, Evaluation, Lead, RoutingState } from '../engine/types.ts';
import { summarizeLeads } from './summarize.ts';
import type { SimulatedLead, SimulationResult } from './types.ts';

export interface SimulateOptions {
  /** Called every `progressEvery` leads (and at the end) with (done, total). */
  onProgress?: (done: number, total: number) => void;
  progressEvery?: number;
  /** Start from this state instead of an empty one (it is not modified). */
  state?: RoutingState;
  /** Config file name recorded in the result. */
  configName?: string;
  /** Each lead's decision time (default: `now` for all): replay leads at the instants they arrived. */
  clock?: (lead: Lead, index: number) => number;
  /** True when the lead's SLA timer fired at this occurrence (its first-touch deadline passed). */
  slaFired?: (lead: Lead, index: number) => boolean;
  /** The tenant's predictive score (src/pipeline/support/predict.ts), applied after the decision
   *  as the pipeline does: adds the win probability, never changes score, tier or route. */
  predict?: (e: Evaluation) => Evaluation;
}

/** A lead's latest assignment and the SLA timer it set, as the store would hold them. */
interface LeadHistory {
  assignment: LeadAssignment & { round: number; tier: string };
  timer: SlaBreach | null;
}

export function toSimulatedLead(e: Evaluation): SimulatedLead {
  return {
    id: e.leadId,
    fit: e.score.fit,
    engagement: e.score.engagement,
    score: e.score.total,
    tier: e.tier,
    grade: e.grade,
    owner: e.route.owner,
    rule: e.route.rule,
    target: e.route.target,
    team: e.route.team ?? null,
    reasons: e.reasons,
    ...(e.prediction ? { winProbability: Math.round(e.prediction.probability * 100) } : {}),
  };
}

export function simulateLeads(leads: readonly Lead[], compiled: CompiledConfig, now: number, opts: SimulateOptions = {}): SimulationResult {
  const state: RoutingState = opts.state ? structuredClone(opts.state) : emptyState();
  const every = opts.progressEvery ?? 10_000;
  const out: SimulatedLead[] = [];
  const histories = new Map<string, LeadHistory>();
  const crmOwners = new Map<string, Pick<Lead, 'currentOwner' | 'currentOwnerCrmId'>>(); // as the CRM holds it after our writes
  const writeOwner = compiled.config.writeBack.owner;
  for (let i = 0; i < leads.length; i++) {
    const given = leads[i]!;
    const at = opts.clock ? opts.clock(given, i) : now;
    const held = crmOwners.get(given.id);
    const lead = held ? { ...given, ...held } : given;
    const history = histories.get(lead.id);
    const previous = history?.assignment ?? null;
    const fired = history?.timer && opts.slaFired?.(given, i) ? history.timer : null;
    const breach = fired && previous ? slaBreachRequest(compiled, { ...previous, firstTouchAt: null }, fired) : null;
    if (fired) history!.timer = null; // a fired timer is gone, acted on or stale
    const { evaluation, assigns, scoreOnly } = decideLead({ lead, compiled, state, now: at, assignment: previous, ...(breach ? { breach } : {}) });
    const written = writeOwner && !scoreOnly && evaluation.route.owner !== null;
    crmOwners.set(lead.id, written ? { currentOwner: evaluation.route.owner, currentOwnerCrmId: null } : { currentOwner: lead.currentOwner ?? null, currentOwnerCrmId: lead.currentOwnerCrmId ?? null });
    if (assigns) {
      // A new assignment closes the lead's previous one: that owner has one open lead fewer.
      if (previous?.owner) releaseOpenLead(state, previous.owner);
      applyDecision(state, evaluation.route);
      const { owner, rule, team, sla } = evaluation.route;
      const round = breach ? breach.round + 1 : 0;
      const timer = sla && owner ? { round, previousOwners: [...(fired?.previousOwners ?? []), owner] } : null;
      histories.set(lead.id, { assignment: { owner, rule, team: team ?? null, assignedAt: at, closed: false, round, tier: evaluation.tier, nurture: evaluation.nurture?.program ?? null }, timer });
    }
    out.push(toSimulatedLead(opts.predict ? opts.predict(evaluation) : evaluation));
    if (opts.onProgress && (i + 1) % every === 0) opts.onProgress(i + 1, leads.length);
  }
  const tierOrder = compiled.config.tiers.priority.map((t) => String(t.name));
  return {
    config: opts.configName ?? '',
    now: new Date(now).toISOString(),
    leads: out,
    summary: summarizeLeads(out, tierOrder),
  };
}
