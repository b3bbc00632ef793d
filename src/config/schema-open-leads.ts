// `openLeads`: what makes a lead stop counting as open (capacity caps, least-loaded) besides a
// rep's first touch, and whether owner changes made in the CRM are followed. Per tenant, like
// the rest of the config; defaults are what most sales teams mean by "worked out".
import { z } from 'zod';

const valueList = (what: string) =>
  z
    .array(z.string().trim().min(1, `${what} values are non-empty strings`))
    .refine((list) => new Set(list.map((v) => v.toLowerCase())).size === list.length, { message: `${what} values must not repeat` });

export const openLeadsSchema = z
  .strictObject({
    followCrmOwner: z
      .boolean()
      .default(true)
      .describe(
        'Follow owner changes made in the CRM (not lead-router\'s own writes): the old assignment closes, the lead counts on the new owner\'s open load, and an implicit "wrong owner" feedback row is recorded on the decision.',
      ),
    closeWhen: z
      .strictObject({
        dealCreated: z.boolean().default(true).describe('A deal linked to the lead (HubSpot deal, Pipedrive deal of the person / converted lead) closes its assignment.'),
        leadArchived: z.boolean().default(true).describe('Pipedrive: the person\'s Leads-Inbox lead archived closes its assignment.'),
        leadStatuses: valueList('leadStatuses')
          .default(['UNQUALIFIED'])
          .describe('HubSpot hs_lead_status values (internal names, case-insensitive) that close the assignment. [] = none.'),
        lifecycleStages: valueList('lifecycleStages')
          .default(['opportunity', 'customer', 'evangelist'])
          .describe('HubSpot lifecyclestage values (internal names, case-insensitive) that close the assignment. [] = none.'),
      })
      .prefault({})
      .describe('When a lead is worked out: its assignment stops counting as open (it stays the lead\'s assignment).'),
  })
  .prefault({})
  .describe('Open leads are the CRM\'s truth: owner changes made in the CRM and leads worked out there.');

export type OpenLeadsConfig = z.infer<typeof openLeadsSchema>;
