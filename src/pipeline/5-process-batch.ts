// One batch of held leads (<= 100): rescore them (read, evaluate, write: 6-rescore-batch.ts) and
// settle their rows with each lead's outcome. A row is completed only after its lead's values
// reached the CRM, so a crash at any point replays it. Rows of leads that succeeded settle
// together (a few statements of 250 rows, not one commit per lead).
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { CrmTenantClient } from '../crm/types.ts';
import { periodStarts } from '../engine/availability.ts';
import { toLeadRouterError } from '../errors.ts';
import type { LoadedConfig } from '../config/load.ts';
import type { InboxRow, OwnerPeriod } from '../store/types.ts';
import type { PipelineDeps } from './deps.ts';
import type { HeldLead } from './4-held-leads.ts';
import type { SlaBreach } from './support/sla-breach.ts';
import { rescoreBatch, type LeadOutcome } from './6-rescore-batch.ts';
import { settleRows } from './9-settle-rows.ts';
import type { Turnstile } from './support/turnstile.ts';

function ownerPeriods(loaded: LoadedConfig, now: number): OwnerPeriod[] {
  return loaded.config.owners.map((o) => ({ owner: o.email.toLowerCase(), ...periodStarts(now, o.timezone) }));
}

export async function processBatch(
  deps: PipelineDeps,
  client: CrmTenantClient,
  leads: HeldLead[],
  pacing: { turnstile?: Turnstile; pause?: () => Promise<void>; next?: () => readonly string[] } = {},
): Promise<void> {
  const { turnstile, pause, next } = pacing;
  const ids = leads.map((l) => l.id);
  const breaches = new Map<string, SlaBreach>();
  for (const l of leads) if (l.breach) breaches.set(l.id, l.breach);
  const followers = new Map(leads.filter((l) => l.followers.length).map((l) => [l.id, l.followers]));
  let outcomes: Map<string, LeadOutcome>;
  try {
    const dir = await deps.owners.get(client);
    const loaded = deps.config(client.tenant); // one config for the whole batch
    const res = await rescoreBatch({
      deps,
      client,
      dir,
      ids,
      loaded,
      periods: ownerPeriods(loaded, deps.now()),
      breaches,
      followers,
      ...(turnstile ? { evaluationTurn: () => turnstile.enter() } : {}),
      ...(pause ? { pause } : {}),
      ...(next ? { next } : {}),
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
