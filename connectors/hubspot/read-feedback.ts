// The feedback each contact's lead-router feedback properties hold now: one batch read of the two
// properties, 100 contacts per call (reference §6). A contact change event names one property
// at a time, so the verdict and its note are read together here. Deleted contacts are absent.
import type { FeedbackKind } from '../../src/store/types.ts';
import type { HubspotHttp } from './http.ts';
import { batchReadObjects } from './read-leads.ts';
import { feedbackFromProperties, HUBSPOT_FEEDBACK_PROPERTIES } from './feedback-properties.ts';

export async function readHubspotFeedback(http: HubspotHttp, ids: string[]): Promise<Map<string, { kind: FeedbackKind; note: string | null } | null>> {
  const out = new Map<string, { kind: FeedbackKind; note: string | null } | null>();
  for (const r of await batchReadObjects(http, 'contacts', ids, [...HUBSPOT_FEEDBACK_PROPERTIES])) out.set(r.id, feedbackFromProperties(r.properties));
  return out;
}
