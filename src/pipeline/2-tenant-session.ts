// One tenant's work, as a session that lasts while the tenant has events: claim inbox rows ->
// interpret -> lifecycle effects -> hold the leads to rescore (4-held-leads.ts coalesces their
// events) -> send full batches of 100 to the CRM as soon as they are ready, up to
// `batchConcurrency` at once, so the tenant's rate limiter always has work queued in a burst
// -> a partial batch only once the tenant is quiet (or its oldest lead waited maxHoldMs).
// The session ends when nothing is held, in flight or claimable.
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { CrmTenantClient } from '../crm/types.ts';
import { toLeadRouterError } from '../errors.ts';
import type { InboxRow } from '../store/types.ts';
import { crmOf, type PipelineDeps } from './deps.ts';
import { createHeldLeads, type Chunk, type HeldLead } from './4-held-leads.ts';
import { applyLifecycle, changesLeadState, groupRows, interpretChunk } from './3-interpret-chunk.ts';
import { processBatch } from './5-process-batch.ts';
import { settleRows } from './9-settle-rows.ts';
import { createTimeSlice } from './support/time-slice.ts';
import { createTurnstile } from './support/turnstile.ts';
import { createWakeup } from './support/wakeup.ts';

export interface SessionOptions {
  /** A lead is ready once no event about it arrived for this long; the tenant is quiet likewise. */
  quietMs: number;
  /** A partial batch goes once its oldest lead has waited this long, quiet or not. */
  maxHoldMs: number;
  /** Aborted on shutdown: finish what is in flight, hand held rows back to the inbox. */
  signal?: AbortSignal;
}

/** Safety net for a session waiting on batches in flight (each one wakes it when it settles). */
const MAX_WAIT_MS = 1000;

