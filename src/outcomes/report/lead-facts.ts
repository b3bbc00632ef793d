// What the funnel report reads of a lead's deals: its deals in the store's order, and the
// decision its earliest attributed deal records (src/outcomes/report/build-funnel.ts). Pure.
import type { OutcomeDecision, OutcomeRecord } from '../../store/outcome-types.ts';

/** The window's deals per lead, each list in the store's order (deal creation, deal id). */
export function dealsByLead(outcomes: readonly OutcomeRecord[]): Map<string, OutcomeRecord[]> {
  const deals = new Map<string, OutcomeRecord[]>();
  for (const o of outcomes) {
    const list = deals.get(o.leadId);
    if (list) list.push(o);
    else deals.set(o.leadId, [o]);
  }
  return deals;
}

/** The decision of the lead's earliest deal (by creation, else first sighting) that carries one;
 *  of deals created at the same moment the first in the store's order. Null: none does. */
export function attributedDecision(deals: readonly OutcomeRecord[]): OutcomeDecision | null {
  let best: OutcomeRecord | null = null;
  for (const o of deals) {
    if (o.decision === null) continue;
    if (best === null || (o.dealCreatedAt ?? o.observedAt) < (best.dealCreatedAt ?? best.observedAt)) best = o;
  }
  return best?.decision ?? null;
}
