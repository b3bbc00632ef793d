// Feedback rows, shared by both stores: the column list in insert order, the values of one
// verdict in that order, the row -> record mapping, the order of counts, and each lead's latest
// verdict (one query text, the placeholders of each driver).
import { toNumber, toNumberOrNull, toStringOrNull, type Row } from './map-rows.ts';
import { mapDecisionColumns } from './outcome-rows.ts';
import type { FeedbackCount, FeedbackInput, FeedbackKind, FeedbackRecord, FeedbackSource, LatestVerdict } from './types.ts';

export const FEEDBACK_COLUMNS = [
  'tenant', 'lead_id', 'at', 'user_id', 'kind', 'note', 'source',
  'decided_at', 'decision_owner', 'decision_rule', 'decision_tier', 'decision_score', 'config_version',
] as const;

export function feedbackValues(r: FeedbackInput): (string | number | null)[] {
  const d = r.decision ?? null;
  return [
    r.tenant, r.leadId, r.at, r.userId, r.kind, r.note, r.source ?? 'card',
    d?.decidedAt ?? null, d?.owner ?? null, d?.rule ?? null, d?.tier ?? null, d?.score ?? null, d?.configVersion ?? null,
  ];
}

export function mapFeedbackRow(r: Row): FeedbackRecord {
  return {
    tenant: String(r.tenant),
    leadId: String(r.lead_id),
    at: toNumber(r.at),
    userId: toStringOrNull(r.user_id),
    kind: String(r.kind) as FeedbackKind,
    note: toStringOrNull(r.note),
    source: String(r.source) as FeedbackSource,
    decision: mapDecisionColumns(r),
  };
}

export function mapFeedbackCount(r: Row): FeedbackCount {
  return { rule: toStringOrNull(r.rule), owner: toStringOrNull(r.owner), kind: String(r.kind) as FeedbackKind, count: toNumber(r.count) };
}

/** Counts in one order on both stores (nulls first, then code-point order), whatever the collation. */
export function sortFeedbackCounts(counts: FeedbackCount[]): FeedbackCount[] {
  const cmp = (a: string | null, b: string | null) => (a === b ? 0 : a === null ? -1 : b === null ? 1 : a < b ? -1 : 1);
  return counts.sort((a, b) => cmp(a.rule, b.rule) || cmp(a.owner, b.owner) || cmp(a.kind, b.kind));
}

/** Each lead's latest verdict given at or after the second parameter (Store.latestFeedback). */
export function latestFeedbackSql(table: string, tenantParam: string, sinceParam: string): string {
  return `SELECT f.lead_id, f.kind, f.at FROM ${table} f
WHERE f.tenant = ${tenantParam} AND f.at >= ${sinceParam} AND NOT EXISTS (
  SELECT 1 FROM ${table} g WHERE g.tenant = f.tenant AND g.lead_id = f.lead_id AND (g.at > f.at OR (g.at = f.at AND g.id > f.id)))`;
}

/** Rows of latestFeedbackSql as records, by lead id in code-point order on both stores. */
export function mapLatestVerdicts(rows: readonly Row[]): LatestVerdict[] {
  return rows
    .map((r) => ({ leadId: String(r.lead_id), kind: String(r.kind) as FeedbackKind, at: toNumber(r.at) }))
    .sort((a, b) => (a.leadId < b.leadId ? -1 : a.leadId > b.leadId ? 1 : 0));
}
