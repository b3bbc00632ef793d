// How an audit row is split for storage, the same on both stores. The audit row keeps the
// decision input without its routing state (`input`) and that state on its own (`input_state`:
// preview reads it once per window, for the window's first decision). Preview's own narrow row
// (`audit_preview`, migration 22, 1:1 with the audit row) holds what preview reads per decision:
// the outcome it compares (owner, tier, grade, rule, target, reasons as plain columns), the input's `ownerIds` apart (the same text for most of a tenant's decisions, so a reader
// parses it once per change) and the rest of the input without its routing state. Rows written
// before migration 22 were copied into audit_preview by the migration in the same encoding.
import type { AuditRecord, PreviewEntry } from './types.ts';

interface WithRouting {
  routing?: { state?: unknown; [k: string]: unknown };
  ownerIds?: unknown;
  [k: string]: unknown;
}

export interface AuditColumns {
  /** audit.input, audit.input_state */
  input: string | null;
  inputState: string | null;
  /** audit_preview.owner_ids, input (its outcome columns are the evaluation's route owner, tier, grade, rule, target, reasons) */
  ownerIds: string | null;
  leanInput: string | null;
}

export function auditColumns(r: AuditRecord): AuditColumns {
  if (r.input === undefined || r.input === null) return { input: null, inputState: null, ownerIds: null, leanInput: null };
  if (typeof r.input !== 'object' || Array.isArray(r.input)) {
    const text = JSON.stringify(r.input);
    return { input: text, inputState: null, ownerIds: null, leanInput: text };
  }
  let lean = r.input as WithRouting;
  let inputState: string | null = null;
  if (lean.routing && typeof lean.routing === 'object' && 'state' in lean.routing) {
    const { state, ...routing } = lean.routing;
    lean = { ...lean, routing };
    inputState = JSON.stringify(state);
  }
  const input = JSON.stringify(lean);
  if (lean.ownerIds === null || typeof lean.ownerIds !== 'object' || Array.isArray(lean.ownerIds)) return { input, inputState, ownerIds: null, leanInput: input };
  const { ownerIds, ...rest } = lean;
  return { input, inputState, ownerIds: JSON.stringify(ownerIds), leanInput: JSON.stringify(rest) };
}

/** The outcome columns of an audit_preview row (migration 22), the same on both stores. */
export const OUTCOME_COLUMNS_DDL = 'owner TEXT, tier TEXT NOT NULL, grade TEXT, rule TEXT, target TEXT NOT NULL, reasons TEXT NOT NULL';

/** The outcome columns of an audit_preview row: owner, tier, grade, rule, target, reasons. */
export function outcomeColumns(e: AuditRecord['evaluation']): [string | null, string, string | null, string | null, string, string] {
  return [e.route.owner, String(e.tier), e.grade ?? null, e.route.rule, e.route.target, e.reasons];
}

/**
 * Reads one audit_preview row: id, lead_id, at (numbers or numeric text), the outcome columns
 * (text), owner_ids and input (JSON text), routing_seq.
 */
export type PreviewRowReader = (row: readonly unknown[]) => PreviewEntry;

/** The columns a PreviewRowReader takes, in order. */
export const PREVIEW_COLUMNS = 'id, lead_id, at, owner, tier, grade, rule, target, reasons, owner_ids, input, routing_seq';

const text = (v: unknown): string | null => (v == null ? null : String(v));

/**
 * Reads audit_preview rows into entries. One reader per listing: consecutive rows with the same
 * owner_ids text share one parsed object (preview's replay keeps its owner directory while the
 * object is the same); entries must not modify it.
 */
export function previewReader(): PreviewRowReader {
  let idsText: unknown = null;
  let ids: unknown = null;
  return (r) => {
    const input: unknown = r[10] == null ? null : JSON.parse(String(r[10]));
    const ownerIds = r[9];
    if (ownerIds != null && input !== null && typeof input === 'object') {
      if (ownerIds !== idsText) (idsText = ownerIds), (ids = JSON.parse(String(ownerIds)));
      (input as WithRouting).ownerIds = ids;
    }
    const recorded = { owner: text(r[3]), tier: String(r[4]), grade: text(r[5]), rule: text(r[6]), target: String(r[7]), reasons: String(r[8] ?? '') };
    return { id: Number(r[0]), leadId: String(r[1]), at: Number(r[2]), seq: Number(r[11] ?? 0), recorded, input };
  };
}

/** The input as recorded: its routing state put back. */
export function joinInput(input: unknown, state: unknown): unknown {
  if (state === null || state === undefined || input === null || typeof input !== 'object') return input;
  const i = input as WithRouting;
  return { ...i, routing: { ...i.routing, state } };
}

/** The lead's `source` field when it was decided (the input's CRM snapshot), as text. */
function sourceOf(input: unknown): string | null {
  const v = (input as { snapshot?: { fields?: Record<string, unknown> } } | null | undefined)?.snapshot?.fields?.['source'];
  return v === null || v === undefined || v === '' ? null : String(v);
}

/** An SLA escalation as src/engine/decide.ts records it (the trace's last line). */
export function isEscalation(trace: readonly string[]): boolean {
  const last = trace.at(-1) ?? '';
  return last.startsWith('SLA breach round ') && last.includes(': escalate to ');
}

/** The report columns of an audit row (migration 17): grouped and counted in SQL, never parsed. */
export function reportColumns(r: AuditRecord): { grade: string | null; score: number; source: string | null; segment: string | null; escalated: boolean } {
  const e = r.evaluation;
  return { grade: e.grade ?? null, score: e.score.total, source: sourceOf(r.input), segment: e.route.team ?? null, escalated: isEscalation(e.route.trace) };
}

/**
 * The order listAuditSince lists a tenant's decisions in, written once for both stores:
 * `ORDER BY ${DECISION_ORDER}` and, to page on from the last entry, `(${DECISION_ORDER}) > (its
 * at, its id)`. Preview replays them in routing order (src/store/preview-rows.ts).
 */
export const DECISION_ORDER = 'at, id';
