// SQLite migration 13: rep feedback from the CRM property / field (migrations.ts lists them all).
// The kind gains "duplicate" (a CHECK cannot be altered in SQLite: the table is rebuilt), each
// row says where it was given (card, panel, crm, owner_change) and carries the routing decision it judges
// (copied from the lead's latest audit row, like outcomes' decision_* columns).
import type { SqliteMigration } from './migration-initial.ts';

export const FEEDBACK_CRM_MIGRATION: SqliteMigration = {
  version: 13,
  name: 'feedback from the CRM, duplicate kind, decision columns',
  sql: `
CREATE TABLE feedback_v13 (
  id             INTEGER PRIMARY KEY AUTOINCREMENT,
  tenant         TEXT    NOT NULL,
  lead_id        TEXT    NOT NULL,
  at             INTEGER NOT NULL,
  user_id        TEXT,
  kind           TEXT    NOT NULL CHECK (kind IN ('good_lead', 'bad_fit', 'wrong_owner', 'duplicate')),
  note           TEXT,
  source         TEXT    NOT NULL DEFAULT 'card' CHECK (source IN ('card', 'panel', 'crm', 'owner_change')),
  decided_at     INTEGER,
  decision_owner TEXT,
  decision_rule  TEXT,
  decision_tier  TEXT,
  decision_score REAL,
  config_version TEXT
) STRICT;
INSERT INTO feedback_v13 (id, tenant, lead_id, at, user_id, kind, note, source)
  SELECT id, tenant, lead_id, at, user_id, kind, note, CASE WHEN tenant LIKE 'pipedrive:%' THEN 'panel' ELSE 'card' END FROM feedback;
DROP TABLE feedback;
ALTER TABLE feedback_v13 RENAME TO feedback;
CREATE INDEX feedback_lead_time ON feedback (tenant, lead_id, at, id);
CREATE INDEX feedback_tenant_time ON feedback (tenant, at);
`,
};
