// readLeads: contacts batch read (100 per call), their primary companies (associations v4,
// 1,000 per call: read ahead for the next leads, association-read-ahead.ts, and shared with
// other reads queued at the same time, coalesce-association-reads.ts),
// then the companies (100 per call): about 3 calls per 100 contacts (reference §6). Ids HubSpot does not return (deleted: 207 errors[]) are absent.
import type { CrmLeadSnapshot, WrittenKey } from '../../src/crm/types.ts';
import type { LeadRouterConfig } from '../../src/config/schema.ts';
import type { FieldValue } from '../../src/engine/types.ts';
import type { HubspotHttp } from './http.ts';
import { LEAD_STATUS_PROPERTY, LIFECYCLE_PROPERTY } from './mapping.ts';
import { chunk, readPrimaryCompanies } from './associations.ts';
import {
  CREATED_PROPERTY, MERGED_IDS_PROPERTY, OWNER_PROPERTY, parseHubspotValue, parseTimestamp, priorityTierName,
  type HubspotPropertyPlan,
} from './mapping.ts';

/** §6: "Max 100 inputs per request" for object batch endpoints. */
export const OBJECT_BATCH_MAX = 100;

interface HubspotObject {
  id: string;
  properties: Record<string, string | null | undefined>;
  createdAt?: string;
}

interface BatchReadResponse {
  results?: { id?: string | number; properties?: Record<string, string | null>; createdAt?: string }[];
}

/** Batch read of one object type; returns the records HubSpot found. */
export async function batchReadObjects(
  http: HubspotHttp,
  object: 'contacts' | 'companies' | 'deals',
  ids: string[],
  properties: string[],
): Promise<HubspotObject[]> {
  const out: HubspotObject[] = [];
  for (const part of chunk([...new Set(ids)], OBJECT_BATCH_MAX)) {
    const res = await http.call<BatchReadResponse>({
      method: 'POST',
      path: `/crm/v3/objects/${object}/batch/read`,
      body: { properties, inputs: part.map((id) => ({ id })) },
    });
    for (const r of res.body?.results ?? []) {
      if (r.id === undefined) continue;
      out.push({ id: String(r.id), properties: r.properties ?? {}, ...(r.createdAt ? { createdAt: r.createdAt } : {}) });
    }
  }
  return out;
}

/**
 * Requested id -> record. A read of a merged-away id returns the surviving record under its
 * new id (§6 "Merged contacts"); hs_merged_object_ids lets us answer for the id asked for.
 */
function matchRequested(requested: Set<string>, records: HubspotObject[]): Map<string, HubspotObject> {
  const out = new Map<string, HubspotObject>();
  for (const r of records) if (requested.has(r.id)) out.set(r.id, r);
  for (const r of records) {
    for (const old of (r.properties[MERGED_IDS_PROPERTY] ?? '').split(';')) {
      const id = old.trim();
      if (id && requested.has(id) && !out.has(id)) out.set(id, r);
    }
  }
  return out;
}

function toSnapshot(
  config: LeadRouterConfig,
  plan: HubspotPropertyPlan,
  contact: HubspotObject,
  companyId: string | null,
  company: HubspotObject | undefined,
): CrmLeadSnapshot {
  const fields: Record<string, FieldValue> = {};
  for (const f of plan.fields) {
    const source = f.object === 'company' ? company?.properties : contact.properties;
    fields[f.alias] = parseHubspotValue(source?.[f.property], f.type);
  }
  const written: Partial<Record<WrittenKey, string>> = {};
  for (const [key, property] of Object.entries(plan.written) as [WrittenKey, string][]) {
    const value = contact.properties[property];
    if (value === null || value === undefined || value === '') continue;
    written[key] = key === 'priority' ? priorityTierName(config, value) : value;
  }
  return {
    id: contact.id,
    fields,
    ownerId: contact.properties[OWNER_PROPERTY] || null,
    companyId,
    companyOwnerId: company?.properties[OWNER_PROPERTY] || null,
    written,
    createdAt: parseTimestamp(contact.properties[CREATED_PROPERTY]) ?? parseTimestamp(contact.createdAt),
    ...(config.nurture
      ? { nurture: { lifecycleStage: contact.properties[LIFECYCLE_PROPERTY] || null, leadStatus: contact.properties[LEAD_STATUS_PROPERTY] || null } }
      : {}),
  };
}

export async function readHubspotLeads(
  http: HubspotHttp,
  config: LeadRouterConfig,
  plan: HubspotPropertyPlan,
  ids: string[],
  /** contact id -> primary company id (default: read them now). */
  primaryCompanies: (contactIds: string[]) => Promise<Map<string, string>> = (contactIds) => readPrimaryCompanies(http, contactIds),
): Promise<Map<string, CrmLeadSnapshot>> {
  const requested = new Set(ids.map(String).filter((id) => id !== ''));
  const result = new Map<string, CrmLeadSnapshot>();
  if (requested.size === 0) return result;
  const contacts = matchRequested(requested, await batchReadObjects(http, 'contacts', [...requested], plan.contactProperties));
  if (contacts.size === 0) return result;
  const contactIds = [...new Set([...contacts.values()].map((c) => c.id))];
  const companyOf = await primaryCompanies(contactIds);
  const companyIds = [...new Set(companyOf.values())];
  const companies = new Map<string, HubspotObject>();
  if (companyIds.length > 0) {
    for (const c of await batchReadObjects(http, 'companies', companyIds, plan.companyProperties)) companies.set(c.id, c);
  }
  for (const [id, contact] of contacts) {
    const companyId = companyOf.get(contact.id) ?? null;
    result.set(id, toSnapshot(config, plan, contact, companyId, companyId ? companies.get(companyId) : undefined));
  }
  return result;
}
