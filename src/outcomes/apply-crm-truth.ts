// Open leads are the CRM's truth: what a chunk's owner changes, lead statuses and deals mean for
// the leads' assignments, per the tenant's `openLeads` config. Owner changes made in the CRM move
// the lead to the new owner's open load (implicit wrong-owner feedback); a lead worked out (deal
// created, disqualifying lead status / lifecycle stage, Pipedrive lead archived) stops counting
// as open; statuses are kept as outcomes attributed to the decision in force, like deals.
// Idempotent: a replay finds the owner already recorded (echo) or the assignment already ended.
import type { DealOutcome, LeadStatusChange, OwnerChange } from '../crm/interpret.ts';
import type { OpenLeadsConfig } from '../config/schema-open-leads.ts';
import type { CrmOwnerChangeOutcome, Store, TenantKey } from '../store/types.ts';
import { attributeDecision } from './attribute-decision.ts';

export interface CrmTruthInput {
  ownerChanges: readonly OwnerChange[];
  statuses: readonly LeadStatusChange[];
  outcomes: readonly DealOutcome[];
}

export interface CrmTruthResult {
  owners: Record<CrmOwnerChangeOutcome, number>;
  /** Assignments ended as worked out, by reason. */
  ended: Record<string, number>;
}

/** Decisions read per lead to find the one in force at a status change (as for deals). */
const AUDIT_LOOKBACK = 50;

/** The engine's owner id for a CRM owner id: the active user's email, else a stable placeholder. */
export function ownerKeyOf(ownerId: string | null, emailOf: (id: string | null) => string | null): string | null {
  if (ownerId === null) return null;
  return emailOf(ownerId) ?? `crm-user:${ownerId}`;
}

/** Why a status closes the lead's assignment under `closeWhen`, or null when it does not. */
export function closingReason(s: LeadStatusChange, closeWhen: OpenLeadsConfig['closeWhen']): string | null {
  const value = s.value?.toLowerCase() ?? null;
  if (value === null) return null;
  const listed = (list: readonly string[]) => list.some((v) => v.toLowerCase() === value);
  if (s.kind === 'lead_status' && listed(closeWhen.leadStatuses)) return `lead_status:${s.value}`;
  if (s.kind === 'lifecycle_stage' && listed(closeWhen.lifecycleStages)) return `lifecycle_stage:${s.value}`;
  if (s.kind === 'lead_archived' && closeWhen.leadArchived && value === 'true') return 'lead_archived';
  return null;
}

/**
 * When the deal was created, for "created at or after the assignment": CRM creation times may
 * have second precision (Pipedrive add_time "…T10:00:05Z"), so a deal made in the same second as
 * the assignment counts as the latest instant of that second it may have been (never later than
 * the change that reported it).
 */
export function dealCreatedAt(o: Pick<DealOutcome, 'createdAt' | 'observedAt'>): number {
  if (o.createdAt === null) return o.observedAt;
  return o.createdAt % 1000 === 0 ? Math.max(o.createdAt, Math.min(o.createdAt + 999, o.observedAt)) : o.createdAt;
}

export async function applyCrmTruth(
  store: Store,
  tenant: TenantKey,
  input: CrmTruthInput,
  config: OpenLeadsConfig,
  emailOf: (id: string | null) => string | null,
): Promise<CrmTruthResult> {
  const result: CrmTruthResult = { owners: { untracked: 0, echo: 0, stale: 0, reassigned: 0 }, ended: {} };
  const end = async (leadId: string, at: number, reason: string) => {
    if (!(await store.endAssignment(tenant, leadId, at, reason))) return;
    await store.cancelTimers(tenant, leadId, 'sla');
    result.ended[reason] = (result.ended[reason] ?? 0) + 1;
  };

  // Oldest first, so two changes of one lead in a chunk end on the newest owner.
  if (config.followCrmOwner) {
    for (const c of [...input.ownerChanges].sort((a, b) => a.at - b.at)) {
      const owner = ownerKeyOf(c.ownerId, emailOf);
      const previous = c.previousOwnerId === undefined ? {} : { previousOwner: ownerKeyOf(c.previousOwnerId, emailOf) };
      const r = await store.applyCrmOwnerChange({ tenant, leadId: c.leadId, owner, at: c.at, userId: c.userId, ...previous });
      result.owners[r.outcome] += 1;
      // The old owner's SLA no longer applies: the lead is someone else's now.
      if (r.outcome === 'reassigned') await store.cancelTimers(tenant, c.leadId, 'sla');
    }
  }

  const audits = new Map<string, Awaited<ReturnType<Store['getAudit']>>>();
  for (const s of [...input.statuses].sort((a, b) => a.at - b.at)) {
    if (!audits.has(s.leadId)) audits.set(s.leadId, await store.getAudit(tenant, s.leadId, AUDIT_LOOKBACK));
    await store.upsertLeadStatus({
      tenant, leadId: s.leadId, kind: s.kind, recordId: s.recordId, value: s.value, observedAt: s.at,
      decision: attributeDecision(audits.get(s.leadId)!, s.at),
    });
    const reason = closingReason(s, config.closeWhen);
    if (reason) await end(s.leadId, s.at, reason);
  }

  if (config.closeWhen.dealCreated) {
    for (const o of input.outcomes) for (const leadId of new Set(o.leadIds)) await end(leadId, dealCreatedAt(o), 'deal_created');
  }
  return result;
}
