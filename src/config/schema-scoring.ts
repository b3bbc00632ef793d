// Scoring and tiers sections of the admin config.
import { z } from 'zod';
import { name, primitive } from './schema-common.ts';
import { checkOneOperator, predicateOps } from './schema-predicates.ts';

// ---------------------------------------------------------------------------------------
// Scoring
// ---------------------------------------------------------------------------------------
const ruleMeta = {
  id: name.optional().describe('Stable id for the explanation; defaults to the group name + index.'),
  label: z.string().min(1).optional().describe('Short text shown in the reasons, e.g. "title CFO".'),
};

/** A predicate rule: `points` when the predicate matches (negative points allowed). */
export const predicateRuleSchema = z
  .strictObject({ ...ruleMeta, field: z.string().min(1), ...predicateOps, points: z.number() })
  .superRefine(checkOneOperator);

/** Numeric bands on one field: the first band that contains the value gives its points. */
export const bandsRuleSchema = z.strictObject({
  ...ruleMeta,
  field: z.string().min(1),
  bands: z
    .array(
      z.strictObject({
        min: z.number().optional(),
        max: z.number().optional(),
        points: z.number(),
        label: z.string().optional(),
      }),
    )
    .min(1),
});

/** A counter field (e.g. hs_email_open): `perUnit` points per unit, at most `max` (absolute). */
export const counterRuleSchema = z.strictObject({
  ...ruleMeta,
  field: z.string().min(1),
  perUnit: z.number(),
  max: z.number().positive().optional().describe('Cap on the absolute points from this rule.'),
});

/** Behavioural events from the engagement ledger; they decay by the group's half-life. */
export const eventRuleSchema = z.strictObject({
  ...ruleMeta,
  event: z.string().min(1).describe('Event type, e.g. email_open, email_click, page_view, form_submission, ebook_download, webinar, meeting.'),
  points: z.number().describe('Points per occurrence (negative for unsubscribe, bounce, careers page, ...).'),
  once: z.boolean().default(false).describe('Count one occurrence only (the most recent, so a repeat today is not scored at a decayed value).'),
  max: z.number().positive().optional().describe('Cap on the absolute points from this rule (before decay).'),
  where: z
    .record(z.string(), primitive)
    .optional()
    .describe('Only events whose properties equal these values, e.g. {url: "/pricing"}.'),
  contains: z
    .record(z.string(), z.string())
    .optional()
    .describe('Only events whose properties contain these substrings (case-insensitive).'),
});

export const scoringRuleSchema = z.union([bandsRuleSchema, counterRuleSchema, eventRuleSchema, predicateRuleSchema]);

export const scoreGroupSchema = z.strictObject({
  name: z.string().min(1),
  cap: z.number().positive().optional().describe('Upper bound for the group total.'),
  floor: z.number().optional().describe('Lower bound for the group total (e.g. -30).'),
  rules: z.array(scoringRuleSchema).min(1),
});

export const scoreSectionSchema = z.strictObject({
  cap: z.number().positive().optional().describe('Upper bound for this score.'),
  floor: z.number().optional().describe('Lower bound for this score (default: no bound).'),
  groups: z.array(scoreGroupSchema).default([]),
});

/** Retrain intervals of the predictive score (scoring.predictive.retrain), in ms. */
export const RETRAIN_INTERVALS_MS = { hourly: 3_600_000, daily: 86_400_000, weekly: 7 * 86_400_000 } as const;

/**
 * Optional predictive score (issue 11): a logistic model of won on the scoring items, fitted per
 * tenant from its decisions with outcomes (src/calibration/predictive-model.ts), writes a win
 * probability next to the rule-based score. Never used for routing.
 */
export const predictiveSchema = z
  .strictObject({
    enabled: z.boolean().default(false).describe('Fit a model and write a win probability (off by default).'),
    minOutcomes: z
      .number()
      .int()
      .positive()
      // Same default as `lead-router calibrate --min-outcomes` (DEFAULT_MIN_OUTCOMES).
      .default(200)
      .describe('Leads with a won or lost deal needed before a model is fitted; below it, no model and nothing written.'),
    retrain: z.enum(['hourly', 'daily', 'weekly']).default('daily').describe('How often the model is refitted.'),
    windowDays: z.number().int().positive().default(180).describe('Decisions of the last N days are learned from.'),
    property: z
      .string()
      .min(1)
      .regex(/^[a-z][a-z0-9_]*$/, 'lowercase letters, digits and underscores, starting with a letter')
      .default('lead_router_win_probability')
      .describe('CRM property (HubSpot) / person field (Pipedrive) the win probability (0-100) is written to.'),
    topFactors: z.number().int().min(0).max(10).default(3).describe('Factors named in the reasons next to the probability.'),
  })
  .prefault({});

export const scoringSchema = z.strictObject({
  fit: scoreSectionSchema.prefault({}).describe('Firmographic score: never decays.'),
  engagement: scoreSectionSchema
    .extend({
      halfLifeDays: z
        .number()
        .positive()
        .optional()
        .describe('Event points halve every N days since the event (omit for no decay).'),
      windowDays: z.number().positive().optional().describe('Ignore events older than N days.'),
    })
    .prefault({})
    .describe('Behavioural score: event points decay by half-life.'),
  total: z
    .strictObject({ cap: z.number().positive().optional(), floor: z.number().optional() })
    .prefault({})
    .describe('Caps on fit + engagement.'),
  predictive: predictiveSchema.describe('Optional win probability from a model fitted on the tenant\'s outcomes (off by default).'),
});

const thresholdList = <T extends z.ZodTypeAny>(key: string, label: T) =>
  z
    .array(z.strictObject({ [key]: label, min: z.number().optional() } as Record<string, z.ZodTypeAny>))
    .min(1)
    .describe(`Ordered highest first; the first entry whose min <= value wins; the last entry should have no min (catch-all).`);

export const tiersSchema = z.strictObject({
  priority: thresholdList('name', name).describe('Priority tiers on the total score, e.g. hot >= 70, warm >= 40, cold.'),
  grade: z
    .strictObject({
      fit: thresholdList('grade', z.string().regex(/^[A-Z]$/)).describe('Fit letters, e.g. A >= 40, B >= 20, C.'),
      engagement: thresholdList('grade', z.string().regex(/^[1-9]$/)).describe('Engagement digits, e.g. 1 >= 30, 2 >= 10, 3.'),
    })
    .optional()
    .describe('2-D grade: fit letter x engagement digit, e.g. A1.'),
});

