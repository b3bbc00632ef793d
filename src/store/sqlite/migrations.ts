// SQLite schema, as an ordered list. Append new migrations; never edit an applied one.
// Times are epoch ms (INTEGER); JSON is TEXT; booleans are 0/1. STRICT tables reject values
// of the wrong type instead of storing them silently.

export interface SqliteMigration {
  version: number;
  name: string;
  sql: string;
}

export const SQLITE_MIGRATIONS: readonly SqliteMigration[] = [
  {
    version: 1,
    name: 'initial schema',
    sql: `
-- Durable inbox. AUTOINCREMENT: ids handed to workers are never reused after a purge.
CREATE TABLE inbox (
  id           INTEGER PRIMARY KEY AUTOINCREMENT,
  tenant       TEXT    NOT NULL,
  source       TEXT    NOT NULL,
  dedupe_key   TEXT    NOT NULL,
  kind         TEXT    NOT NULL,
  object_id    TEXT    NOT NULL,
  occurred_at  INTEGER NOT NULL,
  payload      TEXT    NOT NULL,
  status       TEXT    NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'processing', 'done', 'failed')),
  attempts     INTEGER NOT NULL DEFAULT 0,
  available_at INTEGER NOT NULL,
  received_at  INTEGER NOT NULL,
  lease_until  INTEGER,
  worker       TEXT,
  last_error   TEXT,
  UNIQUE (tenant, dedupe_key)
) STRICT;
-- Claims only scan live rows, however many done rows the table keeps for dedupe.
CREATE INDEX inbox_claimable ON inbox (occurred_at, id) WHERE status IN ('pending', 'processing');
CREATE INDEX inbox_claimable_tenant ON inbox (tenant, occurred_at, id) WHERE status IN ('pending', 'processing');
CREATE INDEX inbox_object ON inbox (tenant, object_id);
CREATE INDEX inbox_status ON inbox (status, tenant);

CREATE TABLE installs (
  tenant       TEXT    PRIMARY KEY,
  crm          TEXT    NOT NULL CHECK (crm IN ('hubspot', 'pipedrive')),
  external_id  TEXT    NOT NULL,
  credentials  TEXT    NOT NULL,
  meta         TEXT    NOT NULL,
  installed_at INTEGER NOT NULL,
  updated_at   INTEGER NOT NULL
) STRICT;
CREATE INDEX installs_crm ON installs (crm, tenant);

-- Assignment history: one row per decision, the latest open row is the lead's current one.
CREATE TABLE assignments (
  id             INTEGER PRIMARY KEY AUTOINCREMENT,
  tenant         TEXT    NOT NULL,
  lead_id        TEXT    NOT NULL,
  owner          TEXT,
  team           TEXT,
  rule           TEXT,
  tier           TEXT    NOT NULL,
  assigned_at    INTEGER NOT NULL,
  first_touch_at INTEGER,
  sla_deadline   INTEGER,
  round          INTEGER NOT NULL DEFAULT 0,
  closed         INTEGER NOT NULL DEFAULT 0 CHECK (closed IN (0, 1))
) STRICT;
CREATE INDEX assignments_lead ON assignments (tenant, lead_id, id);
CREATE INDEX assignments_owner_time ON assignments (tenant, owner, assigned_at);
CREATE INDEX assignments_owner_open ON assignments (tenant, owner) WHERE closed = 0 AND first_touch_at IS NULL;

-- Fair rotation per team: the team's virtual time and each member's pointer.
CREATE TABLE rotations (
  tenant       TEXT NOT NULL,
  team         TEXT NOT NULL,
  virtual_time REAL NOT NULL,
  PRIMARY KEY (tenant, team)
) STRICT;
CREATE TABLE rotation_pointers (
  tenant  TEXT NOT NULL,
  team    TEXT NOT NULL,
  owner   TEXT NOT NULL,
  pointer REAL NOT NULL,
  PRIMARY KEY (tenant, team, owner),
  FOREIGN KEY (tenant, team) REFERENCES rotations (tenant, team) ON DELETE CASCADE
) STRICT;

CREATE TABLE timers (
  id      INTEGER PRIMARY KEY AUTOINCREMENT,
  tenant  TEXT    NOT NULL,
  lead_id TEXT    NOT NULL,
  kind    TEXT    NOT NULL,
  due_at  INTEGER NOT NULL,
  payload TEXT    NOT NULL
) STRICT;
CREATE INDEX timers_due ON timers (due_at, id);
CREATE INDEX timers_lead ON timers (tenant, lead_id, kind);

-- Engagement ledger: dedupe_key is the CRM event id or a hash of (type, at, props).
CREATE TABLE engagement (
  id         INTEGER PRIMARY KEY AUTOINCREMENT,
  tenant     TEXT    NOT NULL,
  lead_id    TEXT    NOT NULL,
  dedupe_key TEXT    NOT NULL,
  type       TEXT    NOT NULL,
  at         INTEGER NOT NULL,
  props      TEXT,
  event_id   TEXT,
  UNIQUE (tenant, lead_id, dedupe_key)
) STRICT;
CREATE INDEX engagement_lead_time ON engagement (tenant, lead_id, at, id);

CREATE TABLE audit (
  id         INTEGER PRIMARY KEY AUTOINCREMENT,
  tenant     TEXT    NOT NULL,
  lead_id    TEXT    NOT NULL,
  at         INTEGER NOT NULL,
  evaluation TEXT    NOT NULL
) STRICT;
CREATE INDEX audit_lead_time ON audit (tenant, lead_id, at, id);

CREATE TABLE cursors (
  key        TEXT    PRIMARY KEY,
  value      TEXT    NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;
`,
  },
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
];
