// Migration 22: the preview columns of each audit row in a narrow table of their own (see
// src/store/sqlite/migration-preview.ts; same contract). Text, not json: pg hands preview the
// text to parse (once per change for owner_ids) instead of parsing every value itself.
import type { PostgresMigration } from './migration-initial.ts';

export const PREVIEW_ROWS_POSTGRES: PostgresMigration = {
  version: 22,
  name: 'narrow preview rows',
  sql: (s) => `
CREATE TABLE ${s}.audit_preview (
  id        BIGINT PRIMARY KEY REFERENCES ${s}.audit (id) ON DELETE CASCADE,
  tenant    TEXT   NOT NULL,
  at        BIGINT NOT NULL,
  lead_id   TEXT   NOT NULL,
  outcome   TEXT   NOT NULL,
  owner_ids TEXT,
  input     TEXT,
  routing_seq BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX audit_preview_order ON ${s}.audit_preview (tenant, at, id, routing_seq);
CREATE INDEX audit_preview_routing_order ON ${s}.audit_preview (tenant, routing_seq, at, id);
INSERT INTO ${s}.audit_preview (id, tenant, at, lead_id, outcome, owner_ids, input)
SELECT id, tenant, at, lead_id,
  COALESCE(outcome, json_build_array(evaluation->'route'->'owner', evaluation->'tier', evaluation->'grade', evaluation->'route'->'rule', evaluation->'route'->'target', evaluation->'reasons')::text),
  CASE WHEN json_typeof(input->'ownerIds') = 'object' THEN (input->'ownerIds')::text END,
  CASE WHEN json_typeof(input) <> 'object' THEN input::text
       WHEN json_typeof(input->'ownerIds') = 'object' THEN ((input::jsonb #- '{routing,state}') - 'ownerIds')::text
       ELSE (input::jsonb #- '{routing,state}')::text END
FROM ${s}.audit;
`,
};
