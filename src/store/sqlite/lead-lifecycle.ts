// Lead and tenant lifecycle on SQLite: privacy deletion, merges, uninstall. Each operation is
// one transaction, so a crash leaves the lead either untouched or fully processed.
import { tenantCursorPrefix } from '../store-conventions.ts';
import type { Store } from '../types.ts';
import type { SqliteDb } from './open-sqlite-db.ts';
import { REFLAG_LATEST } from './retention.ts';

type LifecycleMethods = Pick<Store, 'purgeLead' | 'rekeyLead' | 'deleteTenant'>;

/** Tables whose rows belong to one lead, keyed by (tenant, lead_id). */
const LEAD_TABLES = ['engagement', 'assignments', 'audit_preview', 'audit', 'timers', 'feedback', 'outcomes', 'lead_statuses'] as const;
/** Every table with a tenant column (pointers before their rotations). */
const TENANT_TABLES = ['inbox', 'installs', 'assignments', 'rotation_pointers', 'rotations', 'timers', 'engagement', 'audit_preview', 'audit', 'feedback', 'outcomes', 'lead_statuses', 'absences', 'config_active', 'config_versions', 'admin_links', 'admin_sessions', 'predictive_models'] as const;

export function createSqliteLifecycle(db: SqliteDb): LifecycleMethods {
  return {
    async purgeLead(tenant, leadId) {
      db.immediate(() => {
        for (const table of LEAD_TABLES) db.stmt(`DELETE FROM ${table} WHERE tenant = ? AND lead_id = ?`).run(tenant, leadId);
        db.stmt('DELETE FROM inbox WHERE tenant = ? AND object_id = ?').run(tenant, leadId);
      });
    },

    async rekeyLead(tenant, fromId, toId) {
      if (fromId === toId) return;
      db.immediate(() => {
        // Ledger: move what the target does not have yet; drop the rest (already there).
        db.stmt('UPDATE OR IGNORE engagement SET lead_id = ? WHERE tenant = ? AND lead_id = ?').run(toId, tenant, fromId);
        db.stmt('DELETE FROM engagement WHERE tenant = ? AND lead_id = ?').run(tenant, fromId);
        // The surviving record keeps its own current assignment if it has one: the merged
        // record's open assignment is closed and its SLA timers are dropped with it.
        const targetOpen = db.stmt('SELECT 1 AS x FROM assignments WHERE tenant = ? AND lead_id = ? AND closed = 0 LIMIT 1').get(tenant, toId);
        if (targetOpen) {
          db.stmt('UPDATE assignments SET closed = 1 WHERE tenant = ? AND lead_id = ? AND closed = 0').run(tenant, fromId);
          db.stmt('DELETE FROM timers WHERE tenant = ? AND lead_id = ?').run(tenant, fromId);
        }
        // Decisions: the survivor's latest is the newest of both records' (migration 19).
        db.stmt('UPDATE audit SET latest = 0 WHERE tenant = ? AND lead_id IN (?, ?) AND latest = 1').run(tenant, fromId, toId);
        for (const table of ['assignments', 'audit', 'audit_preview', 'timers', 'feedback'] as const) {
          db.stmt(`UPDATE ${table} SET lead_id = ? WHERE tenant = ? AND lead_id = ?`).run(toId, tenant, fromId);
        }
        db.stmt(REFLAG_LATEST).run(tenant, toId);
        // A deal on both records stays once, on the survivor.
        db.stmt('UPDATE OR IGNORE outcomes SET lead_id = ? WHERE tenant = ? AND lead_id = ?').run(toId, tenant, fromId);
        db.stmt('DELETE FROM outcomes WHERE tenant = ? AND lead_id = ?').run(tenant, fromId);
        // Lead statuses: the survivor's own win over the merged record's.
        db.stmt('UPDATE OR IGNORE lead_statuses SET lead_id = ? WHERE tenant = ? AND lead_id = ?').run(toId, tenant, fromId);
        db.stmt('DELETE FROM lead_statuses WHERE tenant = ? AND lead_id = ?').run(tenant, fromId);
        db.stmt('UPDATE inbox SET object_id = ? WHERE tenant = ? AND object_id = ?').run(toId, tenant, fromId);
      });
    },

    async deleteTenant(tenant) {
      db.immediate(() => {
        for (const table of TENANT_TABLES) db.stmt(`DELETE FROM ${table} WHERE tenant = ?`).run(tenant);
        const prefix = tenantCursorPrefix(tenant);
        db.stmt('DELETE FROM cursors WHERE substr(key, 1, ?) = ?').run(prefix.length, prefix);
      });
    },
  };
}
