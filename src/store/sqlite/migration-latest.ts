// Migration 19: each lead's latest decision is flagged on its audit row (`latest`, kept by
// appendAudit, retention and lead merges), so a report reads the window's latest decisions from
// one partial covering index instead of re-deriving them (GROUP BY lead_id) on every request.
// Existing rows are flagged here: per (tenant, lead_id), the row with the largest id. Also the
// console user of sign-in links and sessions (one migration number for both changes).
import type { SqliteMigration } from './migration-initial.ts';

export const LATEST_DECISION_SQLITE: SqliteMigration = {
  version: 19,
  name: 'latest decision per lead; who signed in to the console',
  sql: `
ALTER TABLE audit ADD COLUMN latest INTEGER NOT NULL DEFAULT 0 CHECK (latest IN (0, 1));
UPDATE audit SET latest = 1 WHERE id IN (SELECT MAX(id) FROM audit INDEXED BY audit_lead_time GROUP BY tenant, lead_id);
-- One latest row per lead: appendAudit clears the previous one through this index.
CREATE UNIQUE INDEX audit_latest_lead ON audit (tenant, lead_id) WHERE latest = 1;
-- Reports: the window's latest decisions with their report columns, from this index alone
-- (the columns sit behind the large evaluation / input values in the row). It replaces
-- migration 17's audit_report, which held every decision for the GROUP BY.
CREATE INDEX audit_latest_report ON audit (tenant, at, lead_id, id, owner, rule, tier, grade, score, source, segment, target) WHERE latest = 1;
DROP INDEX audit_report;
-- Who opened the console (ConsoleUser: a verified CRM user or the name given to admin-link
-- --as), carried from the sign-in link to its session and into config version authors.
ALTER TABLE admin_links ADD COLUMN user_id TEXT;
ALTER TABLE admin_links ADD COLUMN user_name TEXT;
ALTER TABLE admin_sessions ADD COLUMN user_id TEXT;
ALTER TABLE admin_sessions ADD COLUMN user_name TEXT;
`,
};
