// PostgreSQL migration 1: the initial schema (migrations.ts lists every migration in order).

export interface PostgresMigration {
  version: number;
  name: string;
  sql: (s: string) => string;
}

export const INITIAL_SCHEMA: PostgresMigration = {
    version: 1,
    name: 'initial schema',
    sql: (s) => `
CREATE TABLE ${s}.inbox (
  id           BIGINT  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  tenant       TEXT    NOT NULL,
  source       TEXT    NOT NULL,
  dedupe_key   TEXT    NOT NULL,
  kind         TEXT    NOT NULL,
  object_id    TEXT    NOT NULL,
  occurred_at  BIGINT  NOT NULL,
  payload      JSON    NOT NULL,
  status       TEXT    NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'processing', 'done', 'failed')),
  attempts     INTEGER NOT NULL DEFAULT 0,
  available_at BIGINT  NOT NULL,
  received_at  BIGINT  NOT NULL,
  lease_until  BIGINT,
  worker       TEXT,
  last_error   TEXT,
  UNIQUE (tenant, dedupe_key)
);
-- Claims only scan live rows, however many done rows the table keeps for dedupe.
CREATE INDEX inbox_claimable ON ${s}.inbox (occurred_at, id) WHERE status IN ('pending', 'processing');
CREATE INDEX inbox_claimable_tenant ON ${s}.inbox (tenant, occurred_at, id) WHERE status IN ('pending', 'processing');
CREATE INDEX inbox_object ON ${s}.inbox (tenant, object_id);
CREATE INDEX inbox_status ON ${s}.inbox (status, tenant);

CREATE TABLE ${s}.installs (
  tenant       TEXT   PRIMARY KEY,
  crm          TEXT   NOT NULL CHECK (crm IN ('hubspot', 'pipedrive')),
  external_id  TEXT   NOT NULL,
  credentials  TEXT   NOT NULL,
  meta         JSON   NOT NULL,
  installed_at BIGINT NOT NULL,
  updated_at   BIGINT NOT NULL
);
CREATE INDEX installs_crm ON ${s}.installs (crm, tenant);

CREATE TABLE ${s}.assignments (
  id             BIGINT  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  tenant         TEXT    NOT NULL,
  lead_id        TEXT    NOT NULL,
  owner          TEXT,
  team           TEXT,
  rule           TEXT,
  tier           TEXT    NOT NULL,
  assigned_at    BIGINT  NOT NULL,
  first_touch_at BIGINT,
  sla_deadline   BIGINT,
  round          INTEGER NOT NULL DEFAULT 0,
  closed         BOOLEAN NOT NULL DEFAULT false
);
CREATE INDEX assignments_lead ON ${s}.assignments (tenant, lead_id, id);
CREATE INDEX assignments_owner_time ON ${s}.assignments (tenant, owner, assigned_at);
CREATE INDEX assignments_owner_open ON ${s}.assignments (tenant, owner) WHERE NOT closed AND first_touch_at IS NULL;

CREATE TABLE ${s}.rotations (
  tenant       TEXT             NOT NULL,
  team         TEXT             NOT NULL,
  virtual_time DOUBLE PRECISION NOT NULL,
  PRIMARY KEY (tenant, team)
);
CREATE TABLE ${s}.rotation_pointers (
  tenant  TEXT             NOT NULL,
  team    TEXT             NOT NULL,
  owner   TEXT             NOT NULL,
  pointer DOUBLE PRECISION NOT NULL,
  PRIMARY KEY (tenant, team, owner),
  FOREIGN KEY (tenant, team) REFERENCES ${s}.rotations (tenant, team) ON DELETE CASCADE
);

CREATE TABLE ${s}.timers (
  id      BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  tenant  TEXT   NOT NULL,
  lead_id TEXT   NOT NULL,
  kind    TEXT   NOT NULL,
  due_at  BIGINT NOT NULL,
  payload JSON   NOT NULL
);
CREATE INDEX timers_due ON ${s}.timers (due_at, id);
CREATE INDEX timers_lead ON ${s}.timers (tenant, lead_id, kind);

CREATE TABLE ${s}.engagement (
  id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  tenant     TEXT   NOT NULL,
  lead_id    TEXT   NOT NULL,
  dedupe_key TEXT   NOT NULL,
  type       TEXT   NOT NULL,
  at         BIGINT NOT NULL,
  props      JSON,
  event_id   TEXT,
  UNIQUE (tenant, lead_id, dedupe_key)
);
CREATE INDEX engagement_lead_time ON ${s}.engagement (tenant, lead_id, at, id);

CREATE TABLE ${s}.audit (
  id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  tenant     TEXT   NOT NULL,
  lead_id    TEXT   NOT NULL,
  at         BIGINT NOT NULL,
  evaluation JSON   NOT NULL
);
CREATE INDEX audit_lead_time ON ${s}.audit (tenant, lead_id, at, id);

CREATE TABLE ${s}.cursors (
  key        TEXT   PRIMARY KEY,
  value      TEXT   NOT NULL,
  updated_at BIGINT NOT NULL
);
`,
  };
