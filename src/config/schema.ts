// The admin config: one YAML file, validated strictly (z.strictObject: a typo fails with its
// path). This schema is the product's main interface; config/lead-router.schema.json is
// generated from it (`npm run schema`) so editors autocomplete it. Keep the descriptions
// useful: they become the editor tooltips.
import { z } from 'zod';

const name = z.string().min(1).regex(/^[A-Za-z0-9_.:-]+$/, 'use letters, digits, _ . : - only');
const email = z.email({ message: 'must be an email address' });
const primitive = z.union([z.string(), z.number(), z.boolean()]);

// ---------------------------------------------------------------------------------------
// Fields: alias -> CRM property, so the same rules serve HubSpot and Pipedrive.
// "company.*" (HubSpot) / "org.*" (Pipedrive) read the associated company/organization.
// ---------------------------------------------------------------------------------------
export const fieldTypeSchema = z.enum(['string', 'number', 'boolean', 'date']);

export const fieldSourceSchema = z.union([
  z.string().min(1).describe('The same CRM property name for every CRM, e.g. "jobtitle" or "company.industry".'),
  z.strictObject({
    hubspot: z.string().min(1).optional().describe('HubSpot property, "company.<prop>" for the primary company.'),
    pipedrive: z
      .string()
      .min(1)
      .optional()
      .describe('Pipedrive field name (custom field names resolve to their hash key), "org.<field>" for the organization.'),
    type: fieldTypeSchema.default('string').describe('How the raw CRM value is parsed.'),
  }),
]);

// ---------------------------------------------------------------------------------------
// Predicates: one operator set for scoring rules and routing conditions.
// Exactly one operator per predicate (checked in superRefine below).
// ---------------------------------------------------------------------------------------
const predicateOps = {
  equals: primitive.optional().describe('Equal (strings compared case-insensitively, trimmed).'),
  in: z.array(primitive).min(1).optional().describe('One of the listed values (case-insensitive).'),
  notIn: z.array(primitive).min(1).optional().describe('None of the listed values; a missing value matches.'),
  contains: z.string().min(1).optional().describe('Substring, case-insensitive.'),
  matches: z.string().min(1).optional().describe('Regular expression, case-insensitive.'),
  min: z.number().optional().describe('Numeric lower bound (inclusive). May be combined with max.'),
  max: z.number().optional().describe('Numeric upper bound (inclusive). May be combined with min.'),
  exists: z.boolean().optional().describe('true: the field has a non-empty value; false: it is missing/empty.'),
  startsWith: z
    .union([z.string().min(1), z.array(z.string().min(1)).min(1)])
    .optional()
    .describe('Prefix (or any of several), ignoring case and spaces: postcode prefixes like "11" or "SW1".'),
  between: z
    .tuple([z.string().min(1), z.string().min(1)])
    .optional()
    .describe('Inclusive range of codes ignoring spaces, e.g. Czech PSČ ["100 00", "199 99"]. Numeric if both ends are digits.'),
};
export const OPERATOR_KEYS = Object.keys(predicateOps) as (keyof typeof predicateOps)[];

/** Pseudo-fields that routing conditions can use besides the config's own field aliases. */
export const ROUTING_PSEUDO_FIELDS = ['score', 'fit', 'engagement', 'tier', 'grade', 'current_owner', 'account_owner'] as const;

function checkOneOperator(p: Record<string, unknown>, ctx: z.RefinementCtx) {
  const used = OPERATOR_KEYS.filter((k) => p[k] !== undefined);
  const bandOnly = used.every((k) => k === 'min' || k === 'max');
  if (used.length === 0) {
    ctx.addIssue({ code: 'custom', message: `needs one operator: ${OPERATOR_KEYS.join(', ')}` });
  } else if (used.length > 1 && !bandOnly) {
    ctx.addIssue({ code: 'custom', message: `has several operators (${used.join(', ')}); use all/any to combine them` });
  }
  if (typeof p.matches === 'string') {
    try {
      new RegExp(p.matches, 'i');
    } catch (e) {
      ctx.addIssue({ code: 'custom', path: ['matches'], message: `invalid regular expression: ${(e as Error).message}` });
    }
  }
}

