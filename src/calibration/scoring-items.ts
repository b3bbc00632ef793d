// The scoring items calibration weighs: every points rule of the config (each band of a bands
// rule on its own), where it sits in the YAML (to write a suggestion back as a draft), and how a
// decision's score ledger (its contributions) turns into the item's feature value:
// - predicate rules and bands: 1 when the rule (band) gave points, else 0;
// - counter and event rules: the units the rule scored (points given / points per unit), so
//   decay and caps count as they did in the decision, and the suggestion is points per unit.
import type { ScoreContribution } from '../engine/types.ts';
import type { CompiledConfig } from '../engine/types.ts';
import { planScoring, type RulePlan } from '../engine/score-plan.ts';

export interface ScoringItem {
  /** Unique per config: the rule id, with "#<band>" for a band (1-based). */
  key: string;
  ruleId: string;
  section: 'fit' | 'engagement';
  group: string;
  label: string;
  kind: 'predicate' | 'band' | 'counter' | 'event';
  /** The item's points now: per match (predicate, band) or per unit (counter: perUnit, event: points). */
  points: number;
  /** Where the value lives in the config's YAML, e.g. ["scoring","fit","groups",0,"rules",2,"points"]. */
  path: (string | number)[];
  /** Band index for band items (the contribution's band is matched by label, then by value). */
  band?: number;
}

function labelOf(r: RulePlan): string {
  switch (r.kind) {
    case 'predicate':
      return r.label ?? r.id;
    case 'counter':
      return r.label ?? r.field;
    case 'event':
      return r.label ?? r.event;
    case 'bands':
      return r.id;
  }
}

/** The items of a config, in config order (fit groups, then engagement groups). */
export function scoringItems(compiled: CompiledConfig): ScoringItem[] {
  const plan = planScoring(compiled);
  const items: ScoringItem[] = [];
  for (const section of [plan.fit, plan.engagement]) {
    section.groups.forEach((g, gi) => {
      g.rules.forEach((r, ri) => {
        const at = ['scoring', section.kind, 'groups', gi, 'rules', ri];
        const base = { ruleId: r.id, section: section.kind, group: g.name };
        if (r.kind === 'bands') {
          r.bands.forEach((b, bi) => {
            items.push({ ...base, key: `${r.id}#${bi + 1}`, label: b.label, kind: 'band', points: b.points, path: [...at, 'bands', bi, 'points'], band: bi });
          });
        } else if (r.kind === 'counter') {
          items.push({ ...base, key: r.id, label: labelOf(r), kind: 'counter', points: r.perUnit, path: [...at, 'perUnit'] });
        } else {
          items.push({ ...base, key: r.id, label: labelOf(r), kind: r.kind, points: r.points, path: [...at, 'points'] });
        }
      });
    });
  }
  return items;
}

/** Which band of a bands rule a contribution is: by its label, else by the value it matched. */
function bandOf(rule: Extract<RulePlan, { kind: 'bands' }>, c: Pick<ScoreContribution, 'label' | 'value'>): number {
  const byLabel = rule.bands.findIndex((b) => b.label === c.label);
  if (byLabel >= 0) return byLabel;
  const v = typeof c.value === 'number' ? c.value : Number(c.value);
  return Number.isFinite(v) ? rule.bands.findIndex((b) => v >= b.min && v <= b.max) : -1;
}

export type CompactContribution = Pick<ScoreContribution, 'rule' | 'label' | 'value' | 'points' | 'count'>;

/** Turns a decision's contributions into feature values, one per item (same order). */
export function createFeatureReader(compiled: CompiledConfig, items: readonly ScoringItem[]): (contributions: readonly CompactContribution[], out: Float64Array, offset: number) => void {
  const plan = planScoring(compiled);
  const rules = new Map<string, RulePlan>();
  for (const section of [plan.fit, plan.engagement]) for (const g of section.groups) for (const r of g.rules) rules.set(r.id, r);
  const slot = new Map<string, number>(); // item key -> feature index
  items.forEach((it, i) => slot.set(it.key, i));
  return (contributions, out, offset) => {
    for (const c of contributions) {
      const rule = rules.get(c.rule);
      if (!rule) continue; // a rule the current config no longer has
      if (rule.kind === 'bands') {
        const b = bandOf(rule, c);
        const i = b >= 0 ? slot.get(`${rule.id}#${b + 1}`) : undefined;
        if (i !== undefined) out[offset + i] = 1;
        continue;
      }
      const i = slot.get(rule.id);
      if (i === undefined) continue;
      if (rule.kind === 'predicate') out[offset + i] = 1;
      else {
        const unit = rule.kind === 'counter' ? rule.perUnit : rule.points;
        out[offset + i] = out[offset + i]! + (unit !== 0 ? c.points / unit : (c.count ?? 1));
      }
    }
  };
}
