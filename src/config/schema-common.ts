// Building blocks shared by the admin config schema files.
import { z } from 'zod';

export const name = z.string().min(1).regex(/^[A-Za-z0-9_.:-]+$/, 'use letters, digits, _ . : - only');
export const email = z.email({ message: 'must be an email address' });
export const primitive = z.union([z.string(), z.number(), z.boolean()]);

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

