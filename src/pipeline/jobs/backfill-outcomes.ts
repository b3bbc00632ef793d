// `backfill --outcomes`: page through a tenant's existing deals (client.listDeals, through the
// tenant's rate-limited scheduler like every CRM call) and store each as outcomes of its leads,
// attributed to their recorded decisions. The page cursor is saved after every page, so an
// interrupted run resumes; replays are harmless (an outcome never goes back to an older state).
import type { CrmTenantClient } from '../../crm/types.ts';
import { InputError } from '../../errors.ts';
import { recordOutcomes } from '../../outcomes/record-outcomes.ts';
import type { Store } from '../../store/types.ts';

export interface OutcomeBackfillProgress {
  pages: number;
  deals: number;
  /** (deal, lead) outcomes stored (0 in a dry run). */
  stored: number;
  done: boolean;
}

export async function backfillOutcomes(opts: {
  store: Store;
  client: CrmTenantClient;
  /** Cursor key in the store; the same key resumes an interrupted run. */
  cursorKey: string;
  pageSize?: number;
  dryRun?: boolean;
  onProgress?: (p: OutcomeBackfillProgress) => void;
}): Promise<OutcomeBackfillProgress> {
  const { store, client } = opts;
  if (!client.listDeals) throw new InputError(`${client.tenant}: this CRM connector cannot list deals, so outcomes cannot be backfilled`);
  const progress: OutcomeBackfillProgress = { pages: 0, deals: 0, stored: 0, done: false };
  const saved = await store.getCursor(opts.cursorKey);
  if (saved === 'done') return { ...progress, done: true };
  let cursor: string | null = saved;
  for (;;) {
    const page = await client.listDeals({ cursor, limit: opts.pageSize ?? 100 });
    progress.pages++;
    progress.deals += page.deals.length;
    if (!opts.dryRun) progress.stored += await recordOutcomes(store, client.tenant, page.deals);
    cursor = page.next;
    if (!opts.dryRun) await store.setCursor(opts.cursorKey, cursor ?? 'done');
    opts.onProgress?.(progress);
    if (!cursor) break;
  }
  progress.done = true;
  return progress;
}
