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
-- Escalations are few: a partial index counts them without touching other decisions.
CREATE INDEX audit_escalated ON audit (tenant, at) WHERE escalated = 1;
-- Feedback given in a report window.
CREATE INDEX feedback_tenant_time ON feedback (tenant, at);
`,
};
