// Routing conditions: all / any / not over field predicates. Matching builds no strings; the
// human "why" is built afterwards and only along the branches that decided the result.
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
  return typeof v === 'string' ? `"${v}"` : String(v);
}

/**
 * Why the node evaluated to `result`: for a met `all` every part, for a failed one the first
 * failing part; for `any` the first met part, or every part when none was met.
 */
export function explainNode(node: ConditionNode, result: boolean, lead: Lead, ctx: ConditionContext): string {
  switch (node.kind) {
    case LEAF:
      return `${node.text}${showValue(valueOf(node, lead, ctx))})`;
    case ALL: {
      if (result) return node.kids.map((k) => explainNode(k, true, lead, ctx)).join(' and ');
      const failing = node.kids.find((k) => !testNode(k, lead, ctx));
      return failing ? explainNode(failing, false, lead, ctx) : 'no part failed';
    }
    case ANY: {
      if (!result) return `none of: ${node.kids.map((k) => explainNode(k, false, lead, ctx)).join('; ')}`;
      const met = node.kids.find((k) => testNode(k, lead, ctx));
      return met ? explainNode(met, true, lead, ctx) : 'no part met';
    }
    default:
      return `not [${explainNode(node.kids[0]!, !result, lead, ctx)}]`;
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
  const node = conditionNode(cond, compiled);
  const matched = testNode(node, lead, ctx);
  return { matched, why: explainNode(node, matched, lead, ctx) };
}
