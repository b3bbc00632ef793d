// The admin config: one YAML file, validated strictly (z.strictObject: a typo fails with its
// path). This schema is the product's main interface; config/lead-router.schema.json is
// generated from it (`npm run schema`) so editors autocomplete it. Keep the descriptions
// useful: they become the editor tooltips.
import { z } from 'zod';
import { fieldSourceSchema } from './schema-common.ts';
import { fieldPredicateSchema } from './schema-predicates.ts';
import { bandsRuleSchema, counterRuleSchema, eventRuleSchema, predicateRuleSchema, scoreGroupSchema, scoringRuleSchema, scoringSchema, tiersSchema } from './schema-scoring.ts';
import { ownerSchema, teamSchema, workingHoursSchema } from './schema-people.ts';
import { routingRuleSchema, routingSchema, slaSchema, targetSchema, writeBackSchema } from './schema-routing.ts';
import { nurtureSchema } from './schema-nurture.ts';
import { openLeadsSchema } from './schema-open-leads.ts';

export * from './schema-common.ts';
export * from './schema-predicates.ts';
export * from './schema-scoring.ts';
export * from './schema-people.ts';
export * from './schema-routing.ts';
export * from './schema-nurture.ts';
export * from './schema-open-leads.ts';

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
  nurture: nurtureSchema.optional(),
  openLeads: openLeadsSchema,
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