export const fieldPredicateSchema = z
  .strictObject({ field: z.string().min(1).describe('A field alias (or, in routing, score/fit/engagement/tier/grade).'), ...predicateOps })
  .superRefine(checkOneOperator);

export type Condition =
  | z.infer<typeof fieldPredicateSchema>
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition };

export const conditionSchema: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    z.strictObject({ all: z.array(conditionSchema).min(1) }),
    z.strictObject({ any: z.array(conditionSchema).min(1) }),
    z.strictObject({ not: conditionSchema }),
    fieldPredicateSchema,
  ]),
);

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

// ---------------------------------------------------------------------------------------
// Owners and teams
// ---------------------------------------------------------------------------------------
export const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
const hhmm = z.string().regex(/^([01]\d|2[0-4]):[0-5]\d$/, 'use HH:MM (24h)');
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'use YYYY-MM-DD');

export const workingHoursSchema = z.strictObject({
  days: z.array(z.enum(DAYS)).min(1).default(['mon', 'tue', 'wed', 'thu', 'fri']),
  start: hhmm.default('09:00'),
  end: hhmm.default('17:00'),
});

export const ownerSchema = z.strictObject({
  email: email.describe('The rep\'s CRM login email; resolved to the CRM owner/user id.'),
  name: z.string().optional(),
  timezone: z
    .string()
    .refine((tz) => {
      try {
        new Intl.DateTimeFormat('en-US', { timeZone: tz });
        return true;
      } catch {
        return false;
      }
    }, 'unknown IANA time zone (e.g. Europe/Prague, America/New_York)')
    .default('UTC'),
  workingHours: workingHoursSchema.optional().describe('Omit for always available.'),
  outOfOffice: z
    .array(z.strictObject({ from: isoDate, to: isoDate, note: z.string().optional() }))
    .default([])
    .describe('Inclusive date ranges in the owner\'s time zone.'),
  weight: z.number().positive().default(1).describe('Share in weighted distribution (2 = twice the leads of 1).'),
  capacity: z
    .strictObject({
      perDay: z.number().int().nonnegative().optional(),
      perWeek: z.number().int().nonnegative().optional(),
      maxOpen: z.number().int().nonnegative().optional().describe('Max open (untouched/unworked) leads.'),
    })
    .prefault({}),
  skills: z.array(z.string().min(1)).default([]).describe('Products / verticals / languages this rep handles.'),
  seniority: z.enum(['junior', 'mid', 'senior', 'director']).default('mid'),
  active: z.boolean().default(true).describe('false: never assigned new leads.'),
});

export const teamSchema = z.strictObject({
  name,
  members: z.array(email).min(1).describe('Owner emails (must be listed under owners).'),
  strategy: z
    .enum(['round_robin', 'weighted', 'least_loaded'])
    .default('round_robin')
    .describe('round_robin: fair turns; weighted: by owner weight; least_loaded: fewest open leads.'),
  workingHours: z
    .enum(['require', 'prefer', 'ignore'])
    .default('prefer')
    .describe('require: only reps within working hours; prefer: fall back to off-hours reps if none is in hours; ignore.'),
  requireSkills: z.array(z.string().min(1)).default([]).describe('Members must have all these skills.'),
  seniority: z.array(z.enum(['junior', 'mid', 'senior', 'director'])).optional().describe('Only members of these seniorities.'),
});

// ---------------------------------------------------------------------------------------
// Routing
// ---------------------------------------------------------------------------------------
export const targetSchema = z.union([
  z.strictObject({ owner: email }),
  z.strictObject({
    team: name,
    requireSkills: z.array(z.string()).optional().describe('Extra skills required for this rule.'),
    seniority: z.array(z.enum(['junior', 'mid', 'senior', 'director'])).optional(),
  }),
  z.strictObject({ accountOwner: z.literal(true).describe('The owner of the lead\'s company / organization.') }),
  z.strictObject({ keepCurrent: z.literal(true).describe('Keep the lead\'s current owner.') }),
  z.strictObject({ unassigned: z.literal(true).describe('Leave unassigned (needs routing.allowUnassigned).') }),
]);

