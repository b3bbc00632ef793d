// Predicates: one operator set for scoring rules and routing conditions.
import { z } from 'zod';
import { primitive } from './schema-common.ts';

export const predicateOps = {
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

export function checkOneOperator(p: Record<string, unknown>, ctx: z.RefinementCtx) {
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

