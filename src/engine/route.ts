// Routing: who gets the lead, and why. Pure: the routing state comes in as a value and the
// change it implies (rotation pointer, which owner's counters to bump) goes out in the decision.
//
// Order: keepCurrentOwner (a known, active current owner keeps the lead, no rules run), then
// the rules top to bottom (first match wins; disabled ones are skipped), then the fallback.
import { explainTest, type ConditionContext } from './conditions.ts';
import { routeFallback } from './route-fallback.ts';
import { rulePlans } from './route-plan.ts';
import { assignDecision, type RouteRun } from './route-run.ts';
import { applyTarget, currentOwnerUnavailable } from './route-targets.ts';
import { findOwner, ownerId } from './eligibility.ts';
import type { CompiledConfig, Lead, RouteDecision, RouteOptions, RoutingState } from './types.ts';

export function routeLead(
  lead: Lead,
  ctx: ConditionContext,
  compiled: CompiledConfig,
  state: RoutingState,
  now: number,
  opts: RouteOptions = {},
): RouteDecision {
  const routing = compiled.config.routing;
  const run: RouteRun = {
    lead,
    ctx,
    compiled,
    state,
    now,
    exclude: opts.exclude && opts.exclude.length > 0 ? new Set(opts.exclude.map((e) => e.toLowerCase())) : undefined,
    trace: [],
    candidates: [],
  };

  if (routing.keepCurrentOwner && lead.currentOwner) {
    if (opts.forceReroute) {
      run.trace.push(`keepCurrentOwner: ignored, re-routing on request (current owner ${lead.currentOwner})`);
    } else {
      const why = currentOwnerUnavailable(run);
      if (!why) {
        const owner = ownerId(findOwner(compiled, lead.currentOwner)!);
        run.trace.push(`keepCurrentOwner: ${owner} already owns the lead; rules not evaluated`);
        return assignDecision(run, { owner, rule: null, target: 'keep_current', reason: `kept current owner ${owner} (keepCurrentOwner)` });
      }
      run.trace.push(`keepCurrentOwner: ${why}; routing by rules`);
    }
  }

  let fallbackWhy = 'no rule matched';
  const plans = rulePlans(compiled);
  for (let i = 0; i < plans.length; i++) {
    const { rule, when, texts } = plans[i]!;
    if (!rule.enabled) {
      run.trace.push(texts.disabled);
      continue;
    }
    if (when !== null) {
      const { met, why } = explainTest(when, lead, ctx);
      if (!met) {
        run.trace.push(texts.noMatch + why);
        continue;
      }
      run.trace.push(texts.matched + why);
    } else {
      run.trace.push(texts.unconditional);
    }
    const outcome = applyTarget(run, rule, texts);
    if (outcome.kind === 'decided') return outcome.decision;
    fallbackWhy = 'no matching rule could assign the lead';
    if (outcome.kind === 'fallback') {
      fallbackWhy = outcome.why;
      break;
    }
  }
  return routeFallback(run, fallbackWhy);
}
