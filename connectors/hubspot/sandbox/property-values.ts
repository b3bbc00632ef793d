// Validates and normalises property values the way HubSpot does on writes: unknown property,
// read-only value, enumeration option (owner ids for hubspot_owner_id), number, bool, date(time),
// email format. Values are stored as the strings HubSpot would return.
import type { OwnerDirectory } from './owner-directory.ts';
import type { PropertyDefinition } from './property-definitions.ts';
import type { PropertyRegistry } from './property-registry.ts';
import type { CrmObjectType } from './types.ts';

export interface PropertyIssue { name: string; code: string; message: string }

export interface PropertyCheckContext {
  registry: PropertyRegistry;
  owners: OwnerDirectory;
}

export function normalizePropertyValues(
  type: CrmObjectType,
  input: Record<string, unknown>,
  ctx: PropertyCheckContext,
): { values: Record<string, string>; issues: PropertyIssue[] } {
  const values: Record<string, string> = {};
  const issues: PropertyIssue[] = [];
  for (const [name, raw] of Object.entries(input)) {
    const definition = ctx.registry.get(type, name);
    if (!definition) {
      issues.push({ name, code: 'PROPERTY_DOESNT_EXIST', message: `Property "${name}" does not exist` });
      continue;
    }
    if (definition.readOnlyValue) {
      issues.push({ name, code: 'READ_ONLY_VALUE', message: `"${name}" is a read only property; its value cannot be set.` });
      continue;
    }
    const result = normalizeValue(definition, raw, ctx);
    if (typeof result === 'string') values[name] = result;
    else issues.push({ name, ...result });
  }
  return { values, issues };
}

type Outcome = string | { code: string; message: string };

function normalizeValue(definition: PropertyDefinition, raw: unknown, ctx: PropertyCheckContext): Outcome {
  if (raw === null || raw === undefined || raw === '') return ''; // "" clears a property
  if (typeof raw === 'object') return { code: 'INVALID_PROPERTY_VALUE', message: `${JSON.stringify(raw)} is not a valid property value` };
  const value = String(raw);
  switch (definition.type) {
    case 'number':
      return Number.isFinite(Number(value)) && value.trim() !== '' ? value.trim() : { code: 'INVALID_DOUBLE', message: `${value} was not a valid number.` };
    case 'bool':
      return value === 'true' || value === 'false' ? value : { code: 'INVALID_BOOLEAN', message: `${value} was not a valid boolean, use 'true' or 'false'` };
    case 'datetime':
      return normalizeDatetime(value);
    case 'date':
      return normalizeDate(value);
    case 'enumeration':
      return normalizeEnumeration(definition, value, ctx);
    default:
      if (definition.name === 'email' && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(value)) {
        return { code: 'INVALID_EMAIL', message: `Email address ${value} is invalid` };
      }
      return value;
  }
}

function normalizeDatetime(value: string): Outcome {
  const ms = /^-?\d+$/.test(value) ? Number(value) : Date.parse(value);
  if (!Number.isFinite(ms)) return { code: 'INVALID_DATE', message: `${value} is not a valid date-time (epoch milliseconds or ISO 8601)` };
  return new Date(ms).toISOString();
}

function normalizeDate(value: string): Outcome {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value) && Number.isFinite(Date.parse(value))) return value;
  const ms = /^-?\d+$/.test(value) ? Number(value) : NaN;
  // HubSpot date properties take midnight UTC in epoch ms.
  if (Number.isFinite(ms) && ms % 86_400_000 === 0) return new Date(ms).toISOString().slice(0, 10);
  return { code: 'INVALID_DATE', message: `${value} is not a valid date: use YYYY-MM-DD or midnight UTC in epoch milliseconds` };
}

function normalizeEnumeration(definition: PropertyDefinition, value: string, ctx: PropertyCheckContext): Outcome {
  if (definition.name === 'hubspot_owner_id') {
    return ctx.owners.isAssignable(value)
      ? value
      : { code: 'INVALID_OPTION', message: `${value} was not one of the allowed options: use the id of an active owner (GET /crm/v3/owners), not the userId` };
  }
  const allowed = new Set(definition.options.map((o) => o.value));
  // checkbox enumerations hold several values separated by ';'
  const parts = definition.fieldType === 'checkbox' ? value.split(';') : [value];
  const bad = parts.find((p) => !allowed.has(p));
  if (bad === undefined) return value;
  return { code: 'INVALID_OPTION', message: `${bad} was not one of the allowed options: [${[...allowed].join(', ')}]` };
}

/** HubSpot's single-object validation message: "Property values were not valid: [...]". */
export function describePropertyIssues(issues: PropertyIssue[], portalId: number): string {
  const detail = issues.map((i) => ({
    isValid: false, message: i.message, error: i.code, name: i.name, localizedErrorMessage: i.message, portalId,
  }));
  return `Property values were not valid: ${JSON.stringify(detail)}`;
}
