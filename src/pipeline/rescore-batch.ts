// One CRM batch (<= 100 leads): batch read -> evaluate each (atomic routing) -> batch write of
// changed values only -> audit, SLA timers. Returns the outcome per lead.
import type { CrmTenantClient, LeadUpdate } from '../../connectors/types.ts';
import { decideSlaBreach } from '../engine/sla.ts';
import type { Evaluation } from '../engine/types.ts';
import { toLeadRouterError } from '../errors.ts';
import type { AuditRecord, OwnerPeriod } from '../store/types.ts';
import type { PipelineDeps } from './deps.ts';
import { decideForSnapshot, type SlaBreachRequest, type SnapshotDecision } from './evaluate-snapshot.ts';
import type { OwnerDirectory } from './owner-directory.ts';
import { planWrite } from './write-plan.ts';

export type LeadOutcome =
  | { status: 'ok'; evaluation?: Evaluation; wrote: boolean }
  | { status: 'gone' }
  | { status: 'retry'; error: string }
  | { status: 'failed'; error: string };

export interface BatchResult {
  outcomes: Map<string, LeadOutcome>;
  writes: number;
  assignments: number;
}

async function breachRequest(
  deps: PipelineDeps,
  tenant: string,
  leadId: string,
  round: number,
  previousOwners: string[],
): Promise<SlaBreachRequest | 'stale'> {
  const current = await deps.store.getAssignment(tenant, leadId);
  // The rep touched the lead in time, or the lead moved on since the timer was set.
  if (!current || current.closed || current.firstTouchAt !== null || current.round !== round || !current.owner) return 'stale';
  const decision = decideSlaBreach({
    assignment: { owner: current.owner, round: current.round, rule: current.rule, tier: current.tier },
    compiled: deps.config().compiled,
    previousOwners,
  });
  if (decision.action === 'none') return 'stale';
  if (decision.action === 'escalate') return { round, exclude: [...previousOwners, current.owner], escalateTo: decision.to };
  return { round, exclude: decision.exclude };
}

export async function rescoreBatch(args: {
  deps: PipelineDeps;
  client: CrmTenantClient;
  dir: OwnerDirectory;
  ids: string[];
  periods: OwnerPeriod[];
  breaches: Map<string, { round: number; previousOwners: string[] }>;
}): Promise<BatchResult> {
  const { deps, client, dir, ids, periods, breaches } = args;
  const { store, logger } = deps;
  const tenant = client.tenant;
  const loaded = deps.config();
  const now = deps.now();
  const outcomes = new Map<string, LeadOutcome>();

  const snapshots = await client.readLeads(ids);
  const ledger = await store.getEngagement(tenant, [...snapshots.keys()]);

  const decisions = new Map<string, SnapshotDecision>();
  for (const id of ids) {
    const snapshot = snapshots.get(id);
    if (!snapshot) {
      // Deleted in the CRM since the event: nothing to score; purge what we kept.
      await store.purgeLead(tenant, id);
      outcomes.set(id, { status: 'gone' });
      continue;
    }
    try {
      let breach: SlaBreachRequest | undefined;
      const b = breaches.get(id);
      if (b) {
        const req = await breachRequest(deps, tenant, id, b.round, b.previousOwners);
        if (req !== 'stale') breach = req;
      }
      const decision = await decideForSnapshot({
        store,
        tenant,
        snapshot,
        events: ledger.get(id) ?? [],
        dir,
        compiled: loaded.compiled,
        periods,
        now,
        breach,
      });
      decisions.set(id, decision);
    } catch (err) {
      const e = toLeadRouterError(err);
      logger.error('evaluation failed', { tenant, leadId: id, error: e.message });
      outcomes.set(id, { status: 'retry', error: e.message });
    }
  }

  const updates: LeadUpdate[] = [];
  for (const [id, d] of decisions) {
    const u = planWrite(snapshots.get(id)!, d.evaluation, d.ownerId, loaded.config.writeBack.owner);
    if (u) updates.push(u);
    if (d.assigned && d.evaluation.route.owner && d.ownerId === null) {
      logger.warn('assigned owner has no active CRM user; owner not written', { tenant, leadId: id, rule: d.evaluation.route.rule });
    }
  }

  const results = updates.length ? await client.writeLeads(updates) : [];
  const failedWrites = new Map(results.filter((r) => !r.ok).map((r) => [r.id, r]));

  const audits: AuditRecord[] = [];
  let assignments = 0;
  for (const [id, d] of decisions) {
    const fail = failedWrites.get(id);
    if (fail) {
      outcomes.set(id, fail.retryable ? { status: 'retry', error: fail.error ?? 'write failed' } : { status: 'failed', error: fail.error ?? 'write rejected' });
      continue;
    }
    audits.push({ tenant, leadId: id, at: now, evaluation: d.evaluation });
    if (d.assigned) {
      assignments++;
      deps.metrics?.assignmentsTotal.inc({ crm: tenant.split(':')[0]!, target: d.evaluation.route.target });
      await store.cancelTimers(tenant, id, 'sla');
      const sla = d.evaluation.route.sla;
      if (sla && d.assigned.owner) {
        const previousOwners = [...(breaches.get(id)?.previousOwners ?? []), d.assigned.owner];
        await store.scheduleTimer({
          tenant,
          leadId: id,
          kind: 'sla',
          dueAt: sla.deadline,
          payload: { round: d.assigned.round ?? 0, owner: d.assigned.owner, previousOwners },
        });
      }
    }
    outcomes.set(id, { status: 'ok', evaluation: d.evaluation, wrote: updates.some((u) => u.id === id) });
  }
  if (audits.length) await store.appendAudit(audits);
  return { outcomes, writes: updates.length - failedWrites.size, assignments };
}
