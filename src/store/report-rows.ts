// The report queries' SQL and row mapping, shared by both stores: the aggregates run on SQLite
// and PostgreSQL alike (numbered parameters: SQLite reads ?1 / ?2 / ?3 once `$` is swapped for
// `?`); each lead's latest decision is dialect-specific. The queries read indexes added by
// migrations 13 (feedback_tenant_time), 17 (assignments_report, audit_escalated) and 19
// (audit_latest_report: the decisions flagged as their lead's latest).
import type { FeedbackCount, ReportDecision } from './report-types.ts';

const REPORT_COLUMNS = 'lead_id, at, owner, rule, tier, grade, score, source, segment, target';

/** Each lead's first assignment to an owner in the window and the earliest first touch of those
 *  ($1 tenant, $2 since; `assignments` names the table, schema-qualified on PostgreSQL). A touch
 *  closes its own assignment, so it is never before the lead's first one. */
const FIRST_ASSIGNED = (assignments: string, p: string) => `SELECT lead_id, MIN(assigned_at) AS assigned_at, MIN(first_touch_at) AS first_touch_at
    FROM ${assignments} WHERE tenant = ${p}1 AND assigned_at >= ${p}2 AND owner IS NOT NULL GROUP BY lead_id`;

/** SQLite: each lead's latest decision (the row flagged `latest`, migration 19) when it was made at
 *  or after the window start, read from the partial covering index of latest rows alone (no
 *  per-request GROUP BY over the window's decisions), in lead order as before. */
export const SQLITE_REPORT_DECISIONS = `
SELECT ${REPORT_COLUMNS.replace(/(\w+)/g, 'r.$1')}, fa.assigned_at, fa.first_touch_at
FROM audit r INDEXED BY audit_latest_report
LEFT JOIN (${FIRST_ASSIGNED('assignments INDEXED BY assignments_report', '?')}) fa ON fa.lead_id = r.lead_id
WHERE r.tenant = ?1 AND r.at >= ?2 AND r.latest = 1
ORDER BY r.lead_id`;

/** PostgreSQL: the same rows from the flagged rows' partial index. A concurrent append can leave
 *  an older row of a lead flagged next to the newest (src/store/postgres/audit.ts): DISTINCT ON
 *  keeps the largest id, a sort of the window's latest rows only. */
export const POSTGRES_REPORT_DECISIONS = (audit: string, assignments: string) => `
SELECT d.*, fa.assigned_at, fa.first_touch_at
FROM (SELECT DISTINCT ON (lead_id) ${REPORT_COLUMNS} FROM ${audit} WHERE tenant = $1 AND at >= $2 AND latest ORDER BY lead_id, id DESC) d
LEFT JOIN (${FIRST_ASSIGNED(assignments, '$')}) fa ON fa.lead_id = d.lead_id
ORDER BY d.lead_id`;

/** Params $1 tenant, $2 since (and $3 now: `perOwnerDay` only); `t` names the tables (schema-qualified on PostgreSQL). */
export const REPORT_AGGREGATES = (t: { audit: string; feedback: string; assignments: string }) => ({
  /** One pass over the window's assignments: per owner, team and UTC day (epoch day number),
   *  the count, re-assignments after a breach, SLA deadlines passed or met, and breaches. A
   *  still running SLA (not touched, deadline ahead of $3 = now) is neither kept nor breached. */
  perOwnerDay: `SELECT owner, team, assigned_at / 86400000 AS day, COUNT(*) AS n,
      SUM(CASE WHEN round > 0 THEN 1 ELSE 0 END) AS reassigned,
      SUM(CASE WHEN sla_deadline IS NOT NULL AND (first_touch_at IS NOT NULL OR sla_deadline <= $3) THEN 1 ELSE 0 END) AS with_sla,
      SUM(CASE WHEN sla_deadline IS NOT NULL AND (first_touch_at IS NOT NULL OR sla_deadline <= $3)
               AND NOT (first_touch_at IS NOT NULL AND first_touch_at <= sla_deadline) THEN 1 ELSE 0 END) AS breached
    FROM ${t.assignments} WHERE tenant = $1 AND assigned_at >= $2 GROUP BY owner, team, assigned_at / 86400000`,
  /** Feedback given in the window, per kind and the lead's decision at that time. */
  feedback: `SELECT f.kind, a.rule, a.owner, COUNT(*) AS n
    FROM ${t.feedback} f LEFT JOIN ${t.audit} a
      ON a.id = (SELECT MAX(x.id) FROM ${t.audit} x WHERE x.tenant = f.tenant AND x.lead_id = f.lead_id AND x.at <= f.at)
    WHERE f.tenant = $1 AND f.at >= $2 GROUP BY f.kind, a.rule, a.owner`,
});

const text = (v: unknown) => (v === null || v === undefined ? null : String(v));
const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));

/** Rows as arrays in REPORT_COLUMNS order, then the first assignment and touch (SQLite returns arrays: no object per row). */
export function mapReportDecision(r: readonly unknown[]): ReportDecision {
  return {
    leadId: String(r[0]),
    at: Number(r[1]),
    owner: text(r[2]),
    rule: text(r[3]),
    tier: String(r[4]),
    grade: text(r[5]),
    score: num(r[6]),
    source: text(r[7]),
    segment: text(r[8]),
    target: String(r[9]),
    assignedAt: num(r[10]),
    firstTouchAt: num(r[11]),
  };
}

export function mapFeedbackCount(r: Record<string, unknown>): FeedbackCount {
  return { kind: String(r.kind), rule: text(r.rule), owner: text(r.owner), count: Number(r.n) };
}

type Row = Record<string, unknown>;

/** The small aggregates, mapped the same on both stores. */
export function mapAggregates(rows: { perOwnerDay: Row[]; feedback: Row[] }) {
  const perDay = new Map<string, { owner: string; day: number; count: number }>();
  const perTeam = new Map<string, { team: string | null; owner: string; count: number }>();
  const sla = new Map<string, { owner: string; withSla: number; breached: number }>();
  let reassigned = 0;
  for (const r of rows.perOwnerDay) {
    const n = Number(r.n);
    reassigned += Number(r.reassigned);
    if (r.owner === null || r.owner === undefined) continue; // unassigned: no rep to count
    const owner = String(r.owner);
    const day = Math.floor(Number(r.day));
    const team = text(r.team);
    const d = perDay.get(`${owner}\n${day}`) ?? perDay.set(`${owner}\n${day}`, { owner, day, count: 0 }).get(`${owner}\n${day}`)!;
    d.count += n;
    const key = JSON.stringify([team, owner]);
    const t = perTeam.get(key) ?? perTeam.set(key, { team, owner, count: 0 }).get(key)!;
    t.count += n;
    const withSla = Number(r.with_sla);
    if (withSla > 0) {
      const x = sla.get(owner) ?? sla.set(owner, { owner, withSla: 0, breached: 0 }).get(owner)!;
      x.withSla += withSla;
      x.breached += Number(r.breached);
    }
  }
  return { assignedPerDay: [...perDay.values()], perTeam: [...perTeam.values()], sla: [...sla.values()], reassigned, feedback: rows.feedback.map(mapFeedbackCount) };
}
