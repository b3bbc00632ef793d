// listDeals (backfill --outcomes): paged GET /api/v2/deals in id order (cursor pagination,
// up to 500 per page, §3.2). A v2 deal holds status, value, won / lost time and lost reason,
// the same fields as a deal webhook's `data`, so each reads with pipedriveDealOutcome.
import type { DealOutcome } from '../../src/crm/interpret.ts';
import type { PipedriveClientContext } from './client-context.ts';
import { pipedriveDealOutcome } from './deal-outcome.ts';
import { parsePipedriveTime } from './time.ts';
import type { PipedriveRecord } from './types.ts';

const PAGE_LIMIT = 500;

export async function listPipedriveDeals(ctx: PipedriveClientContext, o: { cursor: string | null; limit: number }, now: () => number): Promise<{ deals: DealOutcome[]; next: string | null }> {
  const page = await ctx.http.request<PipedriveRecord[] | null>({
    method: 'GET',
    path: '/api/v2/deals',
    op: 'list',
    query: { sort_by: 'id', limit: Math.min(Math.max(1, o.limit), PAGE_LIMIT), cursor: o.cursor ?? undefined },
  });
  const deals: DealOutcome[] = [];
  for (const d of page.data ?? []) {
    const outcome = pipedriveDealOutcome(String(d.id), d, parsePipedriveTime(d.update_time) ?? now());
    if (outcome) deals.push(outcome);
  }
  return { deals, next: page.additional_data?.next_cursor ?? null };
}
