// Nurture list memberships: PUT /crm/v3/lists/{listId}/memberships/add with a JSON array of
// record ids (Lists API v3; only lists with processingType MANUAL or SNAPSHOT accept it; ids
// that do not exist come back in recordIdsMissing, members already in the list are ignored).
// One call per list per part, through the tenant's scheduler like every write.
import type { LeadUpdate, WriteResult } from '../../src/crm/types.ts';
import { CrmError } from '../../src/errors.ts';
import { chunk } from './associations.ts';
import type { HubspotHttp } from './http.ts';

/**
 * Ids per membership call. The v3 reference pages we read state no maximum (the legacy v1 list
 * API allowed 500 per call); 100 keeps a call to one pipeline batch and far below either.
 */
export const LIST_MEMBERSHIP_BATCH_MAX = 100;

interface MembershipResponse {
  recordIdsMissing?: (string | number)[];
  /** Spelled so by HubSpot (MembershipsUpdateResponse.recordsIdsAdded). */
  recordsIdsAdded?: (string | number)[];
}

/** Adds each update's contact to its nurture list (update.nurture.listId); one result per row. */
export async function addToHubspotLists(http: HubspotHttp, updates: LeadUpdate[]): Promise<WriteResult[]> {
  const byList = new Map<string, string[]>();
  for (const u of updates) {
    const listId = u.nurture?.listId;
    if (!listId) continue;
    const ids = byList.get(listId) ?? [];
    if (!ids.includes(u.id)) ids.push(u.id);
    byList.set(listId, ids);
  }
  const out: WriteResult[] = [];
  for (const [listId, ids] of byList) {
    for (const part of chunk(ids, LIST_MEMBERSHIP_BATCH_MAX)) out.push(...(await addPart(http, listId, part)));
  }
  return out;
}

async function addPart(http: HubspotHttp, listId: string, ids: string[]): Promise<WriteResult[]> {
  try {
    const res = await http.call<MembershipResponse>({ method: 'PUT', path: `/crm/v3/lists/${encodeURIComponent(listId)}/memberships/add`, body: ids });
    const missing = new Set((res.body?.recordIdsMissing ?? []).map(String));
    return ids.map((id) =>
      missing.has(id) ? { id, ok: false, retryable: false, error: `contact ${id} not found when adding it to list ${listId} (deleted or merged)` } : { id, ok: true },
    );
  } catch (err) {
    if (!(err instanceof CrmError)) throw err;
    const error = listError(err, listId);
    return ids.map((id) => ({ id, ok: false, retryable: err.retryable, error }));
  }
}

function listError(err: CrmError, listId: string): string {
  if (err.crmStatus === 404) return `HubSpot list ${listId} (nurture.programs[].hubspot.listId) does not exist: ${err.message}`;
  if (err.crmStatus === 400) return `HubSpot list ${listId} (nurture.programs[].hubspot.listId) refused the contacts; it must be a contact list with processingType MANUAL or SNAPSHOT: ${err.message}`;
  if (err.crmStatus === 403) return `adding to HubSpot list ${listId} needs the crm.lists.write scope: ${err.message}`;
  return `adding to HubSpot list ${listId} failed: ${err.message}`;
}
