// Migration 22: the preview columns of each audit row in a narrow table of their own
// (src/store/audit-columns.ts previewColumns), 1:1 with the audit row, deleted with it (the
// foreign key cascades retention, lead purges and tenant deletion). Preview scans this table in
// decision order and never walks the audit row's overflow pages (stored evaluation, routing
// state). Rows written before are copied here once, in the same encoding (version 1).
import type { SqliteMigration } from './migration-initial.ts';

export const PREVIEW_ROWS_SQLITE: SqliteMigration = {
  version: 22,
  name: 'narrow preview rows',
  sql: `
-- outcome: [owner, tier, grade, rule, target, reasons]; owner_ids: the input's ownerIds (the
-- same text for most of a tenant's decisions: parsed once per change); input: the rest of the
-- input without its routing state (read once per window from audit.input_state).
CREATE TABLE audit_preview (
  id        INTEGER PRIMARY KEY REFERENCES audit (id) ON DELETE CASCADE,
  tenant    TEXT    NOT NULL,
  at        INTEGER NOT NULL,
  lead_id   TEXT    NOT NULL,
  outcome   TEXT    NOT NULL,
  owner_ids TEXT,
  input     TEXT,
  -- The decision's place in the tenant's routing order (branch thread-default, migration 20:
  -- audit.routing_seq; 0: not recorded). Not written or read yet: preview orders by (at, id).
  routing_seq INTEGER NOT NULL DEFAULT 0
) STRICT;
-- Preview's order (the same as listAuditSince): (at, id) within the tenant.
CREATE INDEX audit_preview_order ON audit_preview (tenant, at, id, routing_seq);
CREATE INDEX audit_preview_routing_order ON audit_preview (tenant, routing_seq, at, id);
INSERT INTO audit_preview (id, tenant, at, lead_id, outcome, owner_ids, input)
SELECT id, tenant, at, lead_id,
  COALESCE(outcome, json_extract(evaluation, '$.route.owner', '$.tier', '$.grade', '$.route.rule', '$.route.target', '$.reasons')),
  CASE WHEN json_type(input, '$.ownerIds') = 'object' THEN json_extract(input, '$.ownerIds') END,
  CASE WHEN json_type(input, '$.ownerIds') = 'object' THEN json_remove(input, '$.routing.state', '$.ownerIds')
       ELSE json_remove(input, '$.routing.state') END
FROM audit;
`,
};
