// Migration 12 on PostgreSQL (see src/store/sqlite/migration-crm-truth.ts for the why).
export const crmTruthPostgres = (s: string): string => `
ALTER TABLE ${s}.assignments ADD COLUMN ended_at BIGINT;
ALTER TABLE ${s}.assignments ADD COLUMN end_reason TEXT;
ALTER TABLE ${s}.assignments ADD COLUMN origin TEXT NOT NULL DEFAULT 'engine' CHECK (origin IN ('engine', 'crm'));
DROP INDEX ${s}.assignments_owner_open;
CREATE INDEX assignments_owner_open ON ${s}.assignments (tenant, owner) WHERE NOT closed AND first_touch_at IS NULL AND ended_at IS NULL;
ALTER TABLE ${s}.feedback ADD COLUMN source TEXT NOT NULL DEFAULT 'rep' CHECK (source IN ('rep', 'crm'));
CREATE TABLE ${s}.lead_statuses (
  tenant          TEXT    NOT NULL,
  lead_id         TEXT    NOT NULL,
  kind            TEXT    NOT NULL,
  record_id       TEXT    NOT NULL DEFAULT '',
  value           TEXT,
  observed_at     BIGINT  NOT NULL,
  decided_at      BIGINT,
  decision_owner  TEXT,
  decision_rule   TEXT,
  decision_tier   TEXT,
  decision_score  DOUBLE PRECISION,
  config_version  TEXT,
  PRIMARY KEY (tenant, lead_id, kind, record_id)
);
`;
