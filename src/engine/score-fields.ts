// Field rules: predicate, bands and counter rules read one aliased field of the lead.
// None of them decays: they have no timestamp (counters are CRM aggregates like
// hs_email_open, already summed over the contact's lifetime).
import { matchPredicate, toNumber } from './predicate.ts';
import { round2 } from './score-math.ts';
import { countLabel, labelForMatch } from './score-labels.ts';
import type { BandsPlan, CounterPlan, PredicatePlan, SectionKind } from './score-plan.ts';
import type { FieldValue, ScoreContribution } from './types.ts';

function contribution(
  kind: SectionKind,
  p: { id: string; group: string },
  label: string,
  value: FieldValue | undefined,
  raw: number,
  points: number,
): ScoreContribution {
  const c: ScoreContribution = { kind, group: p.group, rule: p.id, label, raw: round2(raw), points: round2(points) };
  if (value !== undefined) c.value = value;
  return c;
}

export function scorePredicateRule(
  p: PredicatePlan,
  kind: SectionKind,
  value: FieldValue | undefined,
  regex: (src: string) => RegExp,
): ScoreContribution | null {
  if (p.points === 0 || round2(p.points) === 0 || !matchPredicate(p.ops, value, regex)) return null;
  const label = p.label ?? labelForMatch(p.field, p.ops.in ?? [], value);
  return contribution(kind, p, label, value, p.points, p.points);
}

/** The first band whose inclusive [min, max] contains the numeric value gives its points. */
export function scoreBandsRule(p: BandsPlan, kind: SectionKind, value: FieldValue | undefined): ScoreContribution | null {
  const n = toNumber(value);
  if (n === undefined) return null;
  for (let i = 0; i < p.bands.length; i++) {
    const b = p.bands[i]!;
    if (n < b.min || n > b.max) continue;
    if (round2(b.points) === 0) return null;
    return contribution(kind, p, b.label, value, b.points, b.points);
  }
  return null;
}

/** `perUnit` points per unit of the counter, the absolute result capped at `max`. */
export function scoreCounterRule(p: CounterPlan, kind: SectionKind, value: FieldValue | undefined): ScoreContribution | null {
  const n = toNumber(value);
  if (n === undefined) return null;
  const raw = n * p.perUnit;
  const capped = p.max !== undefined && Math.abs(raw) > p.max;
  const points = capped ? Math.sign(raw) * p.max! : raw;
  if (round2(points) === 0) return null;
  const c = contribution(kind, p, p.label ?? countLabel(n, p.field), value, raw, points);
  c.count = n;
  if (capped) c.note = `capped at ${round2(points)}`;
  return c;
}
