// The report's sections beside the funnel: leads assigned per rep and day, SLA breaches and
// escalations, leads reaching the fallback owner, score / tier / grade distribution, rep
// feedback per rule and rep. Pure: store rows in, plain numbers out (the CLI's json and the
// console's Reports page show exactly these).
import type { FeedbackCount, ReportDecision, ReportWindow } from '../../store/report-types.ts';

const DAY_MS = 86_400_000;
/** Score bands of the distribution (points). */
export const SCORE_BAND = 10;

export interface AssignedOverTime {
  /** UTC days (YYYY-MM-DD) from the window start to its end, every day listed. */
  days: string[];
  /** Per rep, assignments on each day (same order as `days`); most assigned rep first. */
  reps: { owner: string; total: number; counts: number[] }[];
}

export interface SlaRow {
  owner: string;
  /** Assignments in the window that carried an SLA deadline already past (or touched). */
  withSla: number;
  /** Of those, first touched after the deadline or not at all. */
  breached: number;
}

export interface SlaSection {
  rows: SlaRow[];
  total: SlaRow;
  /** Re-assignments after a breach (SLA rounds 1+). */
  reassigned: number;
  /** Decisions that escalated a lead after a breach. */
  escalations: number;
}

export interface CountRow {
  key: string;
  count: number;
}

export interface FeedbackSection {
  /** Every feedback kind seen in the window, sorted (good_lead, bad_fit, wrong_owner, ... as they exist). */
  kinds: string[];
  rows: { rule: string; owner: string; counts: Record<string, number>; total: number }[];
}

const dayOf = (t: number) => new Date(t).toISOString().slice(0, 10);
const byCount = (a: CountRow, b: CountRow) => b.count - a.count || a.key.localeCompare(b.key);

export function assignedOverTime(perDay: ReportWindow['assignedPerDay'], since: number, now: number): AssignedOverTime {
  const first = Math.floor(since / DAY_MS);
  const days: string[] = [];
  for (let d = first; d <= Math.floor(now / DAY_MS); d++) days.push(dayOf(d * DAY_MS));
  const reps = new Map<string, number[]>();
  for (const p of perDay) {
    const i = p.day - first;
    if (i < 0 || i >= days.length) continue;
    const counts = reps.get(p.owner) ?? reps.set(p.owner, days.map(() => 0)).get(p.owner)!;
    counts[i]! += p.count;
  }
  const list = [...reps].map(([owner, counts]) => ({ owner, total: counts.reduce((x, y) => x + y, 0), counts }));
  return { days, reps: list.sort((a, b) => b.total - a.total || a.owner.localeCompare(b.owner)) };
}

export function slaSection(w: Pick<ReportWindow, 'sla' | 'reassigned' | 'escalations'>): SlaSection {
  const total: SlaRow = { owner: '(all)', withSla: 0, breached: 0 };
  for (const r of w.sla) (total.withSla += r.withSla, total.breached += r.breached);
  const rows = [...w.sla].sort((a, b) => b.breached - a.breached || a.owner.localeCompare(b.owner));
  return { rows, total, reassigned: w.reassigned, escalations: w.escalations };
}

export function fallbackSection(decisions: readonly ReportDecision[]): { leads: number; fallback: number; byRule: CountRow[] } {
  const byRule = new Map<string, number>();
  let fallback = 0;
  for (const d of decisions) {
    if (d.target !== 'fallback') continue;
    fallback++;
    const key = d.rule ?? '(no rule matched)';
    byRule.set(key, (byRule.get(key) ?? 0) + 1);
  }
  return { leads: decisions.length, fallback, byRule: [...byRule].map(([key, count]) => ({ key, count })).sort(byCount) };
}

function countBy(decisions: readonly ReportDecision[], key: (d: ReportDecision) => string): CountRow[] {
  const m = new Map<string, number>();
  for (const d of decisions) m.set(key(d), (m.get(key(d)) ?? 0) + 1);
  return [...m].map(([k, count]) => ({ key: k, count }));
}

/** Scores in bands of SCORE_BAND points (lowest band first, "40 to 49"), tiers and grades by count. */
export function distributionSection(decisions: readonly ReportDecision[]): { scores: CountRow[]; tiers: CountRow[]; grades: CountRow[] } {
  const bandOf = (s: number) => Math.floor(s / SCORE_BAND) * SCORE_BAND;
  const scores = countBy(decisions.filter((d) => d.score !== null), (d) => String(bandOf(d.score!)))
    .sort((a, b) => Number(a.key) - Number(b.key))
    .map((r) => ({ key: `${r.key} to ${Number(r.key) + SCORE_BAND - 1}`, count: r.count }));
  return { scores, tiers: countBy(decisions, (d) => d.tier).sort(byCount), grades: countBy(decisions, (d) => d.grade ?? '(no grade)').sort(byCount) };
}

export function feedbackSection(counts: readonly FeedbackCount[]): FeedbackSection {
  const kinds = [...new Set(counts.map((c) => c.kind))].sort();
  const rows = new Map<string, FeedbackSection['rows'][number]>();
  for (const c of counts) {
    const rule = c.rule ?? '(no rule)';
    const owner = c.owner ?? '(unassigned)';
    const key = JSON.stringify([rule, owner]);
    const row = rows.get(key) ?? rows.set(key, { rule, owner, counts: Object.fromEntries(kinds.map((k) => [k, 0])), total: 0 }).get(key)!;
    row.counts[c.kind]! += c.count;
    row.total += c.count;
  }
  return { kinds, rows: [...rows.values()].sort((a, b) => b.total - a.total || a.rule.localeCompare(b.rule) || a.owner.localeCompare(b.owner)) };
}
