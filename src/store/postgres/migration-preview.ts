// Migration 22: the preview columns of each audit row in a narrow table of their own (see
// src/store/sqlite/migration-preview.ts; same contract, older rows converted the same way).
// Text, not json: pg hands preview the text to parse (owner_ids once per change) instead of
// parsing every value itself.
import { OUTCOME_COLUMNS_DDL } from '../audit-columns.ts';
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
  ${OUTCOME_COLUMNS_DDL},
  owner_ids TEXT,
  input     TEXT,
  routing_seq BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX audit_preview_order ON ${s}.audit_preview (tenant, at, id, routing_seq);
CREATE INDEX audit_preview_routing_order ON ${s}.audit_preview (tenant, routing_seq, at, id);
INSERT INTO ${s}.audit_preview (id, tenant, at, lead_id, owner, tier, grade, rule, target, reasons, owner_ids, input, routing_seq)
SELECT id, tenant, at, lead_id, o->>0, COALESCE(o->>1, ''), o->>2, o->>3, COALESCE(o->>4, ''), COALESCE(o->>5, ''),
  CASE WHEN json_typeof(input->'ownerIds') = 'object' THEN (input->'ownerIds')::text END,
  CASE WHEN json_typeof(input) <> 'object' THEN input::text
       WHEN json_typeof(input->'ownerIds') = 'object' THEN ((input::jsonb #- '{routing,state}') - 'ownerIds')::text
       ELSE (input::jsonb #- '{routing,state}')::text END,
  routing_seq
FROM (SELECT id, tenant, at, lead_id, input, routing_seq,
        COALESCE(outcome::json, json_build_array(evaluation->'route'->'owner', evaluation->'tier', evaluation->'grade', evaluation->'route'->'rule', evaluation->'route'->'target', evaluation->'reasons')) AS o
      FROM ${s}.audit) a;
`,
};
