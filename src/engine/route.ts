// Routing: who gets the lead, and why. Pure: the routing state comes in as a value and the
// change it implies (rotation pointer, which owner's counters to bump) goes out in the decision.
//
// Order: keepCurrentOwner (a known, active current owner keeps the lead, no rules run), then
// the rules top to bottom (first match wins; disabled ones are skipped), then the fallback.
import { conditionNode } from './condition-node.ts';
import { explainNode, testNode, type ConditionContext } from './conditions.ts';
import { routeFallback } from './route-fallback.ts';
import { assignDecision, type RouteRun } from './route-run.ts';
import { applyTarget, currentOwnerUnavailable } from './route-targets.ts';
import { findOwner, ownerId } from './eligibility.ts';
import type { RoutingRule } from '../config/schema.ts';
import type { CompiledConfig, Lead, RouteDecision, RouteOptions, RoutingState } from './types.ts';

// Trace line prefixes per rule, built once: every lead walks the same rules.
interface RuleText {
  noMatch: string;
  matched: string;
}
const ruleTexts = new WeakMap<RoutingRule, RuleText>();

function textOf(rule: RoutingRule): RuleText {
  let t = ruleTexts.get(rule);
  if (!t) {
    t = { noMatch: `rule '${rule.name}': no match: `, matched: `rule '${rule.name}': matched: ` };
    ruleTexts.set(rule, t);
  }
  return t;
}

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
  for (const rule of routing.rules) {
    if (!rule.enabled) {
      run.trace.push(`rule '${rule.name}': disabled, skipped`);
      continue;
    }
    if (rule.when) {
      const node = conditionNode(rule.when, compiled);
      const matched = testNode(node, lead, ctx);
      const why = explainNode(node, matched, lead, ctx);
      if (!matched) {
        run.trace.push(textOf(rule).noMatch + why);
        continue;
      }
      run.trace.push(textOf(rule).matched + why);
    } else {
      run.trace.push(`rule '${rule.name}': matched (no conditions)`);
    }
    const outcome = applyTarget(run, rule);
    if (outcome.kind === 'decided') return outcome.decision;
    fallbackWhy = 'no matching rule could assign the lead';
    if (outcome.kind === 'fallback') {
      fallbackWhy = outcome.why;
      break;
    }
  }
  return routeFallback(run, fallbackWhy);
}
