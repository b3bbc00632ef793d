// Audit of decisions on SQLite: the full Evaluation (score breakdown, routing trace) as JSON.
import { DEFAULT_AUDIT_LIMIT } from '../store-conventions.ts';
import { decodeJsonText, mapAuditRow } from '../map-rows.ts';
import type { Store } from '../types.ts';
import type { SqliteDb } from './open-sqlite-db.ts';

type AuditMethods = Pick<Store, 'appendAudit' | 'getAudit' | 'listAuditSince'>;

export function createSqliteAudit(db: SqliteDb): AuditMethods {
  return {
    async appendAudit(records) {
      if (records.length === 0) return;
      db.immediate(() => {
        const insert = db.stmt('INSERT INTO audit (tenant, lead_id, at, evaluation, config_version, input) VALUES (?, ?, ?, ?, ?, ?)');
        for (const r of records) insert.run(r.tenant, r.leadId, r.at, JSON.stringify(r.evaluation), r.configVersion ?? null, r.input === undefined ? null : JSON.stringify(r.input));
      });
    },

    async getAudit(tenant, leadId, limit = DEFAULT_AUDIT_LIMIT) {
      return db
        .stmt('SELECT * FROM audit WHERE tenant = ? AND lead_id = ? ORDER BY at DESC, id DESC LIMIT ?')
        .all(tenant, leadId, Math.max(0, Math.floor(limit)))
        .map((r) => mapAuditRow(r, decodeJsonText));
    },

    async listAuditSince(tenant, since, { afterId = 0, limit }) {
      return db
        .stmt('SELECT * FROM audit WHERE tenant = ? AND (at > ? OR (at = ? AND id > ?)) ORDER BY at, id LIMIT ?')
        .all(tenant, since, since, afterId, Math.max(0, Math.floor(limit)))
        .map((r) => ({ id: Number(r.id), ...mapAuditRow(r, decodeJsonText) }));
    },
  };
}
