// Routing conditions compiled once per config object into a tree of same-shaped nodes, so the
// per-lead test is a switch on small integers instead of `'all' in cond` probes over objects of
// many shapes. Leaf matchers for exists / equals / in / notIn / min-max are precomputed (value
// sets normalised once) and behave exactly like matchPredicate in predicate.ts, which still
// handles the other operators.
import type { Condition, FieldPredicate } from '../config/schema.ts';
import { regexFor } from './compile.ts';
import { describePredicate, isEmpty, matchPredicate, toNumber } from './predicate.ts';
import type { CompiledConfig, FieldValue } from './types.ts';

export const ALL = 0;
export const ANY = 1;
export const NOT = 2;
export const LEAF = 3;

/** Where a leaf reads its value: a lead field or one of ROUTING_PSEUDO_FIELDS. */
export const FIELD = 0;
export const SCORE = 1;
export const FIT = 2;
export const ENGAGEMENT = 3;
export const TIER = 4;
export const GRADE = 5;
export const CURRENT_OWNER = 6;
export const ACCOUNT_OWNER = 7;

const SOURCES: Record<string, number> = {
  score: SCORE,
  fit: FIT,
  engagement: ENGAGEMENT,
  tier: TIER,
  grade: GRADE,
  current_owner: CURRENT_OWNER,
  account_owner: ACCOUNT_OWNER,
};

export interface ConditionNode {
  kind: number; // ALL | ANY | NOT | LEAF
  kids: ConditionNode[]; // ALL / ANY: parts; NOT: [the negated part]
  field: string; // LEAF
  source: number; // LEAF: FIELD or a pseudo-field
  match: (v: FieldValue | undefined) => boolean; // LEAF
  text: string; // LEAF: "score >= 90 (score " — the value and ")" follow in traces
}

const NEVER = () => false;
const nodes = new WeakMap<Condition, ConditionNode>();

function norm(v: string | number | boolean): string {
  return String(v).trim().toLowerCase();
}

/** The exact semantics of matchPredicate, precomputed for the common operators. */
function leafMatcher(p: FieldPredicate, compiled: CompiledConfig): (v: FieldValue | undefined) => boolean {
  if (p.exists !== undefined) return p.exists ? (v) => !isEmpty(v) : (v) => isEmpty(v);
  if (p.notIn !== undefined) {
    const set = new Set(p.notIn.map(norm));
    return (v) => isEmpty(v) || !set.has(norm(v));
  }
  if (p.equals !== undefined) {
    const eq = p.equals;
    if (typeof eq === 'number') return (v) => !isEmpty(v) && toNumber(v) === eq;
    const want = norm(eq);
    return (v) => !isEmpty(v) && norm(v) === want;
  }
  if (p.in !== undefined) {
    const strings = new Set(p.in.filter((x) => typeof x !== 'number').map(norm));
    const numbers = new Set(p.in.filter((x): x is number => typeof x === 'number'));
    return (v) => {
      if (isEmpty(v)) return false;
      if (strings.size > 0 && strings.has(norm(v))) return true;
      if (numbers.size === 0) return false;
      const n = toNumber(v);
      return n !== undefined && numbers.has(n);
    };
  }
  const onlyBounds = p.contains === undefined && p.matches === undefined && p.startsWith === undefined && p.between === undefined;
  if (onlyBounds && (p.min !== undefined || p.max !== undefined)) {
    const lo = p.min ?? -Infinity;
    const hi = p.max ?? Infinity;
    return (v) => {
      if (isEmpty(v)) return false;
      const n = toNumber(v);
      return n !== undefined && n >= lo && n <= hi;
    };
  }
  if (onlyBounds) return NEVER;
  const lookup = (src: string) => regexFor(compiled, src);
  return (v) => matchPredicate(p, v, lookup);
}

export function conditionNode(cond: Condition, compiled: CompiledConfig): ConditionNode {
  let node = nodes.get(cond);
  if (node) return node;
  if ('all' in cond) node = group(ALL, cond.all.map((c) => conditionNode(c, compiled)));
  else if ('any' in cond) node = group(ANY, cond.any.map((c) => conditionNode(c, compiled)));
  else if ('not' in cond) node = group(NOT, [conditionNode(cond.not, compiled)]);
  else {
    node = {
      kind: LEAF,
      kids: [],
      field: cond.field,
      source: Object.hasOwn(SOURCES, cond.field) ? SOURCES[cond.field]! : FIELD,
      match: leafMatcher(cond, compiled),
      text: `${describePredicate(cond.field, cond)} (${cond.field} `,
    };
  }
  nodes.set(cond, node);
  return node;
}

function group(kind: number, kids: ConditionNode[]): ConditionNode {
  return { kind, kids, field: '', source: FIELD, match: NEVER, text: '' };
}
