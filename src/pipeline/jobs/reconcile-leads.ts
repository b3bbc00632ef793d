// Background job: periodic catch-up per tenant. Leads changed in the CRM since the last pass are
// queued for rescoring, so events lost while the CRM could not reach us (a Pipedrive webhook
// ban, our downtime) are still scored and routed.
import type { CrmTenantClient } from '../../crm/types.ts';
import type { Store } from '../../store/types.ts';
import { enqueueLeadIds } from './enqueue-lead-ids.ts';

/**
 * Periodic catch-up: leads changed since the last pass are rescored, so events lost while the
 * CRM could not reach us (a Pipedrive webhook ban, our downtime) are still scored and routed.
 */
export function startReconciler(opts: {
  store: Store;
  client: () => Promise<CrmTenantClient | null>;
  tenant: string;
  everyMs: number;
  now: () => number;
  onError: (err: Error) => void;
  onQueued?: (n: number) => void;
}): { stop(): void; runOnce(): Promise<number> } {
  const sinceKey = `${opts.tenant}:reconcile-since`;
  async function runOnce(): Promise<number> {
    const client = await opts.client();
    if (!client) return 0;
    const started = opts.now();
    const since = Number((await opts.store.getCursor(sinceKey)) ?? started - 86_400_000);
    const tag = `reconcile-${since}`;
    const p = await enqueueLeadIds({ store: opts.store, client, cursorKey: `${opts.tenant}:cursor:${tag}`, since, runTag: tag, now: opts.now });
    // Overlap a minute: clocks differ and updates land while we page.
    await opts.store.setCursor(sinceKey, String(started - 60_000));
    if (p.enqueued) opts.onQueued?.(p.enqueued);
    return p.enqueued;
  }
  const timer = setInterval(() => {
    runOnce().catch((err: Error) => opts.onError(err));
  }, opts.everyMs);
  timer.unref();
  return { stop: () => clearInterval(timer), runOnce };
}
