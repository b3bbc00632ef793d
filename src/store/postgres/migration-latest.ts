// Migration 19: each lead's latest decision is flagged on its audit row (`latest`, kept by
// appendAudit, retention and lead merges), so a report reads the window's latest decisions from
// one partial covering index instead of re-deriving them (DISTINCT ON lead_id) on every request.
// Existing rows are flagged here: per (tenant, lead_id), the row with the largest id. Also the
// console user of sign-in links and sessions. Same as SQLite's migration 19.
import type { PostgresMigration } from './migration-initial.ts';

export const LATEST_DECISION_POSTGRES: PostgresMigration = {
  version: 19,
  name: 'latest decision per lead; who signed in to the console',
  sql: (s) => `
ALTER TABLE ${s}.audit ADD COLUMN latest BOOLEAN NOT NULL DEFAULT false;
UPDATE ${s}.audit SET latest = true WHERE id IN (SELECT MAX(id) FROM ${s}.audit GROUP BY tenant, lead_id);
-- Clearing the previous latest row of a lead (appendAudit, merges, retention) finds it here.
CREATE INDEX audit_latest_lead ON ${s}.audit (tenant, lead_id, id) WHERE latest;
-- Reports: the window's latest decisions with their report columns, index only. It replaces
-- migration 17's audit_report, which held every decision for the DISTINCT ON.
CREATE INDEX audit_latest_report ON ${s}.audit (tenant, at) INCLUDE (lead_id, id, owner, rule, tier, grade, score, source, segment, target) WHERE latest;
DROP INDEX ${s}.audit_report;
-- Who opened the console (ConsoleUser), from the sign-in link to its session.
ALTER TABLE ${s}.admin_links ADD COLUMN user_id TEXT;
ALTER TABLE ${s}.admin_links ADD COLUMN user_name TEXT;
ALTER TABLE ${s}.admin_sessions ADD COLUMN user_id TEXT;
ALTER TABLE ${s}.admin_sessions ADD COLUMN user_name TEXT;
`,
};
