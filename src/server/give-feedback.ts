// A verdict given on the HubSpot card or the Pipedrive panel: stored with the decision it judges,
// and queued (internal inbox row) for the CRM write-back of the feedback property / field, so the
// CRM shows it. The write goes through the tenant's rate-limited, batched client in the worker;
// its echo is not stored again (Store.appendFeedback deduplicates CRM values).
import { FEEDBACK_WRITE_KIND } from '../crm/feedback-field.ts';
import { recordFeedback, type FeedbackGiven } from '../outcomes/record-feedback.ts';
import { INTERNAL_SOURCE } from '../pipeline/support/internal-source.ts';
import type { Store } from '../store/types.ts';

export async function giveFeedback(store: Store, given: FeedbackGiven): Promise<void> {
  await recordFeedback(store, given);
  await store.inboxAppend(
    [
      {
        tenant: given.tenant,
        source: INTERNAL_SOURCE,
        dedupeKey: `feedback-write:${given.leadId}:${given.at}:${given.kind}`,
        kind: FEEDBACK_WRITE_KIND,
        objectId: given.leadId,
        occurredAt: given.at,
        payload: { kind: given.kind, note: given.note },
      },
    ],
    given.at,
  );
}
