// Runs leads in order through the very engine the live pipeline uses, with an in-memory
// routing state (rotation pointers, daily / open-lead counts) updated after every decision,
// exactly as the store would. Pure apart from the optional progress callback.
import { applyDecision, emptyState } from '../engine/apply-state.ts';
import { evaluateLead } from '../engine/evaluate.ts';
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
  };
}

export function simulateLeads(leads: readonly Lead[], compiled: CompiledConfig, now: number, opts: SimulateOptions = {}): SimulationResult {
  const state: RoutingState = opts.state ? structuredClone(opts.state) : emptyState();
  const every = opts.progressEvery ?? 10_000;
  const out: SimulatedLead[] = [];
  for (let i = 0; i < leads.length; i++) {
    const evaluation = evaluateLead(leads[i]!, compiled, state, now);
    applyDecision(state, evaluation.route);
    out.push(toSimulatedLead(evaluation));
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