export const slaSchema = z.strictObject({
  firstTouchMinutes: z.number().positive().describe('Deadline for the first touch, in the owner\'s working minutes.'),
  onBreach: z.enum(['reassign', 'escalate']).default('reassign'),
  escalateTo: email.optional().describe('Owner to escalate to (required for onBreach: escalate).'),
  maxReassignments: z.number().int().nonnegative().default(2),
});

export const routingRuleSchema = z.strictObject({
  name: z.string().min(1),
  when: conditionSchema.optional().describe('Omit to match every lead (a catch-all).'),
  assign: targetSchema,
  sla: slaSchema.optional(),
  enabled: z.boolean().default(true),
});

export const routingSchema = z.strictObject({
  keepCurrentOwner: z
    .boolean()
    .default(true)
    .describe('A lead that already has an (eligible) owner keeps it; rules run only for unowned leads.'),
  rules: z.array(routingRuleSchema).default([]),
  fallback: z
    .union([z.strictObject({ owner: email }), z.strictObject({ team: name })])
    .optional()
    .describe('When no rule matches or nobody is eligible.'),
  allowUnassigned: z.boolean().default(false).describe('Allow leads to stay unassigned (queue) when even the fallback fails.'),
  slaByTier: z.record(z.string(), slaSchema).default({}).describe('First-touch SLA per priority tier (a rule\'s own sla wins).'),
});

// ---------------------------------------------------------------------------------------
// CRM write-back
// ---------------------------------------------------------------------------------------
export const writeBackSchema = z.strictObject({
  owner: z.boolean().default(true),
  properties: z
    .strictObject({
      score: z.string().default('lead_router_score'),
      fit: z.string().default('lead_router_fit'),
      engagement: z.string().default('lead_router_engagement'),
      priority: z.string().default('lead_router_priority'),
      grade: z.string().default('lead_router_grade'),
      reasons: z.string().default('lead_router_reasons'),
    })
    .prefault({})
    .describe('CRM property / field names lead-router writes (never subscribed to, to avoid echoes).'),
  reasonsMaxLength: z.number().int().positive().default(1000),
});

export const configSchema = z.strictObject({
  $schema: z.string().optional(),
  version: z.literal(1).describe('Config format version.'),
  fields: z
    .record(z.string().regex(/^[a-z][a-z0-9_]*$/, 'field aliases are snake_case'), fieldSourceSchema)
    .default({})
    .describe('Field aliases used by rules -> CRM properties.'),
  scoring: scoringSchema,
  tiers: tiersSchema,
  owners: z.array(ownerSchema).min(1),
  teams: z.array(teamSchema).default([]),
  routing: routingSchema,
  writeBack: writeBackSchema.prefault({}),
});

export type LeadRouterConfig = z.infer<typeof configSchema>;
export type FieldPredicate = z.infer<typeof fieldPredicateSchema>;
export type ScoringRule = z.infer<typeof scoringRuleSchema>;
export type PredicateRule = z.infer<typeof predicateRuleSchema>;
export type BandsRule = z.infer<typeof bandsRuleSchema>;
export type CounterRule = z.infer<typeof counterRuleSchema>;
export type EventRule = z.infer<typeof eventRuleSchema>;
export type ScoreGroup = z.infer<typeof scoreGroupSchema>;
export type OwnerConfig = z.infer<typeof ownerSchema>;
export type TeamConfig = z.infer<typeof teamSchema>;
export type RoutingRule = z.infer<typeof routingRuleSchema>;
export type RoutingTarget = z.infer<typeof targetSchema>;
export type SlaConfig = z.infer<typeof slaSchema>;
export type WorkingHours = z.infer<typeof workingHoursSchema>;
