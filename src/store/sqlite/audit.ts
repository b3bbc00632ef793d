// Audit of decisions on SQLite: the full Evaluation (score breakdown, routing trace) as JSON,
// with the route's owner / rule / tier / target and the email lookup key as columns for the
// console's decision list and lead search, and the lean outcome / input columns for preview.
import { auditColumns, reportColumns } from '../audit-columns.ts';
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
        for (const r of records) {
          const { route, tier } = r.evaluation;
          clear.run(r.tenant, r.leadId);
          const c = auditColumns(r);
          const x = reportColumns(r);
          insert.run(r.tenant, r.leadId, r.at, JSON.stringify(r.evaluation), route.owner, route.rule, tier, route.target, r.emailHash ?? null, r.configVersion ?? null, c.input, c.inputState, c.outcome,
            x.grade, x.score, x.source, x.segment, x.escalated ? 1 : 0, r.routingSeq ?? 0);
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
      // Rows since migration 10 carry their outcome and a lean input; older rows are trimmed by
      // SQLite's JSON functions (C code; several paths in one json_extract: one parse).
      const select = `SELECT id, lead_id, at, routing_seq,
             COALESCE(outcome, json_extract(evaluation, '$.route.owner', '$.tier', '$.grade', '$.route.rule', '$.route.target', '$.reasons')) AS outcome,
             CASE WHEN ?1 THEN input_state END AS input_state,
             CASE WHEN ?1 OR input_state IS NOT NULL THEN input ELSE json_remove(input, '$.routing.state') END AS input
           FROM audit INDEXED BY audit_routing_order WHERE tenant = ?2`;
      const state = withState ? 1 : 0;
      return previewPages({ since, after, limit }, {
        unordered: (c, n) => db.stmt(`${select} AND routing_seq = 0 AND (at > ?3 OR (at = ?3 AND id > ?4)) ORDER BY at, id LIMIT ?5`).all(state, tenant, c.at, c.id, n),
        firstSeq: () => {
          const r = db.stmt('SELECT min(routing_seq) AS s FROM audit INDEXED BY audit_tenant_time WHERE tenant = ? AND at >= ? AND routing_seq > 0').get(tenant, since);
          return r?.s == null ? null : Number(r.s);
        },
        ordered: (c, n) => db.stmt(`${select} AND (routing_seq, at, id) > (?3, ?4, ?5) ORDER BY routing_seq, at, id LIMIT ?6`).all(state, tenant, c.seq, c.at, c.id, n),
      });
    },
  };
}
