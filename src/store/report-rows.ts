// The report queries' SQL and row mapping, shared by both stores (the SQL is plain enough to run
// on SQLite and PostgreSQL alike; each store only numbers its parameters its own way).
import type { FeedbackCount, ReportDecision } from './report-types.ts';

/** Each lead's latest decision at or after the window start (params: tenant, since). */
export const REPORT_DECISIONS_SQL = (audit: string, p: (n: number) => string) => `
SELECT a.lead_id, a.at, a.owner, a.rule, a.tier, a.grade, a.score, a.source, a.segment, a.target
FROM ${audit} a JOIN (SELECT MAX(id) AS id FROM ${audit} WHERE tenant = ${p(1)} AND at >= ${p(2)} GROUP BY lead_id) latest ON a.id = latest.id`;

/** Feedback given in the window, per kind and the lead's decision at that time (params: tenant, since). */
export const REPORT_FEEDBACK_SQL = (audit: string, feedback: string, p: (n: number) => string) => `
SELECT f.kind, a.rule, a.owner, COUNT(*) AS n
FROM ${feedback} f LEFT JOIN ${audit} a
  ON a.id = (SELECT MAX(x.id) FROM ${audit} x WHERE x.tenant = f.tenant AND x.lead_id = f.lead_id AND x.at <= f.at)
WHERE f.tenant = ${p(1)} AND f.at >= ${p(2)}
GROUP BY f.kind, a.rule, a.owner`;

const text = (v: unknown) => (v === null || v === undefined ? null : String(v));

export function mapReportDecision(r: Record<string, unknown>): ReportDecision {
  return {
    leadId: String(r.lead_id),
    at: Number(r.at),
    owner: text(r.owner),
    rule: text(r.rule),
    tier: String(r.tier),
    grade: text(r.grade),
    score: r.score === null || r.score === undefined ? null : Number(r.score),
    source: text(r.source),
    segment: text(r.segment),
    target: String(r.target),
  };
}

export function mapFeedbackCount(r: Record<string, unknown>): FeedbackCount {
  return { kind: String(r.kind), rule: text(r.rule), owner: text(r.owner), count: Number(r.n) };
}
