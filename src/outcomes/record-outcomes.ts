// Store what a batch of CRM events said about deals: one outcome per (deal, lead), tied to the
// lead's recorded routing decision at the time the deal appeared (attribute-decision.ts).
// Idempotent: a replayed or late event never undoes a newer state (Store.upsertOutcome).
import type { DealOutcome } from '../crm/interpret.ts';
import type { Store, TenantKey } from '../store/types.ts';
import { attributeDecision } from './attribute-decision.ts';

/** Decisions read per lead to find the one in force when the deal appeared. */
const AUDIT_LOOKBACK = 50;

export async function recordOutcomes(store: Store, tenant: TenantKey, outcomes: readonly DealOutcome[]): Promise<number> {
  let stored = 0;
  const audits = new Map<string, Awaited<ReturnType<Store['getAudit']>>>();
  for (const o of outcomes) {
    for (const leadId of new Set(o.leadIds)) {
      if (!audits.has(leadId)) audits.set(leadId, await store.getAudit(tenant, leadId, AUDIT_LOOKBACK));
      await store.upsertOutcome({
        tenant,
        leadId,
        dealId: o.dealId,
        status: o.status,
        amount: o.amount,
        currency: o.currency,
        dealCreatedAt: o.createdAt,
        closedAt: o.closedAt,
        lostReason: o.lostReason,
        observedAt: o.observedAt,
        decision: attributeDecision(audits.get(leadId)!, o.createdAt ?? o.observedAt),
      });
      stored += 1;
    }
  }
  return stored;
}
