// Audit of decisions on PostgreSQL: the full Evaluation (score breakdown, routing trace) as JSON.
import { auditColumns, joinInput, parseOutcome } from '../audit-columns.ts';
import { decodeParsedJson, mapAuditRow } from '../map-rows.ts';
import { DEFAULT_AUDIT_LIMIT } from '../store-conventions.ts';
import type { Store } from '../types.ts';
import type { PgDb } from './open-pg-db.ts';

type AuditMethods = Pick<Store, 'appendAudit' | 'getAudit' | 'listAuditSince' | 'listPreviewSince'>;

export function createPostgresAudit(db: PgDb): AuditMethods {
  const { s } = db;
  return {
    async appendAudit(records) {
      if (records.length === 0) return;
      const columns = records.map(auditColumns);
      await db.query(
        `INSERT INTO ${s}.audit (tenant, lead_id, at, evaluation, config_version, input, input_state, outcome)
         SELECT t, l, a, e::json, c, i::json, st::json, o FROM unnest($1::text[], $2::text[], $3::bigint[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[])
           WITH ORDINALITY AS u (t, l, a, e, c, i, st, o, n)
         ORDER BY n`,
        [
          records.map((r) => r.tenant),
          records.map((r) => r.leadId),
          records.map((r) => r.at),
          records.map((r) => JSON.stringify(r.evaluation)),
          records.map((r) => r.configVersion ?? null),
          columns.map((c) => c.input),
          columns.map((c) => c.inputState),
          columns.map((c) => c.outcome),
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

    async listPreviewSince(tenant, since, { afterId = 0, limit, withState }) {
      // Rows since migration 6 carry their outcome and a lean input; older rows are trimmed by
      // the server. Text, not json, so pg does not parse what is not needed.
      const { rows } = await db.query(
        `SELECT id, lead_id, at,
           COALESCE(outcome, json_build_array(evaluation->'route'->'owner', evaluation->'tier', evaluation->'grade', evaluation->'route'->'rule', evaluation->'route'->'target', evaluation->'reasons')::text) AS outcome,
           CASE WHEN $5 THEN input_state::text END AS input_state,
           CASE WHEN $5 OR input_state IS NOT NULL THEN input::text ELSE (input::jsonb #- '{routing,state}')::text END AS input
         FROM ${s}.audit WHERE tenant = $1 AND (at, id) > ($2, $3) ORDER BY at, id LIMIT $4`,
        [tenant, since, afterId, Math.max(0, Math.floor(limit)), withState],
      );
      return (rows as Record<string, unknown>[]).map((r) => {
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
