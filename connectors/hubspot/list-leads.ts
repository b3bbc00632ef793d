// listLeadIds: page through contacts for backfill / reconciliation. Without `since`: the
// list API (GET /crm/v3/objects/contacts, 100 per page). With `since`: the search API on the
// 'search' lane (its own 5 req/s limit, 200 per page, 10,000 results per query; §5).
import { CrmError } from '../../src/errors.ts';
import type { HubspotHttp } from './http.ts';
import { parseTimestamp } from './mapping.ts';

/** §6: list pages hold at most 100 objects. */
export const LIST_PAGE_MAX = 100;
/** §5: "200 records per page" for search. */
export const SEARCH_PAGE_MAX = 200;
/** §5: "10,000 results per query (a 400 if you page beyond)". */
export const SEARCH_RESULT_WINDOW = 10_000;
const SEARCH_CURSOR = /^search:(\d+):(\d*)$/;

interface Page {
  results?: { id?: string | number; properties?: Record<string, string | null> }[];
  paging?: { next?: { after?: string } };
}

export interface ListLeadIdsOptions {
  cursor: string | null;
  since?: number;
  limit: number;
}

function clamp(limit: number, max: number): number {
  return Math.max(1, Math.min(max, Math.floor(limit) || 1));
}

async function listPage(http: HubspotHttp, cursor: string | null, limit: number) {
  const qs: Record<string, string> = { limit: String(clamp(limit, LIST_PAGE_MAX)), archived: 'false' };
  if (cursor) qs.after = cursor;
  const res = await http.call<Page>({ method: 'GET', path: '/crm/v3/objects/contacts', qs });
  const ids = (res.body?.results ?? []).flatMap((r) => (r.id === undefined ? [] : [String(r.id)]));
  return { ids, next: res.body?.paging?.next?.after ?? null };
}

/**
 * Search cursors are "search:<sinceMs>:<after>". Before the 10,000-result window runs out,
 * the query restarts from the last record's lastmodifieddate (sorted ascending, GTE), so a
 * backfill can walk any number of contacts; the few records at the boundary repeat, which
 * the idempotent pipeline absorbs.
 */
async function searchPage(http: HubspotHttp, since: number, cursor: string | null, limit: number) {
  const m = cursor ? SEARCH_CURSOR.exec(cursor) : null;
  const from = m ? Number(m[1]) : since;
  const after = m?.[2] ? m[2] : undefined;
  const size = clamp(limit, SEARCH_PAGE_MAX);
  const res = await http.call<Page>({
    lane: 'search',
    method: 'POST',
    path: '/crm/v3/objects/contacts/search',
    body: {
      filterGroups: [{ filters: [{ propertyName: 'lastmodifieddate', operator: 'GTE', value: String(from) }] }],
      sorts: [{ propertyName: 'lastmodifieddate', direction: 'ASCENDING' }],
      properties: ['lastmodifieddate'],
      limit: size,
      ...(after ? { after } : {}),
    },
  });
  const results = res.body?.results ?? [];
  const ids = results.flatMap((r) => (r.id === undefined ? [] : [String(r.id)]));
  const nextAfter = res.body?.paging?.next?.after;
  if (!nextAfter) return { ids, next: null };
  if (Number(nextAfter) + size <= SEARCH_RESULT_WINDOW) return { ids, next: `search:${from}:${nextAfter}` };
  const last = parseTimestamp(results.at(-1)?.properties?.lastmodifieddate);
  if (last === null || last <= from) {
    throw new CrmError(
      `HubSpot contact search: more than ${SEARCH_RESULT_WINDOW} contacts share lastmodifieddate ${from}; ` +
        'page without `since` (list API) instead',
      { retryable: false },
    );
  }
  return { ids, next: `search:${last}:` };
}

export function listHubspotLeadIds(http: HubspotHttp, opts: ListLeadIdsOptions): Promise<{ ids: string[]; next: string | null }> {
  return opts.since === undefined ? listPage(http, opts.cursor, opts.limit) : searchPage(http, opts.since, opts.cursor, opts.limit);
}
