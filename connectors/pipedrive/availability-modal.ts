// A rep marks themselves away or back from the Pipedrive panel: a second JSON modal ("My
// availability", a global action of the lead-router panel; same protocol as feedback-modal.ts).
//   GET  on open: the rep's absences still in effect (text block);
//   POST on submit {availability: away_1d | away_3d | away_7d | back, note?}: stored for the
//        rep (the Pipedrive user named by the verified token, who must be a config owner).
import { z } from 'zod';
import { InputError } from '../../src/errors.ts';
import { truncate } from './panel-explain.ts';

export const AVAILABILITY_BLOCKS = { status: 'status', availability: 'availability', note: 'note' } as const;
export const AVAILABILITY_NOTE_MAX = 200;

/** What the rep can choose: away for N hours, or back now. */
export const AVAILABILITY_CHOICES = {
  away_1d: { label: 'Away for 24 hours', hours: 24 },
  away_3d: { label: 'Away for 3 days', hours: 72 },
  away_7d: { label: 'Away for a week', hours: 168 },
  back: { label: "I'm back", hours: 0 },
} as const;
export type AvailabilityChoice = keyof typeof AVAILABILITY_CHOICES;
const CHOICES = Object.keys(AVAILABILITY_CHOICES) as [AvailabilityChoice, ...AvailabilityChoice[]];

export function availabilityModalSchema(): Record<string, unknown> {
  return {
    type: 'object',
    properties: {
      blocks: {
        type: 'object',
        properties: {
          [AVAILABILITY_BLOCKS.status]: { $ref: '#/definitions/element-text', options: { value: 'You receive new leads.' } },
          [AVAILABILITY_BLOCKS.availability]: {
            $ref: '#/definitions/element-radio-group',
            options: { label: 'Your availability for new leads', isRequired: true, items: CHOICES.map((c) => ({ value: c, label: AVAILABILITY_CHOICES[c].label })) },
          },
          [AVAILABILITY_BLOCKS.note]: {
            $ref: '#/definitions/element-textarea',
            options: { label: 'Note (optional)', placeholder: 'e.g. customer visit', message: `At most ${AVAILABILITY_NOTE_MAX} characters`, resize: true },
          },
        },
      },
      actions: {
        type: 'object',
        properties: {
          cancel: { $ref: '#/definitions/action-secondary', options: { label: 'Cancel', handler: 'cancel' } },
          submit: { $ref: '#/definitions/action-primary', options: { label: 'Save', handler: 'request' } },
        },
      },
    },
  };
}

/** On open: the rep's current / planned absences in one text block. */
export function availabilityModalLoad(absences: { from: number; to: number; note: string | null }[], now: number): { data: { blocks: Record<string, unknown>; actions: Record<string, never> } } {
  const iso = (t: number) => `${new Date(t).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
  const text = absences.length
    ? absences.map((a) => `${a.from <= now ? 'Away' : `Away from ${iso(a.from)}`} until ${iso(a.to)}${a.note ? ` (${a.note})` : ''}`).join('; ')
    : 'You receive new leads.';
  return { data: { blocks: { [AVAILABILITY_BLOCKS.status]: { value: truncate(text, 500) } }, actions: {} } };
}

const submission = z.object({
  [AVAILABILITY_BLOCKS.availability]: z.enum(CHOICES),
  [AVAILABILITY_BLOCKS.note]: z
    .string()
    .trim()
    .max(AVAILABILITY_NOTE_MAX)
    .transform((t) => t.replace(/\u0000/g, ''))
    .nullish(),
});

/** The submitted form; InputError (400) names what is wrong. */
export function parseAvailabilitySubmission(body: unknown): { choice: AvailabilityChoice; hours: number; note: string | null } {
  const parsed = submission.safeParse(body ?? {});
  if (!parsed.success) {
    const what = parsed.error.issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`).join('; ');
    throw new InputError(`Invalid availability: ${what} (availability is one of ${CHOICES.join(', ')})`);
  }
  const choice = parsed.data[AVAILABILITY_BLOCKS.availability];
  return { choice, hours: AVAILABILITY_CHOICES[choice].hours, note: parsed.data[AVAILABILITY_BLOCKS.note] || null };
}

export function availabilitySaved(choice: AvailabilityChoice): { success: { type: 'snackbar'; message: string } } {
  const message = choice === 'back' ? 'Welcome back: you receive new leads again' : `${AVAILABILITY_CHOICES[choice].label}: new leads go to your team-mates`;
  return { success: { type: 'snackbar', message } };
}
