// Short generated labels for scoring rules without a `label`, e.g. "industry pharma",
// "employees 1000+", "3 × email_open". They end up in a CRM text property, so they stay
// short and never echo free-text lead values that may be personal data (emails, names):
// only config literals are used, except for `in`, where the matched value is one of the
// config's own listed values anyway.
import { norm, type PredicateOps } from './predicate.ts';
import { formatPoints } from './score-math.ts';

/** "1000+", "50-199", "≤49" (or "any" for a band without bounds). */
export function formatRange(min: number | undefined, max: number | undefined): string {
  if (min !== undefined && max !== undefined) return min === max ? String(min) : `${min}-${max}`;
  if (min !== undefined) return `${min}+`;
  if (max !== undefined) return `≤${max}`;
  return 'any';
}

/**
 * A label that does not depend on the lead, or null when it does (`in`: the label names the
 * value that matched, "industry biotech", picked per lead from `labelsByNorm`).
 */
export function staticPredicateLabel(field: string, p: PredicateOps): string | null {
  if (p.exists !== undefined) return `${field} ${p.exists ? 'present' : 'missing'}`;
  if (p.equals !== undefined) return `${field} ${String(p.equals)}`;
  if (p.in !== undefined) return p.in.length === 1 ? `${field} ${String(p.in[0])}` : null;
  if (p.notIn !== undefined) return `${field} not ${p.notIn.join('/')}`;
  if (p.contains !== undefined) return `${field} contains ${p.contains}`;
  if (p.matches !== undefined) return `${field} ~ /${p.matches}/`;
  if (p.startsWith !== undefined) return `${field} ${[p.startsWith].flat().map((s) => `${s}*`).join('/')}`;
  if (p.between !== undefined) return `${field} ${p.between[0]}..${p.between[1]}`;
  return `${field} ${formatRange(p.min, p.max)}`;
}

/** A label and its reasons item for a given number of points. */
export interface LabelText {
  label: string;
  text: string;
}

/**
 * Labels of a multi-value `in` rule by normalised value: the config literal equal to the
 * lead's value names the match ("industry biotech"); the first literal wins.
 */
export function labelsByNorm(field: string, list: readonly (string | number | boolean)[], points: number): Map<string, LabelText> {
  const out = new Map<string, LabelText>();
  for (const x of list) {
    const k = norm(x);
    const label = `${field} ${String(x)}`;
    if (!out.has(k)) out.set(k, { label, text: itemText(points, label, undefined) });
  }
  return out;
}

/** "email_open" for one occurrence, "3 × email_open" for several. */
export function countLabel(count: number, what: string): string {
  return count === 1 ? what : `${count} × ${what}`;
}

/** A contribution as a reasons item: "+30 company size 1000+", "+2.5 webinar (decayed from 12)". */
export function itemText(points: number, label: string, note: string | undefined): string {
  const head = `${formatPoints(points)} ${label}`;
  return note ? `${head} (${note})` : head;
}
