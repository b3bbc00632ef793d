// How an audit row is split for storage, the same on both stores: the decision input without
// its routing state (`input`), that state on its own (`input_state`: preview reads it once per
// window, not per decision), and the outcome preview compares (`outcome`: owner, tier, grade,
// rule, target, reasons as a small JSON array), so preview never parses a stored evaluation.
// Rows written before migration 10 have no outcome / input_state; readers fall back.
import type { AuditRecord, PreviewEntry } from './types.ts';

interface WithRouting {
  routing?: { state?: unknown; [k: string]: unknown };
  [k: string]: unknown;
}

export function auditColumns(r: AuditRecord): { input: string | null; inputState: string | null; outcome: string } {
  const e = r.evaluation;
  const outcome = JSON.stringify([e.route.owner, e.tier, e.grade, e.route.rule, e.route.target, e.reasons]);
  if (r.input === undefined || r.input === null) return { input: null, inputState: null, outcome };
  const input = r.input as WithRouting;
  if (typeof input !== 'object' || !input.routing || typeof input.routing !== 'object' || !('state' in input.routing)) {
    return { input: JSON.stringify(r.input), inputState: null, outcome };
  }
  const { state, ...routing } = input.routing;
  return { input: JSON.stringify({ ...input, routing }), inputState: JSON.stringify(state), outcome };
}

/** The input as recorded: its routing state put back. */
export function joinInput(input: unknown, state: unknown): unknown {
  if (state === null || state === undefined || input === null || typeof input !== 'object') return input;
  const i = input as WithRouting;
  return { ...i, routing: { ...i.routing, state } };
}

export function parseOutcome(text: string): PreviewEntry['recorded'] {
  const [owner, tier, grade, rule, target, reasons] = JSON.parse(text) as (string | null)[];
  return { owner: owner ?? null, tier: String(tier), grade: grade ?? null, rule: rule ?? null, target: String(target), reasons: reasons ?? '' };
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
