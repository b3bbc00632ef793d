// Shared by both stores for migration 12 (open leads follow the CRM): lead status rows, the
// decision a CRM owner change takes, the wrong-owner feedback note it leaves, and the report's
// per-lead routing overrides (reassigned in the CRM, closed unworked).
import { toNumber, toStringOrNull, type Row } from './map-rows.ts';
import { mapDecisionColumns } from './outcome-rows.ts';
import type { AssignmentRecord, CrmOwnerChange, CrmOwnerChangeOutcome, LeadStatusInput, LeadStatusKind, LeadStatusRecord, RoutingOverride } from './types.ts';

export const LEAD_STATUS_COLUMNS = [
  'tenant', 'lead_id', 'kind', 'record_id', 'value', 'observed_at',
  'decided_at', 'decision_owner', 'decision_rule', 'decision_tier', 'decision_score', 'config_version',
] as const;

export function leadStatusValues(s: LeadStatusInput): (string | number | null)[] {
  const d = s.decision;
  return [
    s.tenant, s.leadId, s.kind, s.recordId, s.value, s.observedAt,
    d?.decidedAt ?? null, d?.owner ?? null, d?.rule ?? null, d?.tier ?? null, d?.score ?? null, d?.configVersion ?? null,
  ];
}

/** Same SQL on both stores (table aliased `l`): the value follows the newest change; the decision is set once. */
export const LEAD_STATUS_CONFLICT = `ON CONFLICT (tenant, lead_id, kind, record_id) DO UPDATE SET
  value = excluded.value, observed_at = excluded.observed_at,
  decided_at = COALESCE(l.decided_at, excluded.decided_at),
  decision_owner = CASE WHEN l.decided_at IS NULL THEN excluded.decision_owner ELSE l.decision_owner END,
  decision_rule = CASE WHEN l.decided_at IS NULL THEN excluded.decision_rule ELSE l.decision_rule END,
  decision_tier = CASE WHEN l.decided_at IS NULL THEN excluded.decision_tier ELSE l.decision_tier END,
  decision_score = CASE WHEN l.decided_at IS NULL THEN excluded.decision_score ELSE l.decision_score END,
  config_version = CASE WHEN l.decided_at IS NULL THEN excluded.config_version ELSE l.config_version END
  WHERE excluded.observed_at >= l.observed_at`;

export function mapLeadStatusRow(r: Row): LeadStatusRecord {
  return {
    tenant: String(r.tenant),
    leadId: String(r.lead_id),
    kind: String(r.kind) as LeadStatusKind,
    recordId: String(r.record_id),
    value: toStringOrNull(r.value),
    observedAt: toNumber(r.observed_at),
    decision: mapDecisionColumns(r),
  };
}

/**
 * What a CRM owner change means against the lead's assignment on record. Our own write coming
 * back names the owner we recorded (echo); a change older than our latest assignment was
 * already superseded by it (stale), and so was a change away from another owner than the one on
 * record (when the event names the owner before: a late echo of an earlier write of ours, which
 * must not cancel the current owner's SLA). Everything else is a change made in the CRM.
 */
export function classifyOwnerChange(current: AssignmentRecord | null, change: CrmOwnerChange): CrmOwnerChangeOutcome {
  if (!current) return 'untracked';
  if (current.owner === change.owner) return 'echo';
  if (change.at < current.assignedAt) return 'stale';
  if (change.previousOwner !== undefined && change.previousOwner !== current.owner) return 'stale';
  return 'reassigned';
}

export function wrongOwnerNote(previous: string | null, next: string | null): string {
  return `owner changed in the CRM: ${previous ?? 'nobody'} -> ${next ?? 'nobody'}`;
}

/** The end reason a CRM owner change leaves on the superseded assignment. */
export const CRM_OWNER_CHANGE = 'crm_owner_change';

/**
 * Per lead assigned in the window ($1 tenant, $2 since), whether a manager overrode the routing
 * in the CRM: an assignment recorded from a CRM owner change (origin 'crm'), or one closed by a
 * lead status (HubSpot lead status in openLeads.closeWhen, Pipedrive lead archived) before any
 * touch. Lifecycle stages and deals are progress, not an override: not counted. `p` numbers the
 * placeholders of each driver.
 */
export function routingOverridesSql(assignments: string, p: (n: number) => string): string {
  return `SELECT lead_id,
  MAX(CASE WHEN origin = 'crm' THEN 1 ELSE 0 END) AS reassigned,
  MAX(CASE WHEN (end_reason = 'lead_archived' OR substr(end_reason, 1, 12) = 'lead_status:')
            AND (first_touch_at IS NULL OR first_touch_at > ended_at) THEN 1 ELSE 0 END) AS unworked
FROM ${assignments}
WHERE tenant = ${p(1)} AND assigned_at >= ${p(2)} AND (origin = 'crm' OR end_reason IS NOT NULL)
GROUP BY lead_id`;
}

/** Rows of routingOverridesSql: the leads with an override, by lead id in code-point order. */
export function mapRoutingOverrides(rows: readonly Row[]): RoutingOverride[] {
  return rows
    .map((r) => ({ leadId: String(r.lead_id), reassignedInCrm: Number(r.reassigned) === 1, closedUnworked: Number(r.unworked) === 1 }))
    .filter((o) => o.reassignedInCrm || o.closedUnworked)
    .sort((a, b) => (a.leadId < b.leadId ? -1 : a.leadId > b.leadId ? 1 : 0));
}
