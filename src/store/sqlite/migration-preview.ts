// Migration 22: the preview columns of each audit row in a narrow table of their own (written
// by appendAudit in the same transaction, read by listPreviewSince; encoding in
// src/store/audit-columns.ts), 1:1 with the audit row and deleted with it (the foreign key
// cascades retention, lead purges and tenant deletion; rekeyLead moves both). Preview scans this
// table in decision order and never walks the audit row's overflow pages (stored evaluation,
// routing state). Rows written before are converted here once, from every older shape: the
// outcome column of migration 10 or, before it, the stored evaluation; the routing state taken
// out of inputs that still held it.
import { OUTCOME_COLUMNS_DDL } from '../audit-columns.ts';
import type { SqliteMigration } from './migration-initial.ts';

export const PREVIEW_ROWS_SQLITE: SqliteMigration = {
  version: 22,
  name: 'narrow preview rows',
  sql: `
-- owner .. reasons: the recorded outcome preview compares, as plain columns (nothing to parse);
-- owner_ids: the input's ownerIds as JSON (the same text for most of a tenant's decisions:
-- parsed once per change); input: the rest of the input as JSON, without its routing state
-- (read once per window from audit.input_state).
CREATE TABLE audit_preview (
  id        INTEGER PRIMARY KEY REFERENCES audit (id) ON DELETE CASCADE,
  tenant    TEXT    NOT NULL,
  at        INTEGER NOT NULL,
  lead_id   TEXT    NOT NULL,
  ${OUTCOME_COLUMNS_DDL},
  owner_ids TEXT,
  input     TEXT,
  -- The decision's place in the tenant's routing order (audit.routing_seq, migration 20; 0: not
  -- recorded): preview's order (src/store/preview-rows.ts).
  routing_seq INTEGER NOT NULL DEFAULT 0
) STRICT;
-- Preview's window (src/store/preview-rows.ts): rows without a routing order by (at, id), the
-- first routing_seq since a time from this index alone, then the routed rows in routing order.
CREATE INDEX audit_preview_order ON audit_preview (tenant, at, id, routing_seq);
CREATE INDEX audit_preview_routing_order ON audit_preview (tenant, routing_seq, at, id);
INSERT INTO audit_preview (id, tenant, at, lead_id, owner, tier, grade, rule, target, reasons, owner_ids, input, routing_seq)
SELECT id, tenant, at, lead_id,
  json_extract(o, '$[0]'), COALESCE(CAST(json_extract(o, '$[1]') AS TEXT), ''), json_extract(o, '$[2]'), json_extract(o, '$[3]'),
  COALESCE(json_extract(o, '$[4]'), ''), COALESCE(json_extract(o, '$[5]'), ''),
  CASE WHEN json_type(input, '$.ownerIds') = 'object' THEN json_extract(input, '$.ownerIds') END,
  CASE WHEN json_type(input, '$.ownerIds') = 'object' THEN json_remove(input, '$.routing.state', '$.ownerIds')
       ELSE json_remove(input, '$.routing.state') END,
  routing_seq
FROM (SELECT id, tenant, at, lead_id, input, routing_seq,
        COALESCE(outcome, json_extract(evaluation, '$.route.owner', '$.tier', '$.grade', '$.route.rule', '$.route.target', '$.reasons')) AS o
      FROM audit);
`,
};
