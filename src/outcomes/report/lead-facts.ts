// What the funnel report needs per lead, gathered from the store: the decision it is attributed
// to, its first assignment and first touch, and its deals. Pure: rows in, facts out.
import type { ReportAssignedLead, ReportDecision } from '../../store/report-types.ts';
import type { OutcomeRecord } from '../../store/types.ts';

/** The decision a lead is counted under (owner, rule, tier, score may come from its first deal's attribution). */
export type FactDecision = Pick<ReportDecision, 'owner' | 'rule' | 'tier' | 'grade' | 'score' | 'source' | 'segment' | 'target'>;

export interface LeadFacts {
  leadId: string;
  decision: FactDecision;
  /** The lead's value of the source field when its decision was made (null: not mapped / empty). */
  source: string | null;
  /** epoch ms of the lead's first assignment to an owner in the window (null: never assigned) */
  assignedAt: number | null;
  /** epoch ms of the first touch after that assignment (null: not touched) */
  firstTouchAt: number | null;
  deals: OutcomeRecord[];
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/**
 * One entry per lead decided in the window (`decisions`: each lead's latest decision). A lead
 * with deals counts under the owner, rule, tier and score its earliest deal was attributed to
 * (conversion belongs to the decision that made it); grade, source and segment are the latest
 * decision's. Others count under their latest decision in the window.
 */
export function collectLeadFacts(decisions: readonly ReportDecision[], assigned: readonly ReportAssignedLead[], outcomes: readonly OutcomeRecord[]): LeadFacts[] {
  const deals = new Map<string, OutcomeRecord[]>();
  for (const o of outcomes) push(deals, o.leadId, o);
  const byLead = new Map(assigned.map((a) => [a.leadId, a]));

  return decisions.map((d) => {
    const own = deals.get(d.leadId) ?? [];
    const first = [...own].sort((x, y) => (x.dealCreatedAt ?? x.observedAt) - (y.dealCreatedAt ?? y.observedAt)).find((o) => o.decision !== null);
    // A touch closes its own assignment, so it is never before the lead's first one.
    const a = byLead.get(d.leadId);
    const attributed = first?.decision;
    const decision: FactDecision = attributed
      ? { ...d, owner: attributed.owner, rule: attributed.rule, tier: attributed.tier, score: attributed.score }
      : d;
    return { leadId: d.leadId, decision, source: d.source, assignedAt: a?.assignedAt ?? null, firstTouchAt: a?.firstTouchAt ?? null, deals: own };
  });
}
