// Associations v4 batch reads (reference §6): contact -> primary company, company -> contacts.
import { CrmError } from '../../src/errors.ts';
import type { HubspotHttp } from './http.ts';

/** §6: "Batch read max 1,000 inputs". */
export const ASSOCIATION_BATCH_READ_MAX = 1000;
/** §6: typeId 1 = contact -> primary company (HUBSPOT_DEFINED). */
export const PRIMARY_COMPANY_TYPE_ID = 1;
/** Bound on paging rounds: a cursor that never ends must not loop forever. */
const MAX_ROUNDS = 1000;

export interface AssociationTarget {
  toObjectId: string;
  types: { typeId: number; category: string | undefined }[];
}

interface BatchReadResponse {
  results?: {
    from?: { id?: string | number };
    to?: { toObjectId?: string | number; associationTypes?: { typeId?: number; category?: string; label?: string | null }[] }[];
    paging?: { next?: { after?: string } };
  }[];
}

export function chunk<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * All associations from each id, following per-record `paging.next.after` by re-asking for
 * that record with `after` (a 207 `errors[]` row means "none" for that id).
 */
export async function readAssociations(
  http: HubspotHttp,
  from: string,
  to: string,
  ids: string[],
): Promise<Map<string, AssociationTarget[]>> {
  const out = new Map<string, AssociationTarget[]>();
  let pending: { id: string; after?: string }[] = [...new Set(ids)].map((id) => ({ id }));
  for (let round = 0; pending.length > 0; round++) {
    if (round >= MAX_ROUNDS) {
      throw new CrmError(`HubSpot associations ${from}->${to}: paging did not end after ${MAX_ROUNDS} rounds`, { retryable: false });
    }
    const next: { id: string; after: string }[] = [];
    for (const inputs of chunk(pending, ASSOCIATION_BATCH_READ_MAX)) {
      const res = await http.call<BatchReadResponse>({
        method: 'POST',
        path: `/crm/v4/associations/${from}/${to}/batch/read`,
        body: { inputs },
      });
      for (const r of res.body?.results ?? []) {
        if (r.from?.id === undefined) continue;
        const id = String(r.from.id);
        const list = out.get(id) ?? [];
        for (const t of r.to ?? []) {
          if (t.toObjectId === undefined) continue;
          const types = (t.associationTypes ?? []).map((a) => ({ typeId: Number(a.typeId), category: a.category }));
          list.push({ toObjectId: String(t.toObjectId), types });
        }
        out.set(id, list);
        const after = r.paging?.next?.after;
        if (after) next.push({ id, after });
      }
    }
    pending = next;
  }
  return out;
}

function isPrimary(t: AssociationTarget): boolean {
  // typeId 1 is HubSpot-defined; user-defined labels live in their own id space.
  return t.types.some((a) => a.typeId === PRIMARY_COMPANY_TYPE_ID && (a.category ?? 'HUBSPOT_DEFINED') === 'HUBSPOT_DEFINED');
}

/** The primary company (typeId 1), else the first associated company, else null. */
export function pickPrimaryCompany(targets: AssociationTarget[] | undefined): string | null {
  if (!targets || targets.length === 0) return null;
  const primary = targets.find(isPrimary);
  return (primary ?? targets[0])?.toObjectId ?? null;
}

/** contact id -> primary company id, for contacts that have a company. */
export async function readPrimaryCompanies(http: HubspotHttp, contactIds: string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  if (contactIds.length === 0) return out;
  const assoc = await readAssociations(http, 'contacts', 'companies', contactIds);
  for (const [id, targets] of assoc) {
    const company = pickPrimaryCompany(targets);
    if (company) out.set(id, company);
  }
  return out;
}

/** Ids of every contact associated with these companies, in one batch read (≤ 1000 per call). */
export async function readCompanyContactIds(http: HubspotHttp, companyIds: string[]): Promise<string[]> {
  if (companyIds.length === 0) return [];
  const assoc = await readAssociations(http, 'companies', 'contacts', companyIds);
  const out = new Set<string>();
  for (const targets of assoc.values()) for (const t of targets) out.add(t.toObjectId);
  return [...out];
}

/** Engagement kinds (event-kind.ts "engagement.<type>") -> CRM object type in API paths. */
const ENGAGEMENT_OBJECTS: Record<string, string> = { call: 'calls', email: 'emails', meeting: 'meetings', note: 'notes', task: 'tasks' };

/**
 * engagement id -> ids of the contacts it is associated with (who a logged call / meeting /
 * email was with). Unknown engagement types have no contacts.
 */
export async function readEngagementContactIds(http: HubspotHttp, type: string, ids: string[]): Promise<Map<string, string[]>> {
  const object = ENGAGEMENT_OBJECTS[type];
  const out = new Map<string, string[]>();
  if (!object || ids.length === 0) return out;
  for (const [id, targets] of await readAssociations(http, object, 'contacts', ids)) {
    out.set(id, [...new Set(targets.map((t) => t.toObjectId))]);
  }
  return out;
}
