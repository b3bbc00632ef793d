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
  const e = { leadId: lead.id, score, tier, grade, route } as Evaluation;
  const lazy: LazyReasons = { text: null, score, texts, route, maxLength: compiled.config.writeBack.reasonsMaxLength };
  Object.defineProperty(e, LAZY, { value: lazy });
  Object.defineProperty(e, 'reasons', REASONS);
  return e;
}

// The lazy `reasons` property: one shared getter / setter pair, its state under a hidden
// (non-enumerable) symbol. Not an object literal with get / set: V8 gives every such literal
// fresh accessor closures and its own hidden class, which keeps each evaluation alive past
// young-generation collections (preview of 100,000 decisions spent a quarter of its time in
// the garbage collector because of it).
const LAZY = Symbol('lazy reasons');

interface LazyReasons {
  text: string | null;
  score: Evaluation['score'];
  texts: (string | null)[];
  route: Evaluation['route'];
  maxLength: number;
}

const REASONS: PropertyDescriptor = {
  get(this: { [LAZY]: LazyReasons }): string {
    const l = this[LAZY];
    return (l.text ??= formatReasonsWithTexts(l.score, l.texts, l.route, l.maxLength));
  },
  set(this: { [LAZY]: LazyReasons }, text: string) {
    this[LAZY].text = text;
  },
  enumerable: true,
  configurable: true,
};
