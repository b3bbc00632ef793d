// Audit of decisions on PostgreSQL: the full Evaluation (score breakdown, routing trace) as JSON.
import { decodeParsedJson, mapAuditRow } from '../map-rows.ts';
import { DEFAULT_AUDIT_LIMIT } from '../store-conventions.ts';
import type { Store } from '../types.ts';
import type { PgDb } from './open-pg-db.ts';

type AuditMethods = Pick<Store, 'appendAudit' | 'getAudit' | 'listAuditSince'>;

export function createPostgresAudit(db: PgDb): AuditMethods {
  const { s } = db;
  return {
    async appendAudit(records) {
      if (records.length === 0) return;
      await db.query(
        `INSERT INTO ${s}.audit (tenant, lead_id, at, evaluation, config_version, input)
         SELECT t, l, a, e::json, c, i::json FROM unnest($1::text[], $2::text[], $3::bigint[], $4::text[], $5::text[], $6::text[]) WITH ORDINALITY AS u (t, l, a, e, c, i, n)
         ORDER BY n`,
        [
          records.map((r) => r.tenant),
          records.map((r) => r.leadId),
          records.map((r) => r.at),
          records.map((r) => JSON.stringify(r.evaluation)),
          records.map((r) => r.configVersion ?? null),
          records.map((r) => (r.input === undefined ? null : JSON.stringify(r.input))),
        ],
      );
    },

    async getAudit(tenant, leadId, limit = DEFAULT_AUDIT_LIMIT) {
      const { rows } = await db.query(
        `SELECT * FROM ${s}.audit WHERE tenant = $1 AND lead_id = $2 ORDER BY at DESC, id DESC LIMIT $3`,
        [tenant, leadId, Math.max(0, Math.floor(limit))],
      );
      return rows.map((r) => mapAuditRow(r, decodeParsedJson));
    },

    async listAuditSince(tenant, since, { afterId = 0, limit }) {
      const { rows } = await db.query(
        `SELECT * FROM ${s}.audit WHERE tenant = $1 AND (at, id) > ($2, $3) ORDER BY at, id LIMIT $4`,
        [tenant, since, afterId, Math.max(0, Math.floor(limit))],
      );
      return rows.map((r) => ({ id: Number(r.id), ...mapAuditRow(r, decodeParsedJson) }));
    },
  };
}
