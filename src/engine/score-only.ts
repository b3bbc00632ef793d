// Decisions that keep the lead's owner without running the rules: the route that says so,
// and a score-only evaluation (a CRM owner lead-router does not manage).
import { formatReasons } from './explain.ts';
import { scoreLead } from './score.ts';
import { classify } from './tiers.ts';
import type { CompiledConfig, Evaluation, Lead, RouteDecision } from './types.ts';

export function keptRoute(owner: string | null, reason: string): RouteDecision {
  return { owner, rule: null, target: 'keep_current', reason, trace: [reason], candidates: [] };
}

/** Score only, keep the owner (a CRM owner lead-router does not manage). */
export function scoreOnly(lead: Lead, compiled: CompiledConfig, now: number, reason: string): Evaluation {
  const score = scoreLead(lead, compiled, now);
  const { tier, grade } = classify(score, compiled);
  const route = keptRoute(lead.currentOwner ?? null, reason);
  const reasons = formatReasons(score, route, compiled.config.writeBack.reasonsMaxLength);
  return { leadId: lead.id, score, tier, grade, route, reasons };
}
