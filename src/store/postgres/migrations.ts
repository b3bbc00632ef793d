// PostgreSQL schema, as an ordered list. Append new migrations; never edit an applied one.
// Same tables as SQLite (src/store/sqlite/migrations.ts): times are epoch ms (BIGINT), JSON is
// `json` (kept verbatim; unlike jsonb it accepts \u0000, which CRM payloads can contain).
// Each migration's SQL takes the quoted schema name.

export interface PostgresMigration {
  version: number;
  name: string;
  sql: (s: string) => string;
}

export const POSTGRES_MIGRATIONS: readonly PostgresMigration[] = [
  {
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
  },
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
];