/** Run a tenant's session until it has nothing left to do. Returns the number of rows claimed. */
export async function runTenantSession(deps: PipelineDeps, tenant: string, opts: SessionOptions): Promise<number> {
  const { store, logger, options } = deps;
  const connector = deps.connectors[crmOf(tenant)];
  const client = connector ? await connector.client(tenant) : null;
  if (!client) return failUninstalled(deps, tenant);

  const held = createHeldLeads();
  const inflight = new Set<Promise<void>>();
  const wake = createWakeup(opts.signal);
  const turnstile = createTurnstile(); // batches of this tenant evaluate one at a time
  // Webhooks first, unless batches queue up to evaluate (then the CRM rate limit goes unused).
  const pause = createTimeSlice(() => turnstile.waiting() > 0);
  const stopping = () => opts.signal?.aborted === true;
  // Enough leads to fill every batch slot and the next batch, or what one of the connector's
  // read-ahead calls covers (HubSpot: associations of 1,000 leads); the rest stays in the inbox.
  const maxHeld = Math.max(options.batchSize * (options.batchConcurrency + 1), client.readAhead?.max ?? 0);
  // The leads after a batch's: ready, not in a batch yet (CrmTenantClient.readAhead).
  const next = client.readAhead ? () => held.readyIds(deps.now(), opts.quietMs, client.readAhead!.max) : undefined;
  // Not capped by rows: every event already received about a held lead is claimed before its
  // batch is taken, so a lead is never decided on part of what the inbox holds about it (a cap
  // on rows per pass did that: test/e2e/simulate-parity-hubspot.test.ts).
  // Batches can wait minutes for the CRM's rate limit: keep this session's leases alive
  // (a lease that ran out lets another worker redo the rows: same values, extra calls).
  const renewal = setInterval(() => {
    store.inboxRenewLeases(tenant, deps.worker, deps.now() + options.leaseMs).catch((err: unknown) => {
      logger.warn('renewing inbox leases failed; rows may be re-claimed when their lease ends', { tenant, error: (err as Error).message });
    });
  }, Math.max(1, Math.floor(options.leaseMs / 3)));
  renewal.unref();
  let handled = 0;
  let newest = 0; // newest arrival claimed: the tenant's quiet clock

  const completeChunks = async (chunks: Chunk[]) => {
    for (const c of chunks) await settleRows(deps, c.other, 'done');
  };

  function dispatch(batch: HeldLead[], c: CrmTenantClient): void {
    const run = (async () => {
      let complete: Chunk[] = [];
      try {
        await processBatch(deps, c, batch, { turnstile, pause, ...(next ? { next } : {}) });
      } finally {
        complete = held.finish(batch);
      }
      await completeChunks(complete);
    })()
      .catch((err: unknown) => {
        logger.error('settling a batch failed; its rows are retried when their lease ends', { tenant, error: (err as Error).message });
      })
      .finally(() => {
        inflight.delete(run);
        wake.fire();
      });
    inflight.add(run);
  }

  async function ingest(rows: InboxRow[], c: CrmTenantClient): Promise<void> {
    const chunk: Chunk = { other: [], open: 0 };
    const now = deps.now();
    const latest = Math.max(...rows.map((r) => r.receivedAt));
    newest = Math.max(newest, latest);
    try {
      const { interp, breaches } = await interpretChunk(deps, c, rows);
      // What was read ahead for these leads predates their new events.
      c.readAhead?.forget([...interp.rescore, ...interp.merges.flatMap((m) => [m.from, m.to])]);
      // Purge, merge, first touch, CRM owner changes and closing statuses change what a batch in
      // flight may be writing: let it finish.
      if (changesLeadState(interp, deps.config(c.tenant).config.openLeads)) await Promise.allSettled([...inflight]);
      await applyLifecycle(deps, c, interp, now);
      for (const id of interp.purge) {
        const e = held.drop(id);
        if (!e) continue;
        await settleRows(deps, e.rows, 'done');
        await completeChunks(held.finish([e]));
      }
      for (const m of interp.merges) held.rekey(m.from, m.to);
      const { leads, other } = groupRows(rows, interp.rescore);
      chunk.other = other;
      for (const id of interp.rescore) {
        const own = leads.get(id) ?? [];
        const receivedAt = own.length ? Math.max(...own.map((r) => r.receivedAt)) : latest;
        const breach = breaches.get(id);
        const followers = interp.followers.filter((f) => f.leadId === id);
        held.add({ id, rows: own, chunk, receivedAt, now, followers, ...(breach ? { breach } : {}) });
      }
    } catch (err) {
      const e = toLeadRouterError(err);
      logger.warn('round failed; events will be retried', { tenant, count: rows.length, error: e.message });
      await settleRows(deps, rows, 'retry', e.message);
      return;
    }
    if (chunk.open === 0) await settleRows(deps, chunk.other, 'done');
  }

  try {
    let lastClaimEmpty = false;
    for (;;) {
      // Uninstalled meanwhile: finish what is in flight; the next session fails the rest.
      if (!(await connector!.client(tenant))) break;
      let claimed = 0;
      while (!stopping() && held.size() < maxHeld) {
        const rows = await store.inboxClaim({ tenant, limit: options.claimLimit, leaseMs: options.leaseMs, now: deps.now(), worker: deps.worker });
        lastClaimEmpty = rows.length === 0;
        if (!rows.length) break;
        claimed += rows.length;
        await yieldToEventLoop(); // a claim blocks for ~15 ms: let webhooks in before interpreting
        await ingest(rows, client);
        if (rows.length < options.claimLimit) break;
      }
      handled += claimed;
      if (stopping()) break;

      const now = deps.now();
      const tenantQuiet = lastClaimEmpty && now - newest >= opts.quietMs;
      while (inflight.size < options.batchConcurrency) {
        const batch = held.take({ now, batchSize: options.batchSize, quietMs: opts.quietMs, maxHoldMs: opts.maxHoldMs, tenantQuiet });
        if (!batch) break;
        dispatch(batch, client);
      }
      if (held.size() === 0 && inflight.size === 0 && lastClaimEmpty) break;
      // Everything claimed is older than the window already: one more claim, if empty, tells
      // "quiet" at once instead of after another wait.
      if (claimed > 0 && now - newest >= opts.quietMs) continue;
      await wake.wait(waitMs(now));
    }
  } finally {
    clearInterval(renewal);
    while (inflight.size) await Promise.allSettled([...inflight]);
    await release(deps, held.release(), held.finish.bind(held));
  }
  return handled;

  function waitMs(now: number): number {
    if (inflight.size >= options.batchConcurrency) return MAX_WAIT_MS;
    // The next lead to turn ready, the next partial batch due, and new events at least every
    // quietMs while a batch slot is free.
    const due = Math.min(held.nextDueAt(now, opts.quietMs, opts.maxHoldMs), newest + opts.quietMs > now ? newest + opts.quietMs : Infinity);
    return Math.max(1, Math.min(due - now, opts.quietMs));
  }
}

/** Shutdown or a failed session: rows of held leads (and their chunks) are claimable again now. */
async function release(deps: PipelineDeps, left: HeldLead[], finish: (l: HeldLead[]) => Chunk[]): Promise<void> {
  if (!left.length) return;
  const rows = left.flatMap((l) => l.rows);
  for (const c of finish(left)) rows.push(...c.other);
  if (rows.length) await deps.store.inboxRetry(rows.map((r) => r.id), 'released: the worker stopped before processing', deps.now());
}

async function failUninstalled(deps: PipelineDeps, tenant: string): Promise<number> {
  const rows = await deps.store.inboxClaim({ tenant, limit: deps.options.claimLimit, leaseMs: deps.options.leaseMs, now: deps.now(), worker: deps.worker });
  if (!rows.length) return 0;
  await deps.store.inboxFail(
    rows.map((r) => r.id),
    `tenant ${tenant} is not installed (no credentials); events kept as failed`,
  );
  deps.metrics?.eventsFailed.inc({ crm: crmOf(tenant), reason: 'not_installed' }, rows.length);
  deps.logger.warn('events for a tenant without install', { tenant, count: rows.length });
  return rows.length;
}
