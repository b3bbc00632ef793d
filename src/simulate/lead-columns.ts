// The columns / keys a lead file may use: the config's field aliases plus a few reserved
// ones. Shared by the CSV and JSON readers so both accept the same names.
import type { LeadRouterConfig } from '../config/schema.ts';
import type { FieldType } from './coerce-field.ts';

/** CSV columns besides field aliases (snake_case, like the aliases). */
export const RESERVED_CSV_COLUMNS = ['id', 'current_owner', 'account_owner', 'created_at', 'events'] as const;

/** JSON keys besides field aliases (camelCase as in the engine's Lead; snake_case accepted). */
export const RESERVED_JSON_KEYS = ['id', 'fields', 'currentOwner', 'accountOwner', 'createdAt', 'events', 'current_owner', 'account_owner', 'created_at'] as const;

/** alias -> type, from the config's `fields` section. */
export function fieldTypes(config: LeadRouterConfig): Map<string, FieldType> {
  const types = new Map<string, FieldType>();
  for (const [alias, source] of Object.entries(config.fields)) {
    types.set(alias, typeof source === 'string' ? 'string' : source.type);
  }
  return types;
}
