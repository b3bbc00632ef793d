// One CRM batch (<= 100 leads): batch read -> evaluate each (atomic routing) -> batch write of
// changed values only -> audit, SLA timers. Returns the outcome per lead.
import type { OwnerFollower } from '../crm/interpret.ts';
import type { CrmLeadSnapshot, CrmTenantClient, LeadUpdate } from '../crm/types.ts';
import { slaBreachRequest } from '../engine/sla.ts';
import type { LoadedConfig } from '../config/load.ts';
import type { CompiledConfig, Evaluation, SlaBreachRequest } from '../engine/types.ts';
import { toLeadRouterError } from '../errors.ts';
import type { AuditInput } from '../store/console-types.ts';
import type { OwnerPeriod } from '../store/types.ts';
import { leadEmailKey } from '../crypto/email-lookup.ts';
import { configLabel } from '../tenants/config-label.ts';
import { captureRouting, recordDecisionInput, type DecisionInput } from './support/decision-input.ts';
import { crmOf, type PipelineDeps } from './deps.ts';
import { decideForSnapshot, type SnapshotDecision } from './7-evaluate-snapshot.ts';
import type { OwnerDirectory } from './support/owner-directory.ts';
import type { SlaBreach, SlaTimerPayload } from './support/sla-breach.ts';
import { createTimeSlice } from './support/time-slice.ts';
import { planWrite } from './8-write-plan.ts';
import { withNurture } from './support/nurture-plan.ts';
import { loadPredictor } from './support/predict.ts';

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

async function breachRequest(deps: PipelineDeps, compiled: CompiledConfig, tenant: string, leadId: string, fired: SlaBreach): Promise<SlaBreachRequest | 'stale'> {
  const current = await deps.store.getAssignment(tenant, leadId);
  return slaBreachRequest(compiled, current, fired) ?? 'stale';
}

