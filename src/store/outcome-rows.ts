// Outcome rows, shared by both stores: the column list in insert order, the values of one
// outcome in that order, and the row -> record mapping.
import { toNumber, toNumberOrNull, toStringOrNull, type Row } from './map-rows.ts';
import type { OutcomeDecision, OutcomeInput, OutcomeRecord, OutcomeStatus } from './types.ts';

export const OUTCOME_COLUMNS = [
  'tenant', 'lead_id', 'deal_id', 'status', 'amount', 'currency', 'deal_created_at', 'closed_at', 'lost_reason', 'observed_at',
  'decided_at', 'decision_owner', 'decision_rule', 'decision_tier', 'decision_score', 'config_version',
] as const;

export function outcomeValues(o: OutcomeInput): (string | number | null)[] {
  const d = o.decision;
  return [
    o.tenant, o.leadId, o.dealId, o.status, o.amount, o.currency, o.dealCreatedAt, o.closedAt, o.lostReason, o.observedAt,
    d?.decidedAt ?? null, d?.owner ?? null, d?.rule ?? null, d?.tier ?? null, d?.score ?? null, d?.configVersion ?? null,
  ];
}

/**
 * The upsert's conflict clause (same SQL on SQLite and PostgreSQL, table aliased `o`): deal
 * fields follow the newest change only; the decision is filled once and then kept.
 */
export const OUTCOME_CONFLICT = `ON CONFLICT (tenant, deal_id, lead_id) DO UPDATE SET
  status = excluded.status, amount = excluded.amount, currency = excluded.currency,
  deal_created_at = COALESCE(o.deal_created_at, excluded.deal_created_at), closed_at = excluded.closed_at,
  lost_reason = excluded.lost_reason, observed_at = excluded.observed_at,
  decided_at = COALESCE(o.decided_at, excluded.decided_at),
  decision_owner = CASE WHEN o.decided_at IS NULL THEN excluded.decision_owner ELSE o.decision_owner END,
  decision_rule = CASE WHEN o.decided_at IS NULL THEN excluded.decision_rule ELSE o.decision_rule END,
  decision_tier = CASE WHEN o.decided_at IS NULL THEN excluded.decision_tier ELSE o.decision_tier END,
  decision_score = CASE WHEN o.decided_at IS NULL THEN excluded.decision_score ELSE o.decision_score END,
  config_version = CASE WHEN o.decided_at IS NULL THEN excluded.config_version ELSE o.config_version END
  WHERE excluded.observed_at >= o.observed_at`;

/** Outcomes of deals created (or, without a creation time, seen) at or after the bound. */
export const OUTCOME_SINCE = 'COALESCE(deal_created_at, observed_at) >=';

export function mapOutcomeRow(r: Row): OutcomeRecord {
  return {
    tenant: String(r.tenant),
    leadId: String(r.lead_id),
    dealId: String(r.deal_id),
    status: String(r.status) as OutcomeStatus,
    amount: toNumberOrNull(r.amount),
    currency: toStringOrNull(r.currency),
    dealCreatedAt: toNumberOrNull(r.deal_created_at),
    closedAt: toNumberOrNull(r.closed_at),
    lostReason: toStringOrNull(r.lost_reason),
    observedAt: toNumber(r.observed_at),
    decision: mapDecisionColumns(r),
  };
}

/** The decision_* columns outcomes, lead statuses and feedback carry (null: no decision judged).
 *  A decision without a recorded score (implicit owner-change feedback) reads as score 0. */
export function mapDecisionColumns(r: Row): OutcomeDecision | null {
  if (r.decided_at === null || r.decided_at === undefined) return null;
  return {
    decidedAt: toNumber(r.decided_at),
    owner: toStringOrNull(r.decision_owner),
    rule: toStringOrNull(r.decision_rule),
    tier: String(r.decision_tier),
    score: toNumberOrNull(r.decision_score) ?? 0,
    configVersion: toStringOrNull(r.config_version),
  };
}
