// Migration 17: the report columns of audit rows (src/store/audit-columns.ts reportColumns), so
// reports group and count decisions in SQL without parsing evaluations; rows written before are
// filled from their JSON once here. Same columns as SQLite's migration 17.
import type { PostgresMigration } from './migration-initial.ts';

export const REPORT_COLUMNS_POSTGRES: PostgresMigration = {
  version: 17,
  name: 'report columns',
  sql: (s) => `
ALTER TABLE ${s}.audit ADD COLUMN grade TEXT;
ALTER TABLE ${s}.audit ADD COLUMN score DOUBLE PRECISION;
ALTER TABLE ${s}.audit ADD COLUMN source TEXT;
ALTER TABLE ${s}.audit ADD COLUMN segment TEXT;
ALTER TABLE ${s}.audit ADD COLUMN escalated BOOLEAN NOT NULL DEFAULT false;
UPDATE ${s}.audit SET grade = evaluation->>'grade', score = (evaluation->'score'->>'total')::double precision,
  segment = evaluation->'route'->>'team',
  source = NULLIF(input->'snapshot'->'fields'->>'source', ''),
  escalated = COALESCE((evaluation->'route'->'trace'->>(json_array_length(evaluation->'route'->'trace') - 1)) LIKE 'SLA breach round %: escalate to %', false);
CREATE INDEX audit_report ON ${s}.audit (tenant, at, lead_id, id) INCLUDE (owner, rule, tier, grade, score, source, segment, target);
CREATE INDEX assignments_report ON ${s}.assignments (tenant, assigned_at) INCLUDE (owner, team, lead_id, first_touch_at, sla_deadline, round);
CREATE INDEX audit_escalated ON ${s}.audit (tenant, at) WHERE escalated;
`,
};
