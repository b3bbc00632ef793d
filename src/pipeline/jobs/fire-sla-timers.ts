// Background job (run by the worker's timer poll): SLA deadlines that passed become durable
// `sla.breach` inbox rows, which the pipeline re-routes or escalates like any other event.
import type { Logger } from '../../logger.ts';
import type { Store } from '../../store/types.ts';
import { INTERNAL_SOURCE } from '../support/internal-source.ts';

/** Move due SLA timers into the inbox; returns how many fired. */
export async function fireDueSlaTimers(deps: { store: Store; logger: Logger; now: () => number }): Promise<number> {
  const now = deps.now();
  const due = await deps.store.claimDueTimers(now, 500);
  if (!due.length) return 0;
  await deps.store.inboxAppend(
    due.map((t) => ({
      tenant: t.tenant,
      source: INTERNAL_SOURCE,
      dedupeKey: `sla:${t.leadId}:${String(t.payload.round ?? 0)}`,
      kind: 'sla.breach',
      objectId: t.leadId,
      occurredAt: t.dueAt,
      payload: t.payload,
    })),
    now,
  );
  deps.logger.info('SLA deadlines passed', { count: due.length });
  return due.length;
}
