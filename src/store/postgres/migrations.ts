// PostgreSQL schema, as an ordered list. Append new migrations; never edit an applied one.
// Same tables as SQLite (src/store/sqlite/migrations.ts): times are epoch ms (BIGINT), JSON is
// `json` (kept verbatim; unlike jsonb it accepts \u0000, which CRM payloads can contain).
// Each migration's SQL takes the quoted schema name.

import { INITIAL_SCHEMA, type PostgresMigration } from './migration-initial.ts';
import { crmTruthPostgres } from './migration-crm-truth.ts';
import { FEEDBACK_CRM_MIGRATION } from './migration-feedback-crm.ts';
import { REPORT_COLUMNS_POSTGRES } from './migration-report.ts';
import { LATEST_DECISION_POSTGRES } from './migration-latest.ts';
import { PREDICTIVE_POSTGRES } from './migration-predictive.ts';
import { PREVIEW_ROWS_POSTGRES } from './migration-preview.ts';
import { ROUTING_ORDER_POSTGRES } from './migration-routing-order.ts';
import { CLAIM_INDEX_POSTGRES } from './migration-claim-index.ts';

export type { PostgresMigration };

export const POSTGRES_MIGRATIONS: readonly PostgresMigration[] = [
  INITIAL_SCHEMA,
  {
    version: 2,
    name: 'rep feedback',
    sql: (s) => `
CREATE TABLE ${s}.feedback (
  id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  tenant     TEXT   NOT NULL,
  lead_id    TEXT   NOT NULL,
  at         BIGINT NOT NULL,
  user_id    TEXT,
  kind       TEXT   NOT NULL CHECK (kind IN ('good_lead', 'bad_fit', 'wrong_owner')),
  note       TEXT
);
CREATE INDEX feedback_lead_time ON ${s}.feedback (tenant, lead_id, at, id);
`,
  },
  {
    version: 3,
    name: 'config versions',
    sql: (s) => `
CREATE TABLE ${s}.config_versions (
  tenant     TEXT    NOT NULL,
  version    INTEGER NOT NULL,
  yaml       TEXT    NOT NULL,
  author     TEXT    NOT NULL,
  comment    TEXT    NOT NULL,
  created_at BIGINT  NOT NULL,
  valid      BOOLEAN NOT NULL,
  issues     JSON    NOT NULL,
  PRIMARY KEY (tenant, version)
);
CREATE TABLE ${s}.config_active (
  tenant       TEXT    PRIMARY KEY,
  version      INTEGER NOT NULL,
  activated_at BIGINT  NOT NULL,
  activated_by TEXT    NOT NULL,
  FOREIGN KEY (tenant, version) REFERENCES ${s}.config_versions (tenant, version)
);
ALTER TABLE ${s}.audit ADD COLUMN config_version TEXT;
`,
  },
  {
    version: 4,
    name: 'decision input',
    sql: (s) => `
ALTER TABLE ${s}.audit ADD COLUMN input JSON;
CREATE INDEX audit_tenant_time ON ${s}.audit (tenant, at, id);
`,
  },
  {
    version: 5,
    name: 'rep absences',
    sql: (s) => `
CREATE TABLE ${s}.absences (
  id        BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  tenant    TEXT   NOT NULL,
  owner     TEXT   NOT NULL,
  from_at   BIGINT NOT NULL,
  to_at     BIGINT NOT NULL,
  note      TEXT,
  set_by    TEXT   NOT NULL,
  set_at    BIGINT NOT NULL,
  ended_at  BIGINT,
  ended_by  TEXT,
  CHECK (to_at > from_at)
);
CREATE INDEX absences_tenant_to ON ${s}.absences (tenant, to_at);
`,
  },
  {
    version: 6,
    name: 'retention indexes',
    sql: (s) => `
-- Retention (pruneExpired) finds expired rows oldest first without scanning live ones.
CREATE INDEX inbox_done_received ON ${s}.inbox (received_at, id) WHERE status = 'done';
CREATE INDEX audit_at ON ${s}.audit (at, id);
CREATE INDEX assignments_closed_time ON ${s}.assignments (assigned_at, id) WHERE closed;
`,
  },
  {
    version: 7,
    name: 'shared rate limit',
    // One rate limit per tenant across processes (src/store/rate-grant.ts): recent call starts
    // per (tenant, lane), pruned as they leave the window, and holds (429 pauses, remaining low).
    sql: (s) => `
CREATE TABLE ${s}.rate_starts (
  id     BIGINT  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  tenant TEXT    NOT NULL,
  lane   TEXT    NOT NULL,
  at     BIGINT  NOT NULL,
  n      INTEGER NOT NULL CHECK (n > 0)
);
CREATE INDEX rate_starts_lane_time ON ${s}.rate_starts (tenant, lane, at);

CREATE TABLE ${s}.rate_holds (
  tenant TEXT   NOT NULL,
  lane   TEXT   NOT NULL,
  until  BIGINT NOT NULL,
  PRIMARY KEY (tenant, lane)
);
`,
  },
  {
    version: 8,
    name: 'admin console: decision columns, sign-in links, sessions',
    sql: (s) => `
ALTER TABLE ${s}.audit ADD COLUMN owner TEXT, ADD COLUMN rule TEXT, ADD COLUMN tier TEXT, ADD COLUMN target TEXT, ADD COLUMN email_hash TEXT;
UPDATE ${s}.audit SET owner = evaluation->'route'->>'owner', rule = evaluation->'route'->>'rule',
  tier = evaluation->>'tier', target = evaluation->'route'->>'target';
CREATE INDEX audit_tenant_id ON ${s}.audit (tenant, id);
CREATE INDEX audit_tenant_rule ON ${s}.audit (tenant, rule, id);
CREATE INDEX audit_tenant_owner ON ${s}.audit (tenant, owner, id);
CREATE INDEX audit_tenant_tier ON ${s}.audit (tenant, tier, id);
CREATE INDEX audit_tenant_target ON ${s}.audit (tenant, target, id);
CREATE INDEX audit_tenant_rule_tier ON ${s}.audit (tenant, rule, tier, id);
CREATE INDEX audit_tenant_owner_tier ON ${s}.audit (tenant, owner, tier, id);
CREATE INDEX audit_email ON ${s}.audit (tenant, email_hash, id) WHERE email_hash IS NOT NULL;

CREATE TABLE ${s}.admin_links (
  token_hash TEXT   PRIMARY KEY,
  tenant     TEXT   NOT NULL,
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  used_at    BIGINT
);
CREATE INDEX admin_links_expiry ON ${s}.admin_links (expires_at);

CREATE TABLE ${s}.admin_sessions (
  id_hash    TEXT   PRIMARY KEY,
  tenant     TEXT   NOT NULL,
  csrf_token TEXT   NOT NULL,
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL
);
CREATE INDEX admin_sessions_expiry ON ${s}.admin_sessions (expires_at);
CREATE INDEX admin_sessions_tenant ON ${s}.admin_sessions (tenant);
`,
  },
  {
    version: 9,
    name: 'oauth nonces and uninstalls',
    sql: (s) => `
CREATE TABLE ${s}.oauth_nonces (
  nonce      TEXT   PRIMARY KEY,
  crm        TEXT   NOT NULL,
  expires_at BIGINT NOT NULL
);
CREATE TABLE ${s}.uninstalls (
  id     BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  tenant TEXT   NOT NULL,
  crm    TEXT   NOT NULL,
  at     BIGINT NOT NULL,
  reason TEXT   NOT NULL
);
`,
  },
  {
    version: 10,
    name: 'lean audit rows for preview',
    sql: (s) => `
ALTER TABLE ${s}.audit ADD COLUMN input_state JSON;
ALTER TABLE ${s}.audit ADD COLUMN outcome TEXT;
`,
  },
  {
    version: 11,
    name: 'outcomes',
    sql: (s) => `
CREATE TABLE ${s}.outcomes (
  tenant          TEXT    NOT NULL,
  lead_id         TEXT    NOT NULL,
  deal_id         TEXT    NOT NULL,
  status          TEXT    NOT NULL CHECK (status IN ('open', 'won', 'lost')),
  amount          DOUBLE PRECISION,
  currency        TEXT,
  deal_created_at BIGINT,
  closed_at       BIGINT,
  lost_reason     TEXT,
  observed_at     BIGINT  NOT NULL,
  decided_at      BIGINT,
  decision_owner  TEXT,
  decision_rule   TEXT,
  decision_tier   TEXT,
  decision_score  DOUBLE PRECISION,
  config_version  TEXT,
  PRIMARY KEY (tenant, deal_id, lead_id)
);
CREATE INDEX outcomes_lead ON ${s}.outcomes (tenant, lead_id);
`,
  },
  {
    version: 12,
    name: 'open leads follow the CRM',
    sql: crmTruthPostgres,
  },
  FEEDBACK_CRM_MIGRATION,
  {
    version: 14,
    name: 'config drafts',
    sql: (s) => `
-- A draft (e.g. calibration's suggested points): stored, never active until an admin publishes
-- it (which clears the flag) or discards it (discarded_at; a discarded draft cannot be activated).
ALTER TABLE ${s}.config_versions ADD COLUMN draft BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE ${s}.config_versions ADD COLUMN discarded_at BIGINT;
`,
  },
  {
    version: 15,
    name: 'nurture programs on assignments',
    sql: (s) => `
-- The nurture program an assignment put the lead in (config nurture; owner NULL for assign:
-- none), so a later decision knows the lead is nurtured and when it re-engages.
ALTER TABLE ${s}.assignments ADD COLUMN nurture TEXT;
`,
  },
  {
    version: 16,
    name: 'console team and health',
    sql: (s) => `
CREATE INDEX inbox_tenant_received ON ${s}.inbox (tenant, received_at, source);
CREATE INDEX inbox_tenant_failed ON ${s}.inbox (tenant, id) WHERE status = 'failed';
`,
  },
  REPORT_COLUMNS_POSTGRES,
  LATEST_DECISION_POSTGRES,
  ROUTING_ORDER_POSTGRES,
  PREDICTIVE_POSTGRES,
  PREVIEW_ROWS_POSTGRES,
  CLAIM_INDEX_POSTGRES,
];
