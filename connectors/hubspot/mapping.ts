// Config -> HubSpot properties, and HubSpot property values -> typed field values.
// Field sources (src/config/schema.ts `fields`): a plain string (same name for every CRM,
// type string) or {hubspot, type}. "company.<prop>" reads the lead's primary company.
import type { FieldValue } from '../../src/engine/types.ts';
import type { LeadRouterConfig } from '../../src/config/schema.ts';
import type { WrittenKey } from '../../src/crm/types.ts';
import { writtenProperties } from '../../src/crm/written-properties.ts';

export type FieldType = 'string' | 'number' | 'boolean' | 'date';

export interface HubspotFieldMapping {
  alias: string;
  object: 'contact' | 'company';
  property: string;
  type: FieldType;
}

export interface HubspotPropertyPlan {
  fields: HubspotFieldMapping[];
  /** Contact properties for batch read: mapped fields + owner, createdate + written ones. */
  contactProperties: string[];
  /** Company properties for batch read: the company.* fields + the company owner. */
  companyProperties: string[];
  /** The property lead-router writes for each written key (config.writeBack.properties; the win probability when scoring.predictive is on). */
  written: Partial<Record<WrittenKey, string>>;
}

export const OWNER_PROPERTY = 'hubspot_owner_id';
export const CREATED_PROPERTY = 'createdate';
/** Lets a read of a merged (old) contact id be matched to the id that was asked for (§6). */
export const MERGED_IDS_PROPERTY = 'hs_merged_object_ids';
const COMPANY_PREFIX = 'company.';
/** Contact properties nurture actions set (config nurture.programs[].hubspot). */
export const LIFECYCLE_PROPERTY = 'lifecyclestage';
export const LEAD_STATUS_PROPERTY = 'hs_lead_status';
const NURTURE_PROPERTIES = [LIFECYCLE_PROPERTY, LEAD_STATUS_PROPERTY];

export function planHubspotProperties(config: LeadRouterConfig): HubspotPropertyPlan {
  const fields: HubspotFieldMapping[] = [];
  for (const [alias, source] of Object.entries(config.fields)) {
    const name = typeof source === 'string' ? source : source.hubspot;
    if (!name) continue; // a Pipedrive-only field: absent for HubSpot leads
    const type: FieldType = typeof source === 'string' ? 'string' : (source.type ?? 'string');
    const company = name.startsWith(COMPANY_PREFIX);
    fields.push({ alias, object: company ? 'company' : 'contact', property: company ? name.slice(COMPANY_PREFIX.length) : name, type });
  }
  const written = writtenProperties(config);
  const contact = new Set<string>([OWNER_PROPERTY, CREATED_PROPERTY, MERGED_IDS_PROPERTY]);
  const company = new Set<string>([OWNER_PROPERTY]);
  for (const f of fields) (f.object === 'company' ? company : contact).add(f.property);
  for (const p of Object.values(written)) contact.add(p);
  // Nurture actions write only what differs (src/pipeline/support/nurture-plan.ts).
  if (config.nurture) for (const p of NURTURE_PROPERTIES) contact.add(p);
  return { fields, contactProperties: [...contact], companyProperties: [...company], written };
}

function parseDate(raw: string): number | null {
  // HubSpot sends datetime properties as ISO-8601 ("2024-05-01T10:00:00Z"), date properties as
  // "2024-05-01" (midnight UTC), and some legacy ones as epoch-ms strings.
  if (/^-?\d+$/.test(raw)) return Number(raw);
  const at = Date.parse(raw);
  return Number.isNaN(at) ? null : at;
}

/**
 * Type a raw HubSpot property value (HubSpot returns every value as a string). Empty or
 * unparseable values become null (unknown), so rules see "missing" rather than a wrong value.
 * Dates become epoch ms numbers so min/max predicates and bands can compare them.
 */
export function parseHubspotValue(raw: string | null | undefined, type: FieldType): FieldValue {
  if (raw === null || raw === undefined) return null;
  const v = String(raw).trim();
  if (v === '') return null;
  switch (type) {
    case 'number': {
      // HubSpot number values are plain decimals ("1250.5"); anything else is not a number.
      const n = Number(v);
      return Number.isFinite(n) ? n : null;
    }
    case 'boolean': {
      const b = v.toLowerCase();
      if (b === 'true' || b === 'yes' || b === '1') return true;
      if (b === 'false' || b === 'no' || b === '0') return false;
      return null;
    }
    case 'date':
      return parseDate(v);
    default:
      return String(raw);
  }
}

/** Enumeration option value for a priority tier: stable, lowercase (§6: write values, not labels). */
export function priorityOptionValue(tier: string): string {
  return tier.toLowerCase();
}

/** Map a stored priority option value back to the config's tier name (so unchanged writes are skipped). */
export function priorityTierName(config: LeadRouterConfig, value: string): string {
  const tier = config.tiers.priority.find((t) => priorityOptionValue(String(t.name)) === value.toLowerCase());
  return tier ? String(tier.name) : value;
}

/** The epoch ms of a HubSpot timestamp string (createdate, createdAt), or null. */
export function parseTimestamp(raw: string | null | undefined): number | null {
  return raw ? parseDate(raw.trim()) : null;
}
