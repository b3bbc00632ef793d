// Routing and write-back sections of the admin config.
import { z } from 'zod';
import { email, name } from './schema-common.ts';
import { conditionSchema } from './schema-predicates.ts';

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

