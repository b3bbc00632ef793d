// listLeadIds (backfill / reconciliation) and companyLeadIds: paged GET /api/v2/persons lists
// (v2 only, §3.1), cursor pagination in additional_data.next_cursor (§3.2).
import { isId, type PipedriveClientContext } from './client-context.ts';
import { toRfc3339 } from './time.ts';
import type { PipedriveRecord } from './types.ts';

/** List pages go up to 500 (§3.2 `limit`). */
const PAGE_LIMIT = 500;

/** Pipedrive has no batch association read: one paged list per organization (§3.2). */
export async function readCompanyPersonIds(ctx: PipedriveClientContext, companyIds: string[]): Promise<string[]> {
  const all = new Set<string>();
  for (const companyId of companyIds) for (const id of await orgPersonIds(ctx, companyId)) all.add(id);
  return [...all];
}

async function orgPersonIds(ctx: PipedriveClientContext, companyId: string): Promise<string[]> {
  if (!isId(companyId)) return [];
  const ids: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await ctx.http.request<PipedriveRecord[] | null>({
      method: 'GET',
      path: '/api/v2/persons',
      op: 'list',
      query: { org_id: companyId, limit: PAGE_LIMIT, cursor },
    });
    ids.push(...(page.data ?? []).map((p) => String(p.id)));
    cursor = page.additional_data?.next_cursor ?? undefined;
  } while (cursor);
  return ids;
}

export async function listPipedriveLeadIds(ctx: PipedriveClientContext, o: { cursor: string | null; since?: number; limit: number }) {
  // With `since`, newest changes in update_time order (reconciliation, "must do" 3); without,
  // id order, which stays stable while lead-router's own writes move update_time.
  const page = await ctx.http.request<PipedriveRecord[] | null>({
    method: 'GET',
    path: '/api/v2/persons',
    op: 'list',
    query: {
      updated_since: o.since === undefined ? undefined : toRfc3339(o.since),
      sort_by: o.since === undefined ? 'id' : 'update_time',
      limit: Math.min(Math.max(1, o.limit), PAGE_LIMIT),
      cursor: o.cursor ?? undefined,
    },
  });
  return { ids: (page.data ?? []).map((p) => String(p.id)), next: page.additional_data?.next_cursor ?? null };
}
