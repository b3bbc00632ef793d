// Routing conditions compiled once per config object into a tree of same-shaped nodes, so the
// per-lead test is a switch on small integers instead of `'all' in cond` probes over objects of
// many shapes. Leaf matchers are compiled by predicate-match.ts (value sets normalised once)
// and behave exactly like matchPredicate in predicate.ts.
import type { Condition } from '../config/schema.ts';
import { regexFor } from './compile.ts';
import { describePredicate } from './predicate.ts';
import { compilePredicate } from './predicate-match.ts';
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
  /** LEAF: trace texts by value, bounded (see explainLeaf in conditions.ts) */
  texts: Map<FieldValue | undefined, string>;
}

const NEVER = () => false;
const nodes = new WeakMap<Condition, ConditionNode>();

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
      match: compilePredicate(cond.field, cond, (src) => regexFor(compiled, src)),
      text: `${describePredicate(cond.field, cond)} (${cond.field} `,
      texts: new Map(),
    };
  }
  nodes.set(cond, node);
  return node;
}

function group(kind: number, kids: ConditionNode[]): ConditionNode {
  return { kind, kids, field: '', source: FIELD, match: NEVER, text: '', texts: new Map() };
}
