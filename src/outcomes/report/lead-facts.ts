// What the funnel report needs per lead, gathered from the store: the decision it is attributed
// to, its first assignment and first touch, and its deals. Pure: rows in, facts out.
import type { AssignmentRecord, AuditEntry, OutcomeDecision, OutcomeRecord } from '../../store/types.ts';

export interface LeadFacts {
  leadId: string;
  decision: OutcomeDecision;
  /** The lead's value of the source field when its decision was made (null: not mapped / empty). */
  source: string | null;
  /** epoch ms of the lead's first assignment to an owner in the window (null: never assigned) */
  assignedAt: number | null;
  /** epoch ms of the first touch after that assignment (null: not touched) */
  firstTouchAt: number | null;
  deals: OutcomeRecord[];
}

function decisionOf(a: AuditEntry): OutcomeDecision {
  const e = a.evaluation;
  return { decidedAt: a.at, owner: e.route.owner, rule: e.route.rule, tier: e.tier, score: e.score.total, configVersion: a.configVersion ?? null };
}

function sourceOf(a: AuditEntry, field: string): string | null {
  const input = a.input as { snapshot?: { fields?: Record<string, unknown> } } | null | undefined;
  const v = input?.snapshot?.fields?.[field];
  return v === null || v === undefined || v === '' ? null : String(v);
}

/**
 * One entry per lead decided in the window. A lead with deals counts under the decision its
 * earliest deal was attributed to (conversion belongs to the decision that made it); others
 * under their latest decision in the window.
 */
export function collectLeadFacts(
  audits: readonly AuditEntry[],
  assignments: readonly AssignmentRecord[],
  outcomes: readonly OutcomeRecord[],
  sourceField: string,
): LeadFacts[] {
  const latest = new Map<string, AuditEntry>();
  for (const a of audits) {
    const seen = latest.get(a.leadId);
    if (!seen || a.at > seen.at || (a.at === seen.at && a.id > seen.id)) latest.set(a.leadId, a);
  }
  const deals = new Map<string, OutcomeRecord[]>();
  for (const o of outcomes) if (latest.has(o.leadId)) deals.set(o.leadId, [...(deals.get(o.leadId) ?? []), o]);
  const byLead = new Map<string, AssignmentRecord[]>();
  for (const a of assignments) byLead.set(a.leadId, [...(byLead.get(a.leadId) ?? []), a]);

  return [...latest.values()].map((audit) => {
    const own = deals.get(audit.leadId) ?? [];
    const first = [...own].sort((x, y) => (x.dealCreatedAt ?? x.observedAt) - (y.dealCreatedAt ?? y.observedAt)).find((o) => o.decision !== null);
    const owned = (byLead.get(audit.leadId) ?? []).filter((a) => a.owner !== null).sort((x, y) => x.assignedAt - y.assignedAt);
    const assignedAt = owned[0]?.assignedAt ?? null;
    const touches = owned.map((a) => a.firstTouchAt).filter((t): t is number => t !== null && assignedAt !== null && t >= assignedAt);
    return {
      leadId: audit.leadId,
      decision: first?.decision ?? decisionOf(audit),
      source: sourceOf(audit, sourceField),
      assignedAt,
      firstTouchAt: touches.length ? Math.min(...touches) : null,
      deals: own,
    };
  });
}
