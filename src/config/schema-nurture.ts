// Nurture hand-off: cold leads go to marketing automation instead of a rep. Per tier or per
// routing rule, a program says whether the lead is assigned at all and which CRM actions mark
// it for nurturing (HubSpot lifecycle stage / lead status / static list, Pipedrive label).
// When a nurtured lead's total score reaches `reengageAt`, it is routed to sales ("re-engaged").
import { z } from 'zod';
import { name } from './schema-common.ts';

export const nurtureProgramSchema = z
  .strictObject({
    name: name.describe('Shown in the decision trace and the audit, e.g. "cold-nurture".'),
    tiers: z.array(name).default([]).describe('Leads whose priority tier is one of these are nurtured.'),
    rules: z.array(z.string().min(1)).default([]).describe('Leads routed by one of these routing rules are nurtured.'),
    assign: z
      .enum(['none', 'rules'])
      .default('none')
      .describe('none (default): leave the lead unassigned for marketing; rules: assign as the routing rules say (e.g. an SDR team).'),
    hubspot: z
      .strictObject({
        lifecycleStage: z
          .string()
          .min(1)
          .optional()
          .describe('Internal value of lifecyclestage to set, e.g. "lead". Only moves a contact forward (a customer is never set back).'),
        leadStatus: z.string().min(1).optional().describe('Internal value of hs_lead_status to set, e.g. "NEW" or "OPEN".'),
        listId: z
          .string()
          .regex(/^[0-9]+$/, 'a HubSpot list id (ILS id) is digits only')
          .optional()
          .describe('ILS id of a static (processingType MANUAL or SNAPSHOT) contact list to add the lead to.'),
      })
      .optional(),
    pipedrive: z
      .strictObject({
        label: z.string().min(1).describe('Name of an existing person label to add, e.g. "Cold lead".'),
      })
      .optional(),
  })
  .superRefine((p, ctx) => {
    if (p.tiers.length === 0 && p.rules.length === 0) {
      ctx.addIssue({ code: 'custom', message: 'a nurture program needs tiers or rules (which leads it takes)', path: ['tiers'] });
    }
  });

export const nurtureSchema = z
  .strictObject({
    reengageAt: z
      .number()
      .describe('Total score at which a nurtured lead is routed to sales with the reason "re-engaged". A lead at or above it is never nurtured.'),
    programs: z.array(nurtureProgramSchema).min(1).describe('The first program that matches a lead applies.'),
  })
  .describe('Nurture hand-off for cold leads (off when absent).');

export type NurtureConfig = z.infer<typeof nurtureSchema>;
export type NurtureProgram = z.infer<typeof nurtureProgramSchema>;
