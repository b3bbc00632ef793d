// Settle inbox rows after processing: done (in statements of 250 rows), or retried with
// backoff, or failed (kept, visible, replayable) once attempts run out.
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { InboxRow } from '../store/types.ts';
import { crmOf, type PipelineDeps } from './deps.ts';

export type SettleStatus = 'done' | 'retry' | 'failed';

/** Rows completed per statement: a batch's ~900 rows in one UPDATE hold the event loop ~50 ms. */
const COMPLETE_CHUNK = 250;

function backoff(deps: PipelineDeps, attempts: number): number {
  const { retryBaseMs, retryMaxMs } = deps.options;
  const exp = Math.min(retryMaxMs, retryBaseMs * 2 ** Math.max(0, attempts - 1));
  return Math.round(exp / 2 + (exp / 2) * Math.random());
}

export async function settleRows(deps: PipelineDeps, rows: InboxRow[], status: SettleStatus, error = ''): Promise<void> {
  if (!rows.length) return;
  const ids = rows.map((r) => r.id);
  const now = deps.now();
  const crm = crmOf(rows[0]!.tenant);
  if (status === 'done') {
    for (let i = 0; i < ids.length; i += COMPLETE_CHUNK) {
      if (i > 0) await yieldToEventLoop();
      await deps.store.inboxComplete(ids.slice(i, i + COMPLETE_CHUNK));
    }
    deps.metrics?.eventsProcessed.inc({ crm }, rows.length);
    for (const r of rows) {
      deps.metrics?.e2eLatency.observe({ crm }, Math.max(0, now - r.occurredAt) / 1000);
      deps.metrics?.tenantActivity.writeBackDone(r.tenant, now - r.occurredAt, now);
    }
    return;
  }
  const attempts = Math.max(...rows.map((r) => r.attempts));
  if (status === 'failed' || attempts >= deps.options.maxAttempts) {
    await deps.store.inboxFail(ids, error);
    deps.metrics?.eventsFailed.inc({ crm, reason: status === 'failed' ? 'rejected' : 'max_attempts' }, rows.length);
    deps.logger.error('events failed', { tenant: rows[0]!.tenant, count: rows.length, error });
    return;
  }
  await deps.store.inboxRetry(ids, error, now + backoff(deps, attempts));
}
