// The routing rules of a compiled config, prepared once and looked up once per lead: each
// rule with its compiled condition and the trace / reason texts that depend only on the
// config (rule names, team names and strategies), built once instead of once per lead.
import type { RoutingRule, TeamConfig } from '../config/schema.ts';
import { conditionNode, type ConditionNode } from './condition-node.ts';
import type { CompiledConfig } from './types.ts';

export interface RuleTexts {
  /** "rule 'pharma'": traces quote rule names */
  quoted: string;
  /** "rule pharma": reasons do not */
  by: string;
  noMatch: string; // "rule 'pharma': no match: " + why
  matched: string; // "rule 'pharma': matched: " + why
  unconditional: string; // "rule 'pharma': matched (no conditions)"
  disabled: string; // "rule 'pharma': disabled, skipped"
  /** per team target: "rule 'pharma': team pharma (least_loaded) picked " + owner */
  picked: Map<TeamConfig, string>;
  /** per team target: "rule pharma -> team pharma (least_loaded): " + owner (see teamReason) */
  reason: Map<TeamConfig, string>;
}

const texts = new WeakMap<RoutingRule, RuleTexts>();

export function ruleTexts(rule: RoutingRule): RuleTexts {
  let t = texts.get(rule);
  if (!t) {
    const quoted = `rule '${rule.name}'`;
    t = {
      quoted,
      by: `rule ${rule.name}`,
      noMatch: `${quoted}: no match: `,
      matched: `${quoted}: matched: `,
      unconditional: `${quoted}: matched (no conditions)`,
      disabled: `${quoted}: disabled, skipped`,
      picked: new Map(),
      reason: new Map(),
    };
    texts.set(rule, t);
  }
  return t;
}

/** "rule 'pharma': team pharma (least_loaded) picked " */
export function pickedPrefix(t: RuleTexts, team: TeamConfig): string {
  let s = t.picked.get(team);
  if (s === undefined) t.picked.set(team, (s = `${t.quoted}: team ${team.name} (${team.strategy}) picked `));
  return s;
}

/** "rule pharma -> team pharma (least_loaded): ", the reason without the owner */
export function reasonPrefix(t: RuleTexts, team: TeamConfig): string {
  let s = t.reason.get(team);
  if (s === undefined) t.reason.set(team, (s = `${t.by} -> team ${team.name} (${team.strategy}): `));
  return s;
}

export interface RulePlan {
  rule: RoutingRule;
  /** the compiled `when`; null: the rule has no conditions */
  when: ConditionNode | null;
  texts: RuleTexts;
}

const plans = new WeakMap<CompiledConfig, RulePlan[]>();

/** The config's routing rules in order, each with its compiled condition and texts. */
export function rulePlans(compiled: CompiledConfig): RulePlan[] {
  let list = plans.get(compiled);
  if (!list) {
    list = compiled.config.routing.rules.map((rule) => ({
      rule,
      when: rule.when ? conditionNode(rule.when, compiled) : null,
      texts: ruleTexts(rule),
    }));
    plans.set(compiled, list);
  }
  return list;
}
