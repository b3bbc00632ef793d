// The one entry point the pipeline, simulate and benchmarks call: score, classify, route.
import { scoreLeadWithTexts } from './score.ts';
import { classify } from './tiers.ts';
import { routeLead } from './route.ts';
import { formatReasonsWithTexts } from './explain.ts';
import type { CompiledConfig, Evaluation, Lead, RouteOptions, RoutingState } from './types.ts';

export function evaluateLead(
  lead: Lead,
  compiled: CompiledConfig,
  state: RoutingState,
  now: number,
  opts: RouteOptions = {},
): Evaluation {
  const texts: (string | null)[] = []; // reasons items the scoring plan knows up front
  const score = scoreLeadWithTexts(lead, compiled, now, texts);
  const { tier, grade } = classify(score, compiled);
  const route = routeLead(lead, { score, tier, grade }, compiled, state, now, opts);
  const reasons = formatReasonsWithTexts(score, texts, route, compiled.config.writeBack.reasonsMaxLength);
  return { leadId: lead.id, score, tier, grade, route, reasons };
}
