// Audit of decisions on SQLite: the full Evaluation (score breakdown, routing trace) as JSON.
import { auditColumns, joinInput, parseOutcome } from '../audit-columns.ts';
import { DEFAULT_AUDIT_LIMIT } from '../store-conventions.ts';
import { decodeJsonText, mapAuditRow } from '../map-rows.ts';
import type { Store } from '../types.ts';
import type { SqliteDb } from './open-sqlite-db.ts';

type AuditMethods = Pick<Store, 'appendAudit' | 'getAudit' | 'listAuditSince' | 'listPreviewSince'>;

export function createSqliteAudit(db: SqliteDb): AuditMethods {
  return {
    async appendAudit(records) {
      if (records.length === 0) return;
      db.immediate(() => {
        const insert = db.stmt('INSERT INTO audit (tenant, lead_id, at, evaluation, config_version, input, input_state, outcome) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
        for (const r of records) {
          const c = auditColumns(r);
          insert.run(r.tenant, r.leadId, r.at, JSON.stringify(r.evaluation), r.configVersion ?? null, c.input, c.inputState, c.outcome);
        }
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

    async listPreviewSince(tenant, since, { afterId = 0, limit, withState }) {
      // Rows since migration 6 carry their outcome and a lean input; older rows are trimmed by
      // SQLite's JSON functions (C code; several paths in one json_extract: one parse).
      const rows = db
        .stmt(
          `SELECT id, lead_id, at,
             COALESCE(outcome, json_extract(evaluation, '$.route.owner', '$.tier', '$.grade', '$.route.rule', '$.route.target', '$.reasons')) AS outcome,
             CASE WHEN ? THEN input_state END AS input_state,
             CASE WHEN ? OR input_state IS NOT NULL THEN input ELSE json_remove(input, '$.routing.state') END AS input
           FROM audit WHERE tenant = ? AND (at > ? OR (at = ? AND id > ?)) ORDER BY at, id LIMIT ?`,
        )
        .all(withState ? 1 : 0, withState ? 1 : 0, tenant, since, since, afterId, Math.max(0, Math.floor(limit))) as Record<string, unknown>[];
      return rows.map((r) => {
        const input = r.input == null ? null : JSON.parse(String(r.input));
        return {
          id: Number(r.id),
          leadId: String(r.lead_id),
          at: Number(r.at),
          recorded: parseOutcome(String(r.outcome)),
          input: r.input_state == null ? input : joinInput(input, JSON.parse(String(r.input_state))),
        };
      });
    },
  };
}
