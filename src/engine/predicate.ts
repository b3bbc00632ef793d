// One predicate matcher for scoring rules and routing conditions (pure).
import type { FieldValue } from './types.ts';

export interface PredicateOps {
  equals?: string | number | boolean | undefined;
  in?: (string | number | boolean)[] | undefined;
  notIn?: (string | number | boolean)[] | undefined;
  contains?: string | undefined;
  matches?: string | undefined;
  min?: number | undefined;
  max?: number | undefined;
  exists?: boolean | undefined;
  startsWith?: string | string[] | undefined;
  between?: [string, string] | undefined;
}

export function isEmpty(v: FieldValue | undefined): v is null | undefined | '' {
  return v === undefined || v === null || (typeof v === 'string' && isBlank(v));
}

/** s.trim() === '' without trimming when the first character already decides it. */
function isBlank(s: string): boolean {
  if (s.length === 0) return true;
  const c = s.charCodeAt(0);
  // '!'..'~' and U+007F..U+009F are not white space (trim strips none of them), so s is not blank.
  if (c > 32 && c < 160) return false;
  return s.trim() === '';
}

/** Case- and surrounding-space-insensitive text of a value (how `equals` / `in` compare). */
export function norm(v: string | number | boolean): string {
  return String(v).trim().toLowerCase();
}

/** Codes (postcodes) compare without spaces/dashes and case. */
export function normCode(v: string | number | boolean): string {
  return String(v).replace(/[\s-]/g, '').toUpperCase();
}

export function toNumber(v: FieldValue | undefined): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (typeof v === 'boolean' || isEmpty(v)) return undefined;
  const n = Number(String(v).replace(/[\s,]/g, ''));
  return Number.isFinite(n) ? n : undefined;
}

/**
 * Does `value` satisfy the operator(s) in `p`? `regexFor` returns the compiled
 * case-insensitive regex for a pattern (compiled once per config).
 */
export function matchPredicate(p: PredicateOps, value: FieldValue | undefined, regexFor: (src: string) => RegExp): boolean {
  if (p.exists !== undefined) return p.exists ? !isEmpty(value) : isEmpty(value);
  if (p.notIn !== undefined) {
    if (isEmpty(value)) return true;
    const v = norm(value);
    return !p.notIn.some((x) => norm(x) === v);
  }
  if (isEmpty(value)) return false;
  if (p.equals !== undefined) {
    if (typeof p.equals === 'number') return toNumber(value) === p.equals;
    return norm(value) === norm(p.equals);
  }
  if (p.in !== undefined) {
    const v = norm(value);
    const n = toNumber(value);
    return p.in.some((x) => (typeof x === 'number' ? n === x : norm(x) === v));
  }
  if (p.contains !== undefined) return norm(value).includes(p.contains.toLowerCase());
  if (p.matches !== undefined) return regexFor(p.matches).test(String(value));
  if (p.startsWith !== undefined) {
    const v = normCode(value);
    const prefixes = Array.isArray(p.startsWith) ? p.startsWith : [p.startsWith];
    return prefixes.some((x) => v.startsWith(normCode(x)));
  }
  if (p.between !== undefined) {
    const v = normCode(value);
    const lo = normCode(p.between[0]);
    const hi = normCode(p.between[1]);
    if (/^\d+$/.test(lo) && /^\d+$/.test(hi)) {
      if (!/^\d+$/.test(v)) return false;
      const n = Number(v);
      return n >= Number(lo) && n <= Number(hi);
    }
    return v >= lo && v <= hi;
  }
  if (p.min !== undefined || p.max !== undefined) {
    const n = toNumber(value);
    if (n === undefined) return false;
    if (p.min !== undefined && n < p.min) return false;
    if (p.max !== undefined && n > p.max) return false;
    return true;
  }
  return false;
}

/** Short text of a predicate for traces: "industry in [pharma, biotech]". */
export function describePredicate(field: string, p: PredicateOps): string {
  if (p.exists !== undefined) return `${field} ${p.exists ? 'exists' : 'is missing'}`;
  if (p.equals !== undefined) return `${field} = ${p.equals}`;
  if (p.in !== undefined) return `${field} in [${p.in.join(', ')}]`;
  if (p.notIn !== undefined) return `${field} not in [${p.notIn.join(', ')}]`;
  if (p.contains !== undefined) return `${field} contains "${p.contains}"`;
  if (p.matches !== undefined) return `${field} ~ /${p.matches}/i`;
  if (p.startsWith !== undefined) return `${field} starts with ${[p.startsWith].flat().join('|')}`;
  if (p.between !== undefined) return `${field} between ${p.between[0]}..${p.between[1]}`;
  if (p.min !== undefined && p.max !== undefined) return `${p.min} <= ${field} <= ${p.max}`;
  if (p.min !== undefined) return `${field} >= ${p.min}`;
  if (p.max !== undefined) return `${field} <= ${p.max}`;
  return field;
}
