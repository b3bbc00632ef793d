// Migration 12 on SQLite: open leads follow the CRM. Assignments can end without being
// superseded (worked out: ended_at / end_reason) and be recorded from a CRM owner change
// (origin 'crm'); feedback says where it came from (a rep, or implicit from the CRM); lead
// statuses (lifecycle stage, lead status, Pipedrive lead archived) are kept as outcomes.
export const CRM_TRUTH_SQLITE = `
ALTER TABLE assignments ADD COLUMN ended_at INTEGER;
ALTER TABLE assignments ADD COLUMN end_reason TEXT;
ALTER TABLE assignments ADD COLUMN origin TEXT NOT NULL DEFAULT 'engine' CHECK (origin IN ('engine', 'crm'));
-- Open leads per owner (maxOpen, least-loaded): neither superseded, touched nor worked out.
DROP INDEX assignments_owner_open;
CREATE INDEX assignments_owner_open ON assignments (tenant, owner) WHERE closed = 0 AND first_touch_at IS NULL AND ended_at IS NULL;
ALTER TABLE feedback ADD COLUMN source TEXT NOT NULL DEFAULT 'rep' CHECK (source IN ('rep', 'crm'));
CREATE TABLE lead_statuses (
  tenant          TEXT    NOT NULL,
  lead_id         TEXT    NOT NULL,
  kind            TEXT    NOT NULL,
  record_id       TEXT    NOT NULL DEFAULT '',
  value           TEXT,
  observed_at     INTEGER NOT NULL,
  decided_at      INTEGER,
  decision_owner  TEXT,
  decision_rule   TEXT,
  decision_tier   TEXT,
  decision_score  REAL,
  config_version  TEXT,
  PRIMARY KEY (tenant, lead_id, kind, record_id)
) STRICT;
`;
