// Page through a tenant's leads in the CRM and put one durable inbox row per lead, so
// backfills and reconciliation run through the very same queue, batching and rate limits as
// webhooks. The page cursor is saved after every page: an interrupted run resumes.
import type { CrmTenantClient } from '../../crm/types.ts';
import type { Store } from '../../store/types.ts';
import { INTERNAL_SOURCE } from '../support/internal-source.ts';

export interface EnqueueProgress {
  pages: number;
  enqueued: number;
  duplicates: number;
  done: boolean;
}

export async function enqueueLeadIds(opts: {
  store: Store;
  client: CrmTenantClient;
  /** Cursor key in the store; the same key resumes an interrupted run. */
  cursorKey: string;
  /** Only leads changed since (epoch ms); undefined = all. */
  since?: number;
  /** Dedupe tag of this run (a new run rescans leads the last one already queued). */
  runTag: string;
  pageSize?: number;
  dryRun?: boolean;
  now: () => number;
  onProgress?: (p: EnqueueProgress) => void;
}): Promise<EnqueueProgress> {
  const { store, client } = opts;
  const progress: EnqueueProgress = { pages: 0, enqueued: 0, duplicates: 0, done: false };
  const saved = await store.getCursor(opts.cursorKey);
  let cursor: string | null = saved && saved !== 'done' ? saved : null;
  if (saved === 'done') {
    progress.done = true;
    return progress;
  }
  for (;;) {
    const page = await client.listLeadIds({ cursor, since: opts.since, limit: opts.pageSize ?? 100 });
    progress.pages++;
    if (page.ids.length && !opts.dryRun) {
      const now = opts.now();
      const r = await store.inboxAppend(
        page.ids.map((id) => ({
          tenant: client.tenant,
          source: INTERNAL_SOURCE,
          dedupeKey: `${opts.runTag}:${id}`,
          kind: 'lead.rescore',
          objectId: id,
          occurredAt: now,
          payload: { reason: opts.runTag },
        })),
        now,
      );
      progress.enqueued += r.inserted;
      progress.duplicates += r.duplicates;
    } else progress.enqueued += opts.dryRun ? page.ids.length : 0;
    cursor = page.next;
    if (!opts.dryRun) await store.setCursor(opts.cursorKey, cursor ?? 'done');
    opts.onProgress?.(progress);
    if (!cursor) break;
  }
  progress.done = true;
  return progress;
}
