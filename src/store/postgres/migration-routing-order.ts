// Migration 20: the routing order. Each routing transaction takes the next value of one
// sequence while it holds the tenant's advisory lock (routing.ts), and each audited decision
// keeps it (`routing_seq`), so preview replays decisions in the order they were routed whatever
// the interleaving of a tenant's batches, in one process or several (src/preview). Rows decided
// before keep 0 and are replayed first, by (at, id) as before. Same as SQLite's migration 20.
import type { PostgresMigration } from './migration-initial.ts';

export const ROUTING_ORDER_POSTGRES: PostgresMigration = {
  version: 20,
  name: 'routing order',
  sql: (s) => `
CREATE SEQUENCE ${s}.routing_order;
ALTER TABLE ${s}.audit ADD COLUMN routing_seq BIGINT NOT NULL DEFAULT 0;
CREATE INDEX audit_routing_order ON ${s}.audit (tenant, routing_seq, at, id);
DROP INDEX ${s}.audit_tenant_time;
CREATE INDEX audit_tenant_time ON ${s}.audit (tenant, at, id) INCLUDE (routing_seq);
`,
};
