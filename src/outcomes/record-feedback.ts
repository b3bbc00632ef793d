// Store a rep's verdict tied to the lead's current routing decision (its latest audit row), and
// write verdicts given on the card / panel to the CRM's feedback property / field.
import type { CrmFeedback, FeedbackWrite } from '../crm/feedback-field.ts';
import type { CrmTenantClient } from '../crm/types.ts';
import type { Logger } from '../logger.ts';
import type { FeedbackInput, Store, TenantKey } from '../store/types.ts';
import { attributeDecision } from './attribute-decision.ts';

export type FeedbackGiven = Omit<FeedbackInput, 'decision'>;

/**
 * Store one verdict with the decision it judges. For a verdict set in the CRM whose user the CRM
 * does not name, the lead's owner is recorded as the rep (its assignment, else the decision's).
 * Returns false when the store deduplicated it (Store.appendFeedback).
 */
export async function recordFeedback(store: Store, given: FeedbackGiven): Promise<boolean> {
  const [latest] = await store.getAudit(given.tenant, given.leadId, 1);
  const decision = latest ? attributeDecision([latest], given.at) : null;
  let userId = given.userId;
  if (userId === null && given.source === 'crm') {
    userId = (await store.getAssignment(given.tenant, given.leadId))?.owner ?? decision?.owner ?? null;
  }
  return store.appendFeedback({ ...given, userId, decision });
}

/** Verdicts set in the CRM (interpretation of property / field changes); returns how many were new. */
export async function recordCrmFeedback(store: Store, tenant: TenantKey, feedback: readonly CrmFeedback[]): Promise<number> {
  let added = 0;
  for (const f of [...feedback].sort((a, b) => a.at - b.at)) {
    if (await recordFeedback(store, { tenant, leadId: f.leadId, at: f.at, userId: f.userId, kind: f.kind, note: f.note, source: 'crm' })) added += 1;
  }
  return added;
}

/**
 * Write card / panel verdicts to the CRM through the tenant's client (rate-limited queue, batched
 * by the connector). The latest verdict per lead wins. A refused row (deleted record, missing
 * scope) is logged and dropped: the verdict itself is already stored; a thrown (retryable)
 * error retries the inbox rows.
 */
export async function writeFeedbackToCrm(client: CrmTenantClient, writes: readonly FeedbackWrite[], logger: Logger): Promise<void> {
  const latest = new Map<string, FeedbackWrite>();
  for (const w of writes) latest.set(w.leadId, w);
  if (!latest.size) return;
  const results = await client.writeLeads([...latest.values()].map((w) => ({ id: w.leadId, values: {}, feedback: { kind: w.kind, note: w.note } })));
  const failed = results.filter((r) => !r.ok);
  if (failed.some((r) => r.retryable)) throw new Error(`feedback write-back failed: ${failed.map((r) => `${r.id}: ${r.error}`).join('; ')}`);
  for (const r of failed) logger.warn('feedback not written to the CRM', { tenant: client.tenant, leadId: r.id, error: r.error });
}
