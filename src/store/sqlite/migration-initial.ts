// SQLite migration 1: the initial schema (migrations.ts lists every migration in order).

export interface SqliteMigration {
  version: number;
  name: string;
  sql: string;
}

export const INITIAL_SCHEMA: SqliteMigration = {
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
  };
