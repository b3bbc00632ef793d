// Owners and teams sections of the admin config.
import { z } from 'zod';
import { email, name } from './schema-common.ts';

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

