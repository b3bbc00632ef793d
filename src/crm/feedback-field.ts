// Rep feedback as a CRM-native property / field (issue 11 "Rep feedback"): the names and option
// labels both connectors create, read and write, and the internal inbox event that carries a
// verdict given on the card / panel to the CRM write-back. Not part of config.writeBack: these
// are written by reps, so their changes are subscribed to and interpreted, never ignored as
// lead-router's own writes (a write of ours is deduplicated by Store.appendFeedback instead).
import type { FeedbackKind } from '../store/types.ts';

export const FEEDBACK_LABELS: Record<FeedbackKind, string> = {
  good_lead: 'Good lead',
  bad_fit: 'Bad fit',
  wrong_owner: 'Wrong owner',
  duplicate: 'Duplicate',
};

/** HubSpot contact properties (internal names; the enumeration's option values are the kinds). */
export const HUBSPOT_FEEDBACK_PROPERTY = 'lead_router_feedback';
export const HUBSPOT_FEEDBACK_NOTE_PROPERTY = 'lead_router_feedback_note';

/** Pipedrive person fields, found by name (their keys are per-company hashes); the option
 *  field's options are FEEDBACK_LABELS, matched back to kinds by label. */
export const PIPEDRIVE_FEEDBACK_FIELD = 'Lead Router feedback';
export const PIPEDRIVE_FEEDBACK_NOTE_FIELD = 'Lead Router feedback note';

/** The kind an option label or value names (case-insensitive), or null. */
export function feedbackKindOf(value: string | null | undefined): FeedbackKind | null {
  if (!value) return null;
  const v = value.trim().toLowerCase();
  for (const [kind, label] of Object.entries(FEEDBACK_LABELS) as [FeedbackKind, string][]) {
    if (v === kind || v === label.toLowerCase()) return kind;
  }
  return null;
}

/** A verdict set in the CRM (property / field change), for the pipeline to store. */
export interface CrmFeedback {
  leadId: string;
  kind: FeedbackKind;
  note: string | null;
  /** The CRM user who set it, when the CRM says (HubSpot sourceId "userId:<id>", Pipedrive
   *  meta.user_id); null: the lead's owner is recorded instead. */
  userId: string | null;
  at: number;
}

/** Internal inbox event: write a verdict given on the card / panel to the CRM property / field. */
export const FEEDBACK_WRITE_KIND = 'feedback.write';

export interface FeedbackWrite {
  leadId: string;
  kind: FeedbackKind;
  note: string | null;
}
