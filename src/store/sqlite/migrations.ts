// SQLite schema, as an ordered list. Append new migrations; never edit an applied one.
// Times are epoch ms (INTEGER); JSON is TEXT; booleans are 0/1. STRICT tables reject values
// of the wrong type instead of storing them silently.

import { INITIAL_SCHEMA, type SqliteMigration } from './migration-initial.ts';
import { FEEDBACK_CRM_MIGRATION } from './migration-feedback-crm.ts';
import { REPORT_COLUMNS_SQLITE } from './migration-report.ts';
import { LATEST_DECISION_SQLITE } from './migration-latest.ts';

export type { SqliteMigration };

import { CRM_TRUTH_SQLITE } from './migration-crm-truth.ts';
import { PREDICTIVE_SQLITE } from './migration-predictive.ts';
import { PREVIEW_ROWS_SQLITE } from './migration-preview.ts';
import { ROUTING_ORDER_SQLITE } from './migration-routing-order.ts';
import { CLAIM_INDEX_SQLITE } from './migration-claim-index.ts';

export const SQLITE_MIGRATIONS: readonly SqliteMigration[] = [
  INITIAL_SCHEMA,
  {
    version: 2,
    name: 'rep feedback',
    sql: `
CREATE TABLE feedback (
  id         INTEGER PRIMARY KEY AUTOINCREMENT,
  tenant     TEXT    NOT NULL,
  lead_id    TEXT    NOT NULL,
  at         INTEGER NOT NULL,
  user_id    TEXT,
  kind       TEXT    NOT NULL CHECK (kind IN ('good_lead', 'bad_fit', 'wrong_owner')),
  note       TEXT
) STRICT;
CREATE INDEX feedback_lead_time ON feedback (tenant, lead_id, at, id);
`,
  },
  {
    version: 3,
    name: 'config versions',
    sql: `
-- Per-tenant config versions: append-only, the YAML as written and its validation result.
CREATE TABLE config_versions (
  tenant     TEXT    NOT NULL,
  version    INTEGER NOT NULL,
  yaml       TEXT    NOT NULL,
  author     TEXT    NOT NULL,
  comment    TEXT    NOT NULL,
  created_at INTEGER NOT NULL,
  valid      INTEGER NOT NULL CHECK (valid IN (0, 1)),
  issues     TEXT    NOT NULL,
  PRIMARY KEY (tenant, version)
) STRICT;
-- The active version per tenant (absent: the config file applies).
CREATE TABLE config_active (
  tenant       TEXT    PRIMARY KEY,
  version      INTEGER NOT NULL,
  activated_at INTEGER NOT NULL,
  activated_by TEXT    NOT NULL,
  FOREIGN KEY (tenant, version) REFERENCES config_versions (tenant, version)
) STRICT;
-- Which config version decided each audited decision ("v3", "file:<hash>").
ALTER TABLE audit ADD COLUMN config_version TEXT;
`,
  },
  {
    version: 4,
    name: 'decision input',
    sql: `
-- The engine input of each decision (JSON, bounded), for preview; pruned with its audit row.
ALTER TABLE audit ADD COLUMN input TEXT;
CREATE INDEX audit_tenant_time ON audit (tenant, at, id);
`,
  },
  {
    version: 5,
    name: 'rep absences',
    sql: `
-- Reps' own out-of-office periods set from the CRM card / panel (AbsenceRecord).
CREATE TABLE absences (
  id        INTEGER PRIMARY KEY AUTOINCREMENT,
  tenant    TEXT    NOT NULL,
  owner     TEXT    NOT NULL,
  from_at   INTEGER NOT NULL,
  to_at     INTEGER NOT NULL,
  note      TEXT,
  set_by    TEXT    NOT NULL,
  set_at    INTEGER NOT NULL,
  ended_at  INTEGER,
  ended_by  TEXT,
  CHECK (to_at > from_at)
) STRICT;
CREATE INDEX absences_tenant_to ON absences (tenant, to_at);
`,
  },
  {
    version: 6,
    name: 'retention indexes',
    sql: `
-- Retention (pruneExpired) finds expired rows oldest first without scanning live ones.
CREATE INDEX inbox_done_received ON inbox (received_at, id) WHERE status = 'done';
CREATE INDEX audit_at ON audit (at, id);
CREATE INDEX assignments_closed_time ON assignments (assigned_at, id) WHERE closed = 1;
`,
  },
  {
    version: 7,
    name: 'shared rate limit',
    // The same tables as PostgreSQL's (one contract); one process uses them at a time here.
    sql: `
CREATE TABLE rate_starts (
  id     INTEGER PRIMARY KEY AUTOINCREMENT,
  tenant TEXT    NOT NULL,
  lane   TEXT    NOT NULL,
  at     INTEGER NOT NULL,
  n      INTEGER NOT NULL CHECK (n > 0)
) STRICT;
CREATE INDEX rate_starts_lane_time ON rate_starts (tenant, lane, at);

CREATE TABLE rate_holds (
  tenant TEXT    NOT NULL,
  lane   TEXT    NOT NULL,
  until  INTEGER NOT NULL,
  PRIMARY KEY (tenant, lane)
) STRICT;
`,
  },
  {
    version: 8,
    name: 'admin console: decision columns, sign-in links, sessions',
    sql: `
-- The decision list filters on the route; columns (copied from the evaluation on append) keep
-- those queries on indexes instead of parsing JSON. email_hash: the lead's email lookup key;
-- config_version was added by migration 3.
ALTER TABLE audit ADD COLUMN owner TEXT;
ALTER TABLE audit ADD COLUMN rule TEXT;
ALTER TABLE audit ADD COLUMN tier TEXT;
ALTER TABLE audit ADD COLUMN target TEXT;
ALTER TABLE audit ADD COLUMN email_hash TEXT;
UPDATE audit SET owner = json_extract(evaluation, '$.route.owner'), rule = json_extract(evaluation, '$.route.rule'),
  tier = json_extract(evaluation, '$.tier'), target = json_extract(evaluation, '$.route.target');
CREATE INDEX audit_tenant_id ON audit (tenant, id);
CREATE INDEX audit_tenant_rule ON audit (tenant, rule, id);
CREATE INDEX audit_tenant_owner ON audit (tenant, owner, id);
CREATE INDEX audit_tenant_tier ON audit (tenant, tier, id);
CREATE INDEX audit_tenant_target ON audit (tenant, target, id);
-- tier is the usual second filter: these keep rule + tier and owner + tier on one index range
CREATE INDEX audit_tenant_rule_tier ON audit (tenant, rule, tier, id);
CREATE INDEX audit_tenant_owner_tier ON audit (tenant, owner, tier, id);
CREATE INDEX audit_email ON audit (tenant, email_hash, id) WHERE email_hash IS NOT NULL;

CREATE TABLE admin_links (
  token_hash TEXT    PRIMARY KEY,
  tenant     TEXT    NOT NULL,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  used_at    INTEGER
) STRICT;
CREATE INDEX admin_links_expiry ON admin_links (expires_at);

CREATE TABLE admin_sessions (
  id_hash    TEXT    PRIMARY KEY,
  tenant     TEXT    NOT NULL,
  csrf_token TEXT    NOT NULL,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
) STRICT;
CREATE INDEX admin_sessions_expiry ON admin_sessions (expires_at);
CREATE INDEX admin_sessions_tenant ON admin_sessions (tenant);
`,
  },
  {
    version: 9,
    name: 'oauth nonces and uninstalls',
    sql: `
-- OAuth install state nonces: used once (deleted on the callback), short-lived.
CREATE TABLE oauth_nonces (
  nonce      TEXT    PRIMARY KEY,
  crm        TEXT    NOT NULL,
  expires_at INTEGER NOT NULL
) STRICT;
-- Uninstalls, kept after the tenant's data is deleted (no tenant data in here).
CREATE TABLE uninstalls (
  id     INTEGER PRIMARY KEY AUTOINCREMENT,
  tenant TEXT    NOT NULL,
  crm    TEXT    NOT NULL,
  at     INTEGER NOT NULL,
  reason TEXT    NOT NULL
) STRICT;
`,
  },
  {
    version: 10,
    name: 'lean audit rows for preview',
    sql: `
-- The decision input's routing state apart from the input, and the outcome preview compares
-- (src/store/audit-columns.ts): preview parses neither the evaluation nor a state per decision.
ALTER TABLE audit ADD COLUMN input_state TEXT;
ALTER TABLE audit ADD COLUMN outcome TEXT;
`,
  },
  {
    version: 11,
    name: 'outcomes',
    sql: `
-- Deals linked to leads, with the routing decision they are attributed to (decision_* columns,
-- copied from the lead's audit row when the outcome was first seen; never replaced).
CREATE TABLE outcomes (
  tenant          TEXT    NOT NULL,
  lead_id         TEXT    NOT NULL,
  deal_id         TEXT    NOT NULL,
  status          TEXT    NOT NULL CHECK (status IN ('open', 'won', 'lost')),
  amount          REAL,
  currency        TEXT,
  deal_created_at INTEGER,
  closed_at       INTEGER,
  lost_reason     TEXT,
  observed_at     INTEGER NOT NULL,
  decided_at      INTEGER,
  decision_owner  TEXT,
  decision_rule   TEXT,
  decision_tier   TEXT,
  decision_score  REAL,
  config_version  TEXT,
  PRIMARY KEY (tenant, deal_id, lead_id)
) STRICT;
CREATE INDEX outcomes_lead ON outcomes (tenant, lead_id);
`,
  },
  {
    version: 12,
    name: 'open leads follow the CRM',
    sql: CRM_TRUTH_SQLITE,
  },
  FEEDBACK_CRM_MIGRATION,
  {
    version: 14,
    name: 'config drafts',
    sql: `
-- A draft (e.g. calibration's suggested points): stored, never active until an admin publishes
-- it (which clears the flag) or discards it (discarded_at; a discarded draft cannot be activated).
ALTER TABLE config_versions ADD COLUMN draft INTEGER NOT NULL DEFAULT 0 CHECK (draft IN (0, 1));
ALTER TABLE config_versions ADD COLUMN discarded_at INTEGER;
`,
  },
  {
    version: 15,
    name: 'nurture programs on assignments',
    sql: `
-- The nurture program an assignment put the lead in (config nurture; owner NULL for assign:
-- none), so a later decision knows the lead is nurtured and when it re-engages.
ALTER TABLE assignments ADD COLUMN nurture TEXT;
`,
  },
  {
    version: 16,
    name: 'console team and health',
    sql: `
-- Health page: intake per tenant and source over a recent window (covering: no table reads)
-- and the last event received; the tenant's failed rows (a handful among millions of done
-- ones) newest first.
CREATE INDEX inbox_tenant_received ON inbox (tenant, received_at, source);
CREATE INDEX inbox_tenant_failed ON inbox (tenant, id) WHERE status = 'failed';
`,
  },
  REPORT_COLUMNS_SQLITE,
  LATEST_DECISION_SQLITE,
  ROUTING_ORDER_SQLITE,
  PREDICTIVE_SQLITE,
  PREVIEW_ROWS_SQLITE,
  CLAIM_INDEX_SQLITE,
];
