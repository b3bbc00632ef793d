// One round for one tenant: claim inbox rows -> interpret -> lifecycle effects -> rescore the
// affected leads in batches of 100 -> complete / retry / fail each row. A row is completed
// only after its lead's values reached the CRM, so a crash at any point replays it.
import type { Interpretation } from '../../connectors/interpret-types.ts';
import { emptyInterpretation } from '../../connectors/interpret-types.ts';
import { periodStarts } from '../engine/availability.ts';
import { toLeadRouterError } from '../errors.ts';
import type { InboxRow, OwnerPeriod } from '../store/types.ts';
import { crmOf, type PipelineDeps } from './deps.ts';
import { rescoreBatch, type LeadOutcome } from './rescore-batch.ts';

/** Events lead-router itself puts in the inbox (SLA timers, backfill, company fan-out). */
export const INTERNAL_SOURCE = 'lead-router';

function backoff(deps: PipelineDeps, attempts: number): number {
  const { retryBaseMs, retryMaxMs } = deps.options;
  const exp = Math.min(retryMaxMs, retryBaseMs * 2 ** Math.max(0, attempts - 1));
  return Math.round(exp / 2 + (exp / 2) * Math.random());
}

function ownerPeriods(deps: PipelineDeps, now: number): OwnerPeriod[] {
  return deps.config().config.owners.map((o) => ({ owner: o.email.toLowerCase(), ...periodStarts(now, o.timezone) }));
}

function interpretInternal(rows: InboxRow[], into: Interpretation, breaches: Map<string, { round: number; previousOwners: string[] }>) {
  for (const r of rows) {
    into.rescore.add(r.objectId);
    if (r.kind === 'sla.breach') {
      const p = r.payload as { round?: number; previousOwners?: string[] };
      breaches.set(r.objectId, { round: p.round ?? 0, previousOwners: p.previousOwners ?? [] });
    }
  }
}

async function settle(deps: PipelineDeps, rows: InboxRow[], status: 'done' | 'retry' | 'failed', error = ''): Promise<void> {
  if (!rows.length) return;
  const ids = rows.map((r) => r.id);
  const now = deps.now();
  if (status === 'done') {
    await deps.store.inboxComplete(ids);
    const crm = crmOf(rows[0]!.tenant);
    deps.metrics?.eventsProcessed.inc({ crm }, rows.length);
    for (const r of rows) deps.metrics?.e2eLatency.observe({ crm }, Math.max(0, now - r.occurredAt) / 1000);
    return;
  }
  const attempts = Math.max(...rows.map((r) => r.attempts));
  if (status === 'failed' || attempts >= deps.options.maxAttempts) {
    await deps.store.inboxFail(ids, error);
    deps.metrics?.eventsFailed.inc({ crm: crmOf(rows[0]!.tenant), reason: status === 'failed' ? 'rejected' : 'max_attempts' }, rows.length);
    deps.logger.error('events failed', { tenant: rows[0]!.tenant, count: rows.length, error });
    return;
  }
  await deps.store.inboxRetry(ids, error, now + backoff(deps, attempts));
}