export async function rescoreBatch(args: {
  deps: PipelineDeps;
  client: CrmTenantClient;
  dir: OwnerDirectory;
  ids: string[];
  /** The config deciding this batch (default: the tenant's current one). */
  loaded?: LoadedConfig;
  periods: OwnerPeriod[];
  breaches: Map<string, SlaBreach>;
  /** Linked records that follow a lead's owner (Interpretation.followers), by lead id. */
  followers?: Map<string, OwnerFollower[]>;
  /** Waits for this batch's turn to evaluate; resolves with the function that ends the turn. */
  evaluationTurn?: () => Promise<() => void>;
  /** Called between leads: yields to the event loop now and then (time-slice.ts). */
  pause?: () => Promise<void>;
  /** The leads the session will send next (CrmTenantClient.readAhead). */
  next?: () => readonly string[];
}): Promise<BatchResult> {
  const { deps, client, dir, ids, periods, breaches } = args;
  const { store, logger } = deps;
  const tenant = client.tenant;
  const loaded = args.loaded ?? deps.config(tenant);
  const configVersion = configLabel(loaded);
  const now = deps.now();
  const outcomes = new Map<string, LeadOutcome>();
  const pause = args.pause ?? createTimeSlice();

  const snapshots = await client.readLeads(ids, args.next);
  const ledger = await store.getEngagement(tenant, [...snapshots.keys()]);

  const decisions = new Map<string, SnapshotDecision>();
  const inputs = new Map<string, DecisionInput>(); // kept with the audit, for preview
  const configOwners = loaded.config.owners.map((o) => o.email);
  const predict = await loadPredictor(store, tenant, loaded.compiled); // null: no model (or off)
  // One batch of a tenant evaluates at a time (args.evaluationTurn): with the yields below,
  // batches in flight would otherwise interleave lead by lead and all write at the end.
  const leave = args.evaluationTurn ? await args.evaluationTurn() : null;
  try {
    for (const id of ids) {
      // The store is synchronous (node:sqlite): each lead's transaction blocks the event loop for
      // its commit. Yield every few ms so webhooks are acknowledged in between, not after 100.
      await pause();
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
          const req = await breachRequest(deps, loaded.compiled, tenant, id, b);
          if (req !== 'stale') {
            breach = req;
            deps.metrics?.slaBreaches.inc({ crm: crmOf(tenant), action: req.escalateTo ? 'escalate' : 'reassign' });
          }
        }
        const capture = captureRouting(store);
        const decision = await decideForSnapshot({
          store: capture.store,
          tenant,
          snapshot,
          events: ledger.get(id) ?? [],
          dir,
          compiled: loaded.compiled,
          periods,
          now,
          breach,
        });
        if (predict) decision.evaluation = predict(decision.evaluation);
        // Its place in the routing order (preview replays in it): taken now, inside the batch's
        // evaluation turn, also when no routing transaction took one (an unmanaged owner kept).
        decision.seq ??= await store.nextRoutingSeq(tenant);
        decisions.set(id, decision);
        inputs.set(id, recordDecisionInput({ snapshot, events: ledger.get(id) ?? [], dir, configOwners, now, breach, routing: capture.seen() }));
      } catch (err) {
        const e = toLeadRouterError(err);
        logger.error('evaluation failed', { tenant, leadId: id, error: e.message });
        outcomes.set(id, { status: 'retry', error: e.message });
      }
    }
  } finally {
    leave?.();
  }

  const updates: LeadUpdate[] = [];
  for (const [id, d] of decisions) {
    const u = withNurture(planWrite(snapshots.get(id)!, d.evaluation, d.ownerId, loaded.config.writeBack.owner), crmOf(tenant), snapshots.get(id)!, d.evaluation);
    if (u) updates.push(u);
    if (d.assigned && d.evaluation.route.owner && d.ownerId === null) {
      logger.warn('assigned owner has no active CRM user; owner not written', { tenant, leadId: id, rule: d.evaluation.route.rule });
    }
  }

  const results = updates.length ? await client.writeLeads(updates) : [];
  const failedWrites = new Map(results.filter((r) => !r.ok).map((r) => [r.id, r]));
  const crm = crmOf(tenant);
  deps.metrics?.writes.inc({ crm, result: 'written' }, updates.length - failedWrites.size);
  deps.metrics?.writes.inc({ crm, result: 'unchanged' }, decisions.size - updates.length);
  for (const f of failedWrites.values()) deps.metrics?.writes.inc({ crm, result: f.retryable ? 'retry' : 'failed' });

  const audits: AuditInput[] = [];
  let assignments = 0;
  for (const [id, d] of decisions) {
    const fail = failedWrites.get(id);
    if (fail) {
      outcomes.set(id, fail.retryable ? { status: 'retry', error: fail.error ?? 'write failed' } : { status: 'failed', error: fail.error ?? 'write rejected' });
      continue;
    }
    // the email lookup key lets the console find the lead by email; the address itself is not kept
    audits.push({ tenant, leadId: id, at: now, evaluation: d.evaluation, emailHash: leadEmailKey(tenant, snapshots.get(id)!.fields), configVersion, input: inputs.get(id), routingSeq: d.seq ?? 0 });
    if (d.assigned) {
      await pause();
      assignments++;
      deps.metrics?.assignmentsTotal.inc({ crm: crmOf(tenant), target: d.evaluation.route.target });
      await store.cancelTimers(tenant, id, 'sla');
      const sla = d.evaluation.route.sla;
      if (sla && d.assigned.owner) {
        const previousOwners = [...(breaches.get(id)?.previousOwners ?? []), d.assigned.owner];
        const payload: SlaTimerPayload = { round: d.assigned.round ?? 0, owner: d.assigned.owner, previousOwners };
        await store.scheduleTimer({ tenant, leadId: id, kind: 'sla', dueAt: sla.deadline, payload: { ...payload } });
      }
    }
    outcomes.set(id, { status: 'ok', evaluation: d.evaluation, wrote: updates.some((u) => u.id === id) });
  }
  await pause();
  if (audits.length) await store.appendAudit(audits);
  await runAfterWrite(client, decisions, snapshots, updates, outcomes, args.followers ?? new Map());
  return { outcomes, writes: updates.length - failedWrites.size, assignments };
}

/**
 * The connector's optional follow-up (CrmTenantClient.afterWrite) for the leads that settled ok
 * and have followers, with the owner each now holds in the CRM. Its failures settle the lead like a failed write;
 * audit and SLA timers above already stand (a replay writes nothing new and does not re-assign).
 */
async function runAfterWrite(
  client: CrmTenantClient,
  decisions: Map<string, SnapshotDecision>,
  snapshots: Map<string, CrmLeadSnapshot>,
  updates: LeadUpdate[],
  outcomes: Map<string, LeadOutcome>,
  followers: Map<string, OwnerFollower[]>,
): Promise<void> {
  if (!client.afterWrite || followers.size === 0) return;
  const written = new Map(updates.map((u) => [u.id, u.ownerId]));
  const leads = [...decisions.keys()]
    .filter((id) => outcomes.get(id)?.status === 'ok' && followers.has(id))
    .map((id) => ({ id, ownerId: written.get(id) ?? snapshots.get(id)!.ownerId, followers: followers.get(id)! }));
  if (!leads.length) return;
  for (const r of await client.afterWrite(leads)) {
    if (!r.ok) outcomes.set(r.id, r.retryable ? { status: 'retry', error: r.error ?? 'follow-up failed' } : { status: 'failed', error: r.error ?? 'follow-up rejected' });
  }
}
