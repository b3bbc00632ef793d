// Predicates compiled once per rule / condition into a matcher function with exactly the
// semantics of matchPredicate (predicate.ts, the reference): same operator precedence, same
// normalisation. Config literals are normalised once (value lists become Sets, regexes and
// prefixes are resolved up front), and the lead's normalised value is memoised per field, so
// rules and conditions reading the same field normalise it once per lead.
import { isEmpty, norm, normCode, toNumber, type PredicateOps } from './predicate.ts';
import type { FieldValue } from './types.ts';

export type Matcher = (v: FieldValue | undefined) => boolean;

const NEVER: Matcher = () => false;
const DIGITS = /^\d+$/;

/**
 * A one-entry memo of norm() for one field: consecutive rules (and leads with the same
 * value) reuse the last result. norm() is pure, so equal inputs give equal outputs.
 */
interface NormMemo {
  raw: string | number | boolean | undefined;
  norm: string;
}
const memos = new Map<string, NormMemo>();

function memoFor(field: string): NormMemo {
  let m = memos.get(field);
  if (!m) memos.set(field, (m = { raw: undefined, norm: '' }));
  return m;
}

/** norm(v) for a non-empty value, through the field's memo. */
function normVia(m: NormMemo, v: string | number | boolean): string {
  if (m.raw === v) return m.norm;
  const n = norm(v);
  m.raw = v;
  m.norm = n;
  return n;
}

/**
 * The matcher for predicate `p` on `field`. `regexFor` resolves `matches` patterns (the
 * compiled config's case-insensitive regexes); it is called once, here.
 */
export function compilePredicate(field: string, p: PredicateOps, regexFor: (src: string) => RegExp): Matcher {
  const memo = memoFor(field);
  if (p.exists !== undefined) return p.exists ? (v) => !isEmpty(v) : (v) => isEmpty(v);
  if (p.notIn !== undefined) {
    const set = new Set(p.notIn.map(norm));
    return (v) => isEmpty(v) || !set.has(normVia(memo, v));
  }
  if (p.equals !== undefined) {
    const eq = p.equals;
    if (typeof eq === 'number') return (v) => !isEmpty(v) && toNumber(v) === eq;
    const want = norm(eq);
    return (v) => !isEmpty(v) && normVia(memo, v) === want;
  }
  if (p.in !== undefined) {
    const strings = new Set(p.in.filter((x) => typeof x !== 'number').map(norm));
    const numbers = new Set(p.in.filter((x): x is number => typeof x === 'number'));
    if (numbers.size === 0) return (v) => !isEmpty(v) && strings.has(normVia(memo, v));
    return (v) => {
      if (isEmpty(v)) return false;
      if (strings.size > 0 && strings.has(normVia(memo, v))) return true;
      const n = toNumber(v);
      return n !== undefined && numbers.has(n);
    };
  }
  if (p.contains !== undefined) {
    const sub = p.contains.toLowerCase();
    return (v) => !isEmpty(v) && normVia(memo, v).includes(sub);
  }
  if (p.matches !== undefined) {
    const re = regexFor(p.matches);
    return (v) => !isEmpty(v) && re.test(String(v));
  }
  if (p.startsWith !== undefined) {
    const prefixes = (Array.isArray(p.startsWith) ? p.startsWith : [p.startsWith]).map(normCode);
    return (v) => {
      if (isEmpty(v)) return false;
      const code = normCode(v);
      return prefixes.some((x) => code.startsWith(x));
    };
  }
  if (p.between !== undefined) {
    const lo = normCode(p.between[0]);
    const hi = normCode(p.between[1]);
    if (DIGITS.test(lo) && DIGITS.test(hi)) {
      const min = Number(lo);
      const max = Number(hi);
      return (v) => {
        if (isEmpty(v)) return false;
        const code = normCode(v);
        if (!DIGITS.test(code)) return false;
        const n = Number(code);
        return n >= min && n <= max;
      };
    }
    return (v) => {
      if (isEmpty(v)) return false;
      const code = normCode(v);
      return code >= lo && code <= hi;
    };
  }
  if (p.min !== undefined || p.max !== undefined) {
    const lo = p.min ?? -Infinity;
    const hi = p.max ?? Infinity;
    return (v) => {
      if (isEmpty(v)) return false;
      const n = toNumber(v);
      return n !== undefined && n >= lo && n <= hi;
    };
  }
  return NEVER;
}
