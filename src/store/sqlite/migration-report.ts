// Migration 17: the report columns of audit rows (src/store/audit-columns.ts reportColumns), so
// reports group and count decisions in SQL without parsing evaluations; rows written before are
// filled from their JSON once here.
import type { SqliteMigration } from './migration-initial.ts';

export const REPORT_COLUMNS_SQLITE: SqliteMigration = {
  version: 17,
  name: 'report columns',
  sql: `
ALTER TABLE audit ADD COLUMN grade TEXT;
ALTER TABLE audit ADD COLUMN score REAL;
ALTER TABLE audit ADD COLUMN source TEXT;
ALTER TABLE audit ADD COLUMN segment TEXT;
ALTER TABLE audit ADD COLUMN escalated INTEGER NOT NULL DEFAULT 0 CHECK (escalated IN (0, 1));
UPDATE audit SET grade = json_extract(evaluation, '$.grade'), score = json_extract(evaluation, '$.score.total'),
  segment = json_extract(evaluation, '$.route.team'),
  source = CAST(NULLIF(json_extract(input, '$.snapshot.fields.source'), '') AS TEXT),
  escalated = COALESCE(json_extract(evaluation, '$.route.trace[#-1]') LIKE 'SLA breach round %: escalate to %', 0);
-- Reports read each lead's latest decision in a window from this index alone: the report
-- columns sit after the large evaluation / input values in the row (ALTER TABLE appends), so
-- reading them from the table walks overflow pages.
CREATE INDEX audit_report ON audit (tenant, at, lead_id, id, owner, rule, tier, grade, score, source, segment, target);
-- Assignments made in a window (reports: first touch, SLA, fairness, per day), index only.
CREATE INDEX assignments_report ON assignments (tenant, assigned_at, owner, team, lead_id, first_touch_at, sla_deadline, round);
-- Escalations are few: a partial index counts them without touching other decisions.
CREATE INDEX audit_escalated ON audit (tenant, at) WHERE escalated = 1;
-- Feedback given in a report window.
`,
};
