// Rep feedback as Pipedrive person fields (src/crm/feedback-field.ts): a single-option field
// "Lead Router feedback" whose options are the feedback labels (Good lead, Bad fit, Wrong owner,
// Duplicate; Pipedrive gives each an id per company) and a "Lead Router feedback note" text field.
// Created with lead-router's other fields (properties.ts), found by name (keys are per-company
// hashes, pipedrive.md §3.3). A rep setting them fires change.person (interpret.ts); verdicts
// given on the panel are written to them by the write-back (write-leads.ts).
import { FEEDBACK_LABELS, PIPEDRIVE_FEEDBACK_FIELD, PIPEDRIVE_FEEDBACK_NOTE_FIELD, feedbackKindOf } from '../../src/crm/feedback-field.ts';
import type { LeadUpdate } from '../../src/crm/types.ts';
import { FEEDBACK_KINDS, type FeedbackKind } from '../../src/store/types.ts';
import { encodeCustomFieldValue, findOptionId, parseCustomFieldValue } from './custom-field-value.ts';
import type { FieldCatalog } from './fields.ts';
import { findField } from './field-plan.ts';
import type { PipedriveHttp } from './http.ts';
import type { PipedriveField } from './types.ts';

export interface FeedbackFields {
  verdict?: PipedriveField;
  note?: PipedriveField;
}

const LABELS = FEEDBACK_KINDS.map((k) => FEEDBACK_LABELS[k]);

export function findFeedbackFields(personFields: PipedriveField[]): FeedbackFields {
  const custom = (f: PipedriveField) => f.is_custom_field;
  return { verdict: findField(personFields, PIPEDRIVE_FEEDBACK_FIELD, custom), note: findField(personFields, PIPEDRIVE_FEEDBACK_NOTE_FIELD, custom) };
}

/** Whether both fields exist and the option field has every kind's option. */
export function feedbackFieldsComplete(f: FeedbackFields): f is Required<FeedbackFields> {
  return Boolean(f.verdict && f.note && LABELS.every((label) => findOptionId(f.verdict!, label) !== undefined));
}

/** Create the two fields (or the options an older option field lacks); invalidates the catalog when it did. */
export async function ensureFeedbackFields(http: PipedriveHttp, catalog: FieldCatalog): Promise<void> {
  let found = findFeedbackFields(await catalog.get('person'));
  if (feedbackFieldsComplete(found)) return;
  found = findFeedbackFields(await catalog.get('person', { fresh: true })); // not just a stale cache
  if (feedbackFieldsComplete(found)) return;
  if (!found.verdict) {
    await http.request({ method: 'POST', path: '/api/v2/personFields', body: { field_name: PIPEDRIVE_FEEDBACK_FIELD, field_type: 'enum', options: LABELS.map((label) => ({ label })) }, op: 'create' });
  } else {
    const missing = LABELS.filter((label) => findOptionId(found.verdict!, label) === undefined);
    if (missing.length) {
      await http.request({ method: 'POST', path: `/api/v2/personFields/${encodeURIComponent(found.verdict.field_code)}/options`, body: missing.map((label) => ({ label })), op: 'create' });
    }
  }
  if (!found.note) await http.request({ method: 'POST', path: '/api/v2/personFields', body: { field_name: PIPEDRIVE_FEEDBACK_NOTE_FIELD, field_type: 'text' }, op: 'create' });
  catalog.invalidate('person');
}

/** `custom_fields` entries of a verdict: the option id, and the note (null clears it). */
export function feedbackCustomFields(f: Required<FeedbackFields>, feedback: NonNullable<LeadUpdate['feedback']>): Record<string, unknown> {
  return {
    [f.verdict.field_code]: encodeCustomFieldValue(FEEDBACK_LABELS[feedback.kind], f.verdict),
    [f.note.field_code]: feedback.note,
  };
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * What a person change (v2 `data` + `previous`) says about feedback: `touched` when the verdict
 * or the note changed, `only` when nothing else did (besides update_time), and the verdict the
 * person holds now (null: cleared, or an option that names no kind).
 */
export function feedbackChange(
  f: FeedbackFields,
  data: Obj | null,
  previous: Obj | null,
): { touched: boolean; only: boolean; verdict: { kind: FeedbackKind; note: string | null } | null } {
  const codes = [f.verdict?.field_code, f.note?.field_code].filter((c): c is string => Boolean(c));
  const prevCustom = isObj(previous?.custom_fields) ? Object.keys(previous.custom_fields) : [];
  const touched = prevCustom.some((c) => codes.includes(c));
  const others = Object.keys(previous ?? {}).filter((k) => k !== 'update_time' && k !== 'custom_fields');
  const only = touched && others.length === 0 && prevCustom.every((c) => codes.includes(c));
  const custom = isObj(data?.custom_fields) ? data.custom_fields : {};
  const label = f.verdict ? parseCustomFieldValue(custom[f.verdict.field_code], f.verdict) : null;
  const kind = feedbackKindOf(label === null ? null : String(label));
  const noteRaw = f.note ? parseCustomFieldValue(custom[f.note.field_code], f.note) : null;
  const note = noteRaw === null ? null : String(noteRaw).trim() || null;
  return { touched, only, verdict: kind ? { kind, note } : null };
}
