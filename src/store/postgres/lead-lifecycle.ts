// Lead and tenant lifecycle on PostgreSQL: privacy deletion, merges, uninstall. Each runs in
// one transaction holding the tenant's routing lock, so it never interleaves with a routing
// decision reading the same assignments.
import { tenantCursorPrefix } from '../store-conventions.ts';
import type { Store } from '../types.ts';
import { lockTenant, type PgDb } from './open-pg-db.ts';
import { reflagLatest } from './retention.ts';

type LifecycleMethods = Pick<Store, 'purgeLead' | 'rekeyLead' | 'deleteTenant'>;

/** Tables whose rows belong to one lead, keyed by (tenant, lead_id). */
const LEAD_TABLES = ['engagement', 'assignments', 'audit_preview', 'audit', 'timers', 'feedback', 'outcomes', 'lead_statuses'] as const;
/** Every table with a tenant column (pointers before their rotations). */
const TENANT_TABLES = ['inbox', 'installs', 'assignments', 'rotation_pointers', 'rotations', 'timers', 'engagement', 'audit_preview', 'audit', 'feedback', 'outcomes', 'lead_statuses', 'absences', 'config_active', 'config_versions', 'admin_links', 'admin_sessions', 'predictive_models'] as const;

export function createPostgresLifecycle(db: PgDb): LifecycleMethods {
  const { s } = db;
  return {
    async purgeLead(tenant, leadId) {
      await db.tx(async (query) => {
        await lockTenant(query, db.schema, tenant);
        for (const table of LEAD_TABLES) await query(`DELETE FROM ${s}.${table} WHERE tenant = $1 AND lead_id = $2`, [tenant, leadId]);
        await query(`DELETE FROM ${s}.inbox WHERE tenant = $1 AND object_id = $2`, [tenant, leadId]);
      });
    },

    async rekeyLead(tenant, fromId, toId) {
      if (fromId === toId) return;
      await db.tx(async (query) => {
        await lockTenant(query, db.schema, tenant);
        // Ledger: move what the target does not have yet; drop the rest (already there).
        await query(
          `UPDATE ${s}.engagement e SET lead_id = $3 WHERE e.tenant = $1 AND e.lead_id = $2
             AND NOT EXISTS (SELECT 1 FROM ${s}.engagement t WHERE t.tenant = $1 AND t.lead_id = $3 AND t.dedupe_key = e.dedupe_key)`,
          [tenant, fromId, toId],
        );
        await query(`DELETE FROM ${s}.engagement WHERE tenant = $1 AND lead_id = $2`, [tenant, fromId]);
        // The surviving record keeps its own current assignment if it has one: the merged
        // record's open assignment is closed and its SLA timers are dropped with it.
        const targetOpen = await query(`SELECT 1 FROM ${s}.assignments WHERE tenant = $1 AND lead_id = $2 AND NOT closed LIMIT 1`, [tenant, toId]);
        if ((targetOpen.rowCount ?? 0) > 0) {
          await query(`UPDATE ${s}.assignments SET closed = true WHERE tenant = $1 AND lead_id = $2 AND NOT closed`, [tenant, fromId]);
          await query(`DELETE FROM ${s}.timers WHERE tenant = $1 AND lead_id = $2`, [tenant, fromId]);
        }
        // Decisions: the survivor's latest is the newest of both records' (migration 19).
        await query(`UPDATE ${s}.audit SET latest = false WHERE tenant = $1 AND lead_id IN ($2, $3) AND latest`, [tenant, fromId, toId]);
        for (const table of ['assignments', 'audit', 'audit_preview', 'timers', 'feedback'] as const) {
          await query(`UPDATE ${s}.${table} SET lead_id = $3 WHERE tenant = $1 AND lead_id = $2`, [tenant, fromId, toId]);
        }
        await query(reflagLatest(s), [[tenant], [toId]]);
        // A deal on both records stays once, on the survivor.
        await query(
          `UPDATE ${s}.outcomes o SET lead_id = $3 WHERE o.tenant = $1 AND o.lead_id = $2
             AND NOT EXISTS (SELECT 1 FROM ${s}.outcomes t WHERE t.tenant = $1 AND t.lead_id = $3 AND t.deal_id = o.deal_id)`,
          [tenant, fromId, toId],
        );
        await query(`DELETE FROM ${s}.outcomes WHERE tenant = $1 AND lead_id = $2`, [tenant, fromId]);
        // Lead statuses: the survivor's own win over the merged record's.
        await query(
          `UPDATE ${s}.lead_statuses l SET lead_id = $3 WHERE l.tenant = $1 AND l.lead_id = $2
             AND NOT EXISTS (SELECT 1 FROM ${s}.lead_statuses t WHERE t.tenant = $1 AND t.lead_id = $3 AND t.kind = l.kind AND t.record_id = l.record_id)`,
          [tenant, fromId, toId],
        );
        await query(`DELETE FROM ${s}.lead_statuses WHERE tenant = $1 AND lead_id = $2`, [tenant, fromId]);
        await query(`UPDATE ${s}.inbox SET object_id = $3 WHERE tenant = $1 AND object_id = $2`, [tenant, fromId, toId]);
      });
    },

    async deleteTenant(tenant) {
      await db.tx(async (query) => {
        await lockTenant(query, db.schema, tenant);
        for (const table of TENANT_TABLES) await query(`DELETE FROM ${s}.${table} WHERE tenant = $1`, [tenant]);
        await query(`DELETE FROM ${s}.cursors WHERE starts_with(key, $1)`, [tenantCursorPrefix(tenant)]);
      });
    },
  };
}
