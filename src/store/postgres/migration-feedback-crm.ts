// PostgreSQL migration 13: rep feedback from the CRM property / field (same as SQLite's
// migration-feedback-crm.ts): the kind gains "duplicate", each row says where it was given
// (card, panel, crm) and carries the routing decision it judges (decision_* as in outcomes).
import type { PostgresMigration } from './migration-initial.ts';

export const FEEDBACK_CRM_MIGRATION: PostgresMigration = {
  version: 13,
  name: 'feedback from the CRM, duplicate kind, decision columns',
  sql: (s) => `
ALTER TABLE ${s}.feedback DROP CONSTRAINT feedback_kind_check;
ALTER TABLE ${s}.feedback ADD CONSTRAINT feedback_kind_check CHECK (kind IN ('good_lead', 'bad_fit', 'wrong_owner', 'duplicate'));
ALTER TABLE ${s}.feedback ADD COLUMN source TEXT NOT NULL DEFAULT 'card' CHECK (source IN ('card', 'panel', 'crm', 'owner_change'));
UPDATE ${s}.feedback SET source = 'panel' WHERE tenant LIKE 'pipedrive:%';
ALTER TABLE ${s}.feedback ADD COLUMN decided_at BIGINT;
ALTER TABLE ${s}.feedback ADD COLUMN decision_owner TEXT;
ALTER TABLE ${s}.feedback ADD COLUMN decision_rule TEXT;
ALTER TABLE ${s}.feedback ADD COLUMN decision_tier TEXT;
ALTER TABLE ${s}.feedback ADD COLUMN decision_score DOUBLE PRECISION;
ALTER TABLE ${s}.feedback ADD COLUMN config_version TEXT;
CREATE INDEX feedback_tenant_time ON ${s}.feedback (tenant, at);
`,
};
