// Migration 20: the routing order. Each routing transaction takes the next number of one
// counter while it holds the write lock (routing.ts), and each audited decision keeps it
// (`routing_seq`), so preview replays decisions in the order they were routed whatever the
// interleaving of a tenant's batches (src/preview). Rows decided before keep 0 and are replayed
// first, by (at, id) as before.
import type { SqliteMigration } from './migration-initial.ts';

export const ROUTING_ORDER_SQLITE: SqliteMigration = {
  version: 20,
  name: 'routing order',
  sql: `
CREATE TABLE routing_order (
  id  INTEGER PRIMARY KEY CHECK (id = 1),
  seq INTEGER NOT NULL
) STRICT;
INSERT INTO routing_order (id, seq) VALUES (1, 0);
ALTER TABLE audit ADD COLUMN routing_seq INTEGER NOT NULL DEFAULT 0;
-- Preview pages through a window in routing order...
CREATE INDEX audit_routing_order ON audit (tenant, routing_seq, at, id);
-- ...starting from the smallest routing_seq among the decisions made since --since, found from
-- the index alone (routing_seq sits after the large JSON values in the row).
DROP INDEX audit_tenant_time;
CREATE INDEX audit_tenant_time ON audit (tenant, at, id, routing_seq);
`,
};
