// Audit of decisions on SQLite: the full Evaluation (score breakdown, routing trace) as JSON,
// with the route's owner / rule / tier / target and the email lookup key as columns for the
// console's decision list and lead search; preview's narrow row (outcome, lean input, routing
// order) goes into audit_preview in the same transaction.
import { DECISION_ORDER, PREVIEW_COLUMNS, auditColumns, outcomeColumns, reportColumns } from '../audit-columns.ts';
import { previewPages } from '../preview-rows.ts';
import { DEFAULT_AUDIT_LIMIT } from '../store-conventions.ts';
import { decodeJsonText, mapAuditRow, mapDecisionRow } from '../map-rows.ts';
import type { Store } from '../types.ts';
import type { SqliteDb } from './open-sqlite-db.ts';

type AuditMethods = Pick<Store, 'appendAudit' | 'getAudit' | 'listAuditSince' | 'listPreviewSince' | 'listDecisions' | 'findLeadsByEmailHash'>;

export function createSqliteAudit(db: SqliteDb): AuditMethods {
  return {
    async appendAudit(records) {
      if (records.length === 0) return;
      db.immediate(() => {
        // Each new row is its lead's latest decision (migration 19): the previous one is cleared first.
        const clear = db.stmt('UPDATE audit SET latest = 0 WHERE tenant = ? AND lead_id = ? AND latest = 1');
        const insert = db.stmt(
          `INSERT INTO audit (tenant, lead_id, at, evaluation, owner, rule, tier, target, email_hash, config_version, input, input_state, outcome, grade, score, source, segment, escalated, latest, routing_seq)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?)`,
        );
        const preview = db.stmt(`INSERT INTO audit_preview (id, tenant, at, lead_id, owner, tier, grade, rule, target, reasons, owner_ids, input, routing_seq)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
        for (const r of records) {
          const { route, tier } = r.evaluation;
          clear.run(r.tenant, r.leadId);
          const c = auditColumns(r);
          const x = reportColumns(r);
          const { lastInsertRowid } = insert.run(r.tenant, r.leadId, r.at, JSON.stringify(r.evaluation), route.owner, route.rule, tier, route.target, r.emailHash ?? null, r.configVersion ?? null, c.input, c.inputState, null,
            x.grade, x.score, x.source, x.segment, x.escalated ? 1 : 0, r.routingSeq ?? 0);
          preview.run(lastInsertRowid, r.tenant, r.at, r.leadId, ...outcomeColumns(r.evaluation), c.ownerIds, c.leanInput, r.routingSeq ?? 0);
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
        .stmt(`SELECT * FROM audit WHERE tenant = ? AND (${DECISION_ORDER}) > (?, ?) ORDER BY ${DECISION_ORDER} LIMIT ?`)
        .all(tenant, since, afterId, Math.max(0, Math.floor(limit)))
        .map((r) => ({ id: Number(r.id), ...mapAuditRow(r, decodeJsonText) }));
    },

    async listDecisions(tenant, f) {
      const where = ['tenant = ?'];
      const args: (string | number)[] = [tenant];
      if (f.rule !== undefined) (where.push('rule = ?'), args.push(f.rule));
      if (f.owner !== undefined) (where.push('owner = ?'), args.push(f.owner));
      if (f.tier !== undefined) (where.push('tier = ?'), args.push(f.tier));
      if (f.fallbackOnly) where.push("target = 'fallback'");
      if (f.beforeId !== undefined) (where.push('id < ?'), args.push(f.beforeId));
      args.push(Math.max(0, Math.floor(f.limit)));
      return db
        .stmt(`SELECT * FROM audit WHERE ${where.join(' AND ')} ORDER BY id DESC LIMIT ?`)
        .all(...args)
        .map((r) => mapDecisionRow(r, decodeJsonText));
    },

    async findLeadsByEmailHash(tenant, emailHash, limit) {
      return db
        // INDEXED BY: without statistics SQLite would walk audit_lead_time for the GROUP BY,
        // i.e. every decision of the tenant; the email index holds only this address's rows.
        .stmt('SELECT lead_id, MAX(id) AS last FROM audit INDEXED BY audit_email WHERE tenant = ? AND email_hash = ? GROUP BY lead_id ORDER BY last DESC LIMIT ?')
        .all(tenant, emailHash, Math.max(0, Math.floor(limit)))
        .map((r) => String(r.lead_id));
    },

    async listPreviewSince(tenant, since, { after, limit, withState }) {
      // The narrow rows (migration 22), as arrays (no object with named properties per row).
      const rows = (sql: string, ...args: (string | number)[]) => {
        const stmt = db.stmt(`SELECT ${PREVIEW_COLUMNS} FROM audit_preview WHERE tenant = ? ${sql}`);
        stmt.setReturnArrays(true);
        return stmt.all(tenant, ...args) as unknown as unknown[][];
      };
      return previewPages({ since, after, limit, withState }, {
        unordered: (c, n) => rows('AND routing_seq = 0 AND (at, id) > (?, ?) ORDER BY at, id LIMIT ?', c.at, c.id, n),
        firstSeq: () => {
          const r = db.stmt('SELECT min(routing_seq) AS s FROM audit_preview INDEXED BY audit_preview_order WHERE tenant = ? AND at >= ? AND routing_seq > 0').get(tenant, since);
          return r?.s == null ? null : Number(r.s);
        },
        ordered: (c, n) => rows('AND (routing_seq, at, id) > (?, ?, ?) ORDER BY routing_seq, at, id LIMIT ?', c.seq, c.at, c.id, n),
        // Rows written before migration 10 kept the state inside the input.
        state: (id) => {
          const r = db.stmt("SELECT COALESCE(input_state, json_extract(input, '$.routing.state')) AS state FROM audit WHERE id = ?").get(id);
          return r?.state == null ? null : String(r.state);
        },
      });
    },
  };
}
