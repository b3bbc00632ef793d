// Rep feedback as HubSpot contact properties (src/crm/feedback-field.ts): an enumeration whose
// option values are the feedback kinds (good_lead, bad_fit, wrong_owner, duplicate) and a note.
// Reps set them in HubSpot (a contact.propertyChange, interpret.ts reads both back and stores a
// feedback row); verdicts given on the card are written to them with the lead-router write-back.
import {
  FEEDBACK_LABELS,
  HUBSPOT_FEEDBACK_NOTE_PROPERTY,
  HUBSPOT_FEEDBACK_PROPERTY,
  feedbackKindOf,
} from '../../src/crm/feedback-field.ts';
import type { LeadUpdate } from '../../src/crm/types.ts';
import { FEEDBACK_KINDS, type FeedbackKind } from '../../src/store/types.ts';

export const HUBSPOT_FEEDBACK_PROPERTIES = [HUBSPOT_FEEDBACK_PROPERTY, HUBSPOT_FEEDBACK_NOTE_PROPERTY] as const;

/** HubSpot allows 65,536 characters in a string property value (reference §6). */
const NOTE_MAX = 65_536;

export function hubspotFeedbackDefinitions(groupName: string) {
  return [
    {
      name: HUBSPOT_FEEDBACK_PROPERTY,
      label: 'Lead Router feedback',
      type: 'enumeration',
      fieldType: 'select',
      groupName,
      description: "A rep's verdict on lead-router's score and routing of this contact (counted per rule and rep).",
      options: FEEDBACK_KINDS.map((kind, i) => ({ label: FEEDBACK_LABELS[kind], value: kind, displayOrder: i, hidden: false })),
    },
    {
      name: HUBSPOT_FEEDBACK_NOTE_PROPERTY,
      label: 'Lead Router feedback note',
      type: 'string',
      fieldType: 'textarea',
      groupName,
      description: 'Optional note with the Lead Router feedback (e.g. who should own this lead).',
    },
  ];
}

/** The property values of a verdict to write ("" clears the note). */
export function feedbackPropertyValues(feedback: NonNullable<LeadUpdate['feedback']>): Record<string, string> {
  return { [HUBSPOT_FEEDBACK_PROPERTY]: feedback.kind, [HUBSPOT_FEEDBACK_NOTE_PROPERTY]: (feedback.note ?? '').slice(0, NOTE_MAX) };
}

/** A contact's verdict as its properties hold it now (null: none set, or an unknown option). */
export function feedbackFromProperties(props: Record<string, string | null | undefined>): { kind: FeedbackKind; note: string | null } | null {
  const kind = feedbackKindOf(props[HUBSPOT_FEEDBACK_PROPERTY]);
  if (!kind) return null;
  const note = props[HUBSPOT_FEEDBACK_NOTE_PROPERTY]?.trim();
  return { kind, note: note ? note : null };
}
