// Routing conditions: all / any / not over field predicates. testNode builds no strings;
// explainTest tests and builds the human "why" in the same pass, along the parts that decided
// the result (leaf texts are cached per value).
import type { Condition } from '../config/schema.ts';
import {
  ACCOUNT_OWNER,
  ALL,
  ANY,
  conditionNode,
  CURRENT_OWNER,
  ENGAGEMENT,
  FIT,
  GRADE,
  LEAF,
  SCORE,
  TIER,
  type ConditionNode,
} from './condition-node.ts';
import { isEmpty } from './predicate.ts';
import { numberText } from './score-math.ts';
import type { CompiledConfig, FieldValue, Lead, ScoreResult } from './types.ts';

export interface ConditionContext {
  score: ScoreResult;
  tier: string;
  grade: string | null;
}

function valueOf(node: ConditionNode, lead: Lead, ctx: ConditionContext): FieldValue | undefined {
  switch (node.source) {
    case SCORE:
      return ctx.score.total;
    case FIT:
      return ctx.score.fit;
    case ENGAGEMENT:
      return ctx.score.engagement;
    case TIER:
      return ctx.tier;
    case GRADE:
      return ctx.grade;
    case CURRENT_OWNER:
      return lead.currentOwner ?? null;
    case ACCOUNT_OWNER:
      return lead.accountOwner ?? null;
    default:
      return lead.fields[node.field];
  }
}

/** Does the compiled condition hold? No strings are built. */
export function testNode(node: ConditionNode, lead: Lead, ctx: ConditionContext): boolean {
  switch (node.kind) {
    case LEAF:
      return node.match(valueOf(node, lead, ctx));
    case ALL:
      for (let i = 0; i < node.kids.length; i++) if (!testNode(node.kids[i]!, lead, ctx)) return false;
      return true;
    case ANY:
      for (let i = 0; i < node.kids.length; i++) if (testNode(node.kids[i]!, lead, ctx)) return true;
      return false;
    default: // NOT
      return !testNode(node.kids[0]!, lead, ctx);
  }
}

function showValue(v: FieldValue | undefined): string {
  if (isEmpty(v)) return 'missing';
  if (typeof v === 'string') return `"${v}"`;
  return typeof v === 'number' ? numberText(v) : String(v);
}

/** Distinct values remembered per leaf (the first ones seen; later ones are built each time). */
const LEAF_CACHE_SIZE = 256;

/**
 * "score >= 90 (score 55)". The text depends only on the leaf and the value, and most
 * fields a rule tests take few distinct values (country, industry, tier), so the texts are
 * remembered per leaf for primitive values. Numbers are not: they rarely repeat (scores,
 * head counts) and are cheap to print.
 */
function explainLeaf(node: ConditionNode, v: FieldValue | undefined): string {
  if (typeof v === 'number' || (typeof v === 'object' && v !== null)) return `${node.text}${showValue(v)})`;
  let text = node.texts.get(v);
  if (text === undefined) {
    text = `${node.text}${showValue(v)})`;
    if (node.texts.size < LEAF_CACHE_SIZE) node.texts.set(v, text);
  }
  return text;
}

/** A condition's result and the human "why" behind it. */
export interface Explained {
  met: boolean;
  why: string;
}

/**
 * Test the node and say why it did or did not hold, in one pass: for a met `all` every
 * part, for a failed one the first failing part; for `any` the first met part, or every
 * part when none was met. Parts are evaluated in order and short-circuit exactly like
 * testNode.
 */
export function explainTest(node: ConditionNode, lead: Lead, ctx: ConditionContext): Explained {
  const kids = node.kids;
  switch (node.kind) {
    case LEAF: {
      const v = valueOf(node, lead, ctx);
      return { met: node.match(v), why: explainLeaf(node, v) };
    }
    case ALL: {
      let out = '';
      for (let i = 0; i < kids.length; i++) {
        const part = explainTest(kids[i]!, lead, ctx);
        if (!part.met) return part;
        out = i === 0 ? part.why : `${out} and ${part.why}`;
      }
      return { met: true, why: out };
    }
    case ANY: {
      let out = 'none of: ';
      for (let i = 0; i < kids.length; i++) {
        const part = explainTest(kids[i]!, lead, ctx);
        if (part.met) return part;
        out = i === 0 ? out + part.why : `${out}; ${part.why}`;
      }
      return { met: false, why: out };
    }
    default: {
      const part = explainTest(kids[0]!, lead, ctx);
      return { met: !part.met, why: `not [${part.why}]` };
    }
  }
}

/** Does the condition hold? (compiled once per condition object, then string-free) */
export function testCondition(cond: Condition, lead: Lead, ctx: ConditionContext, compiled: CompiledConfig): boolean {
  return testNode(conditionNode(cond, compiled), lead, ctx);
}

/** Evaluate a condition and say why it did or did not match. */
export function evaluateCondition(
  cond: Condition,
  lead: Lead,
  ctx: ConditionContext,
  compiled: CompiledConfig,
): { matched: boolean; why: string } {
  const { met, why } = explainTest(conditionNode(cond, compiled), lead, ctx);
  return { matched: met, why };
}
