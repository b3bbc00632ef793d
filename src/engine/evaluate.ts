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
  // The reasons text is formatted when first read, from this score and route (a caller that
  // changes the route sets new reasons): a replay (preview) that compares outcomes reads it
  // only for the leads whose outcome changed. Reading it gives the same text as before.
  let reasons: string | null = null;
  const maxLength = compiled.config.writeBack.reasonsMaxLength;
  return {
    leadId: lead.id,
    score,
    tier,
    grade,
    route,
    get reasons(): string {
      return (reasons ??= formatReasonsWithTexts(score, texts, route, maxLength));
    },
    set reasons(text: string) {
      reasons = text;
    },
  };
}