/** Process one claimed round for a tenant. Returns the number of rows handled. */
export async function processTenant(deps: PipelineDeps, tenant: string): Promise<number> {
  const { store, logger, options } = deps;
  const now = deps.now();
  const rows = await store.inboxClaim({ tenant, limit: options.claimLimit, leaseMs: options.leaseMs, now, worker: deps.worker });
  if (!rows.length) return 0;
  const crm = crmOf(tenant);
  const connector = deps.connectors[crm];
  const client = connector ? await connector.client(tenant) : null;
  if (!client) {
    await store.inboxFail(
      rows.map((r) => r.id),
      `tenant ${tenant} is not installed (no credentials); events kept as failed`,
    );
    deps.metrics?.eventsFailed.inc({ crm, reason: 'not_installed' }, rows.length);
    logger.warn('events for a tenant without install', { tenant, count: rows.length });
    return rows.length;
  }

  try {
    const internal = rows.filter((r) => r.source === INTERNAL_SOURCE);
    const external = rows.filter((r) => r.source !== INTERNAL_SOURCE);
    const interp = external.length ? await deps.interpreters[crm]!.interpret(external, client) : emptyInterpretation();
    const breaches = new Map<string, { round: number; previousOwners: string[] }>();
    interpretInternal(internal, interp, breaches);

    // Lifecycle first: purge, merge, touches, ledger. All idempotent, so a replay is safe.
    for (const id of interp.purge) {
      await store.purgeLead(tenant, id);
      interp.rescore.delete(id);
    }
    for (const m of interp.merges) {
      await store.rekeyLead(tenant, m.from, m.to);
      interp.rescore.delete(m.from);
      interp.rescore.add(m.to);
    }
    for (const t of interp.touches) {
      if (await store.recordFirstTouch(tenant, t.leadId, t.at)) await store.cancelTimers(tenant, t.leadId, 'sla');
    }
    const byLead = new Map<string, typeof interp.behaviour>();
    for (const b of interp.behaviour) {
      const list = byLead.get(b.leadId) ?? [];
      list.push(b);
      byLead.set(b.leadId, list);
      interp.rescore.add(b.leadId);
    }
    for (const [leadId, list] of byLead) await store.appendEngagement(tenant, leadId, list.map((b) => b.event));

    // Company / organization changes fan out as durable per-lead inbox rows.
    if (interp.companies.size) {
      const companies = [...interp.companies];
      const leadIds = await client.companyLeadIds(companies);
      await store.inboxAppend(
        leadIds.map((id) => ({
          tenant,
          source: INTERNAL_SOURCE,
          dedupeKey: `company:${id}:${now}`,
          kind: 'lead.rescore',
          objectId: id,
          occurredAt: now,
          payload: { reason: 'company change', companies: companies.length },
        })),
        now,
      );
    }

    // Rescore in batches; rows about a lead settle with that lead's outcome.
    const leadIds = [...interp.rescore];
    const rowsByLead = new Map<string, InboxRow[]>();
    const other: InboxRow[] = [];
    for (const r of rows) {
      if (interp.rescore.has(r.objectId)) {
        const list = rowsByLead.get(r.objectId) ?? [];
        list.push(r);
        rowsByLead.set(r.objectId, list);
      } else other.push(r);
    }

    const dir = await deps.owners.get(client);
    const periods = ownerPeriods(deps, now);
    const batches: string[][] = [];
    for (let i = 0; i < leadIds.length; i += options.batchSize) batches.push(leadIds.slice(i, i + options.batchSize));

    const outcomes = new Map<string, LeadOutcome>();
    let next = 0;
    const runOne = async () => {
      while (next < batches.length) {
        const batch = batches[next++]!;
        try {
          const res = await rescoreBatch({ deps, client, dir, ids: batch, periods, breaches });
          for (const [id, o] of res.outcomes) outcomes.set(id, o);
        } catch (err) {
          const e = toLeadRouterError(err);
          logger.warn('batch failed; will retry', { tenant, leads: batch.length, error: e.message });
          for (const id of batch) outcomes.set(id, { status: 'retry', error: e.message });
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(options.batchConcurrency, batches.length) }, runOne));

    for (const [leadId, list] of rowsByLead) {
      const o = outcomes.get(leadId) ?? { status: 'retry', error: 'not processed' };
      if (o.status === 'ok' || o.status === 'gone') await settle(deps, list, 'done');
      else await settle(deps, list, o.status, o.error);
    }
    await settle(deps, other, 'done');
    return rows.length;
  } catch (err) {
    const e = toLeadRouterError(err);
    logger.warn('round failed; events will be retried', { tenant, count: rows.length, error: e.message });
    await settle(deps, rows, 'retry', e.message);
    return rows.length;
  }
}
