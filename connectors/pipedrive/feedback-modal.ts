// Rep feedback from the Pipedrive panel: a JSON modal (Pipedrive docs "JSON modals", "Actions in
// JSON panels") attached to the lead-router panel as its global action. JSON panels carry no
// buttons of their own: an action is configured in Developer Hub, and a JSON modal's action has
// its own API endpoint and JSON schema (generated in app-manifest.ts from here). Pipedrive then
//   GET  <endpoint>?resource&view&userId&companyId&selectedIds&token   when the modal opens:
//        we answer {data: {blocks, actions}}, merged into the schema by block key;
//   POST <endpoint>?...same query, token included...  body {<block key>: value} on submit:
//        we answer {success: {type: "snackbar", message}}, or {error: {message}} (global
//        error), or 401 (the modal's "reconnect the app" screen).
// The token is the same HS256 JWT as the panel's (panel-token.ts). Requests time out after 10 s.
import { z } from 'zod';
import type { Evaluation } from '../../src/engine/types.ts';
import { InputError } from '../../src/errors.ts';
import { FEEDBACK_LABELS } from '../../src/crm/feedback-field.ts';
import { FEEDBACK_KINDS, type FeedbackKind } from '../../src/store/types.ts';
import { decisionText, truncate } from './panel-explain.ts';

/** Block keys: the submitted body is keyed by them. */
export const FEEDBACK_BLOCKS = { decision: 'decision', verdict: 'verdict', note: 'note' } as const;
export const FEEDBACK_NOTE_MAX = 500;

export { FEEDBACK_LABELS };

/** The modal's JSON schema for Developer Hub ("JSON schema (required)"). */
export function feedbackModalSchema(): Record<string, unknown> {
  return {
    type: 'object',
    properties: {
      blocks: {
        type: 'object',
        properties: {
          [FEEDBACK_BLOCKS.decision]: { $ref: '#/definitions/element-text', options: { value: 'lead-router has not scored this person yet.' } },
          [FEEDBACK_BLOCKS.verdict]: {
            $ref: '#/definitions/element-radio-group',
            options: {
              label: 'Your verdict on this lead',
              isRequired: true,
              items: FEEDBACK_KINDS.map((k) => ({ value: k, label: FEEDBACK_LABELS[k] })),
            },
          },
          [FEEDBACK_BLOCKS.note]: {
            $ref: '#/definitions/element-textarea',
            options: { label: 'Note (optional)', placeholder: 'e.g. belongs to the EMEA team', message: `At most ${FEEDBACK_NOTE_MAX} characters`, resize: true },
          },
        },
      },
      actions: {
        type: 'object',
        properties: {
          cancel: { $ref: '#/definitions/action-secondary', options: { label: 'Cancel', handler: 'cancel' } },
          submit: { $ref: '#/definitions/action-primary', options: { label: 'Send feedback', handler: 'request' } },
        },
      },
    },
  };
}

/** Initial load: show the decision being judged (the schema's text block, by key). */
export function feedbackModalLoad(evaluation: Evaluation): { data: { blocks: Record<string, unknown>; actions: Record<string, never> } } {
  const text = `Score ${Math.round(evaluation.score.total)} (${evaluation.tier}). ${decisionText(evaluation)}`;
  return { data: { blocks: { [FEEDBACK_BLOCKS.decision]: { value: truncate(text, 500) } }, actions: {} } };
}

const submission = z.object({
  [FEEDBACK_BLOCKS.verdict]: z.enum(FEEDBACK_KINDS as [FeedbackKind, ...FeedbackKind[]]),
  // NUL is dropped: PostgreSQL text rejects it. Blank means no note.
  [FEEDBACK_BLOCKS.note]: z
    .string()
    .trim()
    .max(FEEDBACK_NOTE_MAX)
    .transform((t) => t.replace(/\u0000/g, ''))
    .nullish(),
});

/** The submitted form; InputError (400) names what is wrong. Unknown blocks are ignored. */
export function parseFeedbackSubmission(body: unknown): { kind: FeedbackKind; note: string | null } {
  const parsed = submission.safeParse(body ?? {});
  if (!parsed.success) {
    const what = parsed.error.issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`).join('; ');
    throw new InputError(`Invalid feedback: ${what} (verdict is one of ${FEEDBACK_KINDS.join(', ')}; note at most ${FEEDBACK_NOTE_MAX} characters)`);
  }
  return { kind: parsed.data[FEEDBACK_BLOCKS.verdict], note: parsed.data[FEEDBACK_BLOCKS.note] || null };
}

export function feedbackSaved(kind: FeedbackKind): { success: { type: 'snackbar'; message: string } } {
  return { success: { type: 'snackbar', message: `Thanks: "${FEEDBACK_LABELS[kind]}" saved for lead-router's calibration` } };
}

/** The documented global error of a JSON modal. */
export function modalError(message: string): { error: { message: string } } {
  return { error: { message: truncate(message, 500) } };
}
