// Field rules: predicate, bands and counter rules read one aliased field of the lead.
// None of them decays: they have no timestamp (counters are CRM aggregates like
// hs_email_open, already summed over the contact's lifetime).
//
// Contributions are built as object literals with their final set of keys (same keys, same
// order as before: kind, group, rule, label, raw, points, value, count, note), so they all
// share a few hidden classes.
import { norm, toNumber } from './predicate.ts';
import { round2 } from './score-math.ts';
import { countLabel, itemText } from './score-labels.ts';
import type { BandsPlan, CounterPlan, PredicatePlan, RuleOut, SectionKind } from './score-plan-types.ts';

export type { RuleOut } from './score-plan-types.ts';
import type { FieldValue, ScoreContribution } from './types.ts';


export function scorePredicateRule(p: PredicatePlan, kind: SectionKind, value: FieldValue | undefined, out: RuleOut): ScoreContribution | null {
  if (!p.active || !p.match(value)) return null;
  const points = p.rounded;
  let label = p.label;
  if (label !== null) {
    out.text = p.text;
  } else {
    // A multi-value `in` rule names the config literal equal to the lead's value (only
    // reached after a match: `in` never matches a missing or blank value).
    const hit = p.labels!.get(norm(value as string | number | boolean));
    if (hit !== undefined) {
      label = hit.label;
      out.text = hit.text;
    } else {
      label = `${p.field} ${String(value)}`; // matched a listed number as text ("1,000")
    }
  }
  out.points = points;
  if (value === undefined) return { kind, group: p.group, rule: p.id, label, raw: points, points };
  return { kind, group: p.group, rule: p.id, label, raw: points, points, value };
}

/** The first band whose inclusive [min, max] contains the numeric value gives its points. */
export function scoreBandsRule(p: BandsPlan, kind: SectionKind, value: FieldValue | undefined, out: RuleOut): ScoreContribution | null {
  const n = toNumber(value);
  if (n === undefined) return null;
  for (let i = 0; i < p.bands.length; i++) {
    const b = p.bands[i]!;
    if (n < b.min || n > b.max) continue;
    if (b.rounded === 0) return null;
    out.text = b.text;
    out.points = b.rounded;
    return { kind, group: p.group, rule: p.id, label: b.label, raw: b.rounded, points: b.rounded, value: value! };
  }
  return null;
}

// Reasons items remembered per counter rule (the first values seen; counters are small integers).
const MAX_COUNTER_TEXTS = 256;

/** `perUnit` points per unit of the counter, the absolute result capped at `max`. */
export function scoreCounterRule(p: CounterPlan, kind: SectionKind, value: FieldValue | undefined, out: RuleOut): ScoreContribution | null {
  const n = toNumber(value);
  if (n === undefined) return null;
  const raw = n * p.perUnit;
  const capped = p.max !== undefined && Math.abs(raw) > p.max;
  const points = capped ? Math.sign(raw) * p.max! : raw;
  if (round2(points) === 0) return null;
  const label = p.label ?? countLabel(n, p.field);
  const c: ScoreContribution = { kind, group: p.group, rule: p.id, label, raw: round2(raw), points: round2(points), value: value!, count: n };
  if (capped) c.note = `capped at ${round2(points)}`;
  let text = p.texts.get(n);
  if (text === undefined) {
    text = itemText(c.points, label, c.note);
    if (p.texts.size < MAX_COUNTER_TEXTS) p.texts.set(n, text);
  }
  out.text = text;
  out.points = c.points;
  return c;
}
