// One batch of held leads (<= 100): rescore them (read, evaluate, write: rescore-batch.ts) and
// settle their rows with each lead's outcome. A row is completed only after its lead's values
// reached the CRM, so a crash at any point replays it. Rows of leads that succeeded settle
// together (a few statements of 250 rows, not one commit per lead).
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { CrmTenantClient } from '../../connectors/types.ts';
import { periodStarts } from '../engine/availability.ts';
import { toLeadRouterError } from '../errors.ts';
import type { InboxRow, OwnerPeriod } from '../store/types.ts';
import type { PipelineDeps } from './deps.ts';
import type { HeldLead } from './held-leads.ts';
import type { SlaBreach } from './sla-breach.ts';
import { rescoreBatch, type LeadOutcome } from './rescore-batch.ts';
import { settleRows } from './settle-rows.ts';
import type { Turnstile } from './turnstile.ts';

function ownerPeriods(deps: PipelineDeps, now: number): OwnerPeriod[] {
  return deps.config().config.owners.map((o) => ({ owner: o.email.toLowerCase(), ...periodStarts(now, o.timezone) }));
}

export async function processBatch(
  deps: PipelineDeps,
  client: CrmTenantClient,
  leads: HeldLead[],
  pacing: { turnstile?: Turnstile; pause?: () => Promise<void> } = {},
): Promise<void> {
  const { turnstile, pause } = pacing;
  const ids = leads.map((l) => l.id);
  const breaches = new Map<string, SlaBreach>();
  for (const l of leads) if (l.breach) breaches.set(l.id, l.breach);
  let outcomes: Map<string, LeadOutcome>;
  try {
    const dir = await deps.owners.get(client);
    const res = await rescoreBatch({
      deps,
      client,
      dir,
      ids,
      periods: ownerPeriods(deps, deps.now()),
      breaches,
      ...(turnstile ? { evaluationTurn: () => turnstile.enter() } : {}),
      ...(pause ? { pause } : {}),
    });
    outcomes = res.outcomes;
  } catch (err) {
    const e = toLeadRouterError(err);
    deps.logger.warn('batch failed; will retry', { tenant: client.tenant, leads: ids.length, error: e.message });
    outcomes = new Map(ids.map((id) => [id, { status: 'retry', error: e.message }]));
  }
  await yieldToEventLoop(); // the batch's audit commit just ran: let webhooks in before settling
  const done: InboxRow[] = [];
  for (const l of leads) {
    const o = outcomes.get(l.id) ?? { status: 'retry', error: 'not processed' };
    if (o.status === 'ok' || o.status === 'gone') done.push(...l.rows);
    else await settleRows(deps, l.rows, o.status, o.error);
  }
  await settleRows(deps, done, 'done');
}
