// Records as the v3 objects API returns them: {id, properties, createdAt, updatedAt, archived},
// every property value a string or null (HubSpot returns strings), ISO timestamps.
import { ALWAYS_READ_PROPERTIES, DEFAULT_READ_PROPERTIES } from './property-definitions.ts';
import type { PropertyRegistry } from './property-registry.ts';
import type { CrmRecord } from './types.ts';

export interface ApiObject {
  id: string;
  properties: Record<string, string | null>;
  createdAt: string;
  updatedAt: string;
  archived: boolean;
  archivedAt?: string;
}

/**
 * `requested` undefined: HubSpot's default property set. Otherwise the requested properties plus
 * the ones HubSpot always adds; unknown names are silently left out, known-but-unset ones are null.
 */
export function toApiObject(registry: PropertyRegistry, record: CrmRecord, requested?: string[]): ApiObject {
  const names = requested === undefined
    ? DEFAULT_READ_PROPERTIES[record.type]
    : [...new Set([...requested, ...ALWAYS_READ_PROPERTIES[record.type]])];
  const properties: Record<string, string | null> = {};
  for (const name of [...names].sort()) {
    if (!registry.get(record.type, name) && record.properties[name] === undefined) continue;
    properties[name] = record.properties[name] ?? null;
  }
  const out: ApiObject = {
    id: record.id, properties, createdAt: new Date(record.createdAt).toISOString(), updatedAt: new Date(record.updatedAt).toISOString(), archived: record.archived,
  };
  if (record.archived) out.archivedAt = out.updatedAt;
  return out;
}

/** `?properties=a,b&properties=c` -> ['a','b','c']; absent -> undefined. */
export function parsePropertyList(value: unknown): string[] | undefined {
  if (value === undefined) return undefined;
  const parts = (Array.isArray(value) ? value : [value]).flatMap((v) => String(v).split(','));
  return parts.map((p) => p.trim()).filter((p) => p !== '');
}

/** "CONTACT", "COMPANY", "CALL", ... as HubSpot names object types in messages. */
export function objectLabel(type: string): string {
  return (type === 'companies' ? 'company' : type.replace(/s$/, '')).toUpperCase();
}
