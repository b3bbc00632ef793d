// What a Pipedrive sandbox needs to match an admin's config: one user per config owner (same
// email, so routing resolves them) plus a company admin who is not a rep (it owns the API token
// and, like a web-form or import user, owns what it creates until lead-router assigns it), and
// the custom fields the config's `fields:` read, typed as the config declares them.
import { isBuiltinField } from '../../connectors/pipedrive/field-plan.ts';
import type { FieldSeed, UserInput } from '../../connectors/pipedrive/sandbox/index.ts';
import type { LeadRouterConfig } from '../config/schema.ts';

export const SANDBOX_ADMIN: UserInput = { email: 'admin@acme.test', name: 'Acme Admin', is_admin: true };

export interface PipedriveSandboxSeeds {
  users: UserInput[];
  personFields: FieldSeed[];
  organizationFields: FieldSeed[];
}

function seedFor(name: string, type: string): FieldSeed {
  if (type === 'number') return { name, type: 'double' };
  if (type === 'boolean') return { name, type: 'enum', options: ['Yes', 'No'] };
  if (type === 'date') return { name, type: 'date' };
  return { name, type: 'varchar' };
}

export function pipedriveSandboxSeeds(config: LeadRouterConfig, opts: { admin?: UserInput } = {}): PipedriveSandboxSeeds {
  const personFields: FieldSeed[] = [];
  const organizationFields: FieldSeed[] = [];
  const seen = new Set<string>();
  for (const source of Object.values(config.fields)) {
    const name = typeof source === 'string' ? source : source.pipedrive;
    if (!name || /^lead\./i.test(name)) continue; // lead.*: the person's Leads-Inbox lead, no custom field
    const type = typeof source === 'string' ? 'string' : source.type;
    const org = /^org\./i.test(name);
    const field = org ? name.slice(4) : name;
    const entity = org ? 'organization' : 'person';
    if (isBuiltinField(entity, field) || seen.has(`${entity}:${field.toLowerCase()}`)) continue;
    seen.add(`${entity}:${field.toLowerCase()}`);
    (org ? organizationFields : personFields).push(seedFor(field, type));
  }
  const admin = opts.admin ?? SANDBOX_ADMIN;
  const reps = config.owners.filter((o) => o.email.toLowerCase() !== admin.email.toLowerCase());
  const users: UserInput[] = [admin, ...reps.map((o) => ({ email: o.email, name: o.name ?? o.email.split('@')[0]!, is_admin: false }))];
  return { users, personFields, organizationFields };
}
