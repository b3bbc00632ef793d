// Audit of decisions on PostgreSQL: the full Evaluation (score breakdown, routing trace) as JSON,
// with the route's owner / rule / tier / target and the email lookup key as columns for the
// console's decision list and lead search, and the lean outcome / input columns for preview.
import { auditColumns, reportColumns } from '../audit-columns.ts';
import { previewPages } from '../preview-rows.ts';
import { decodeParsedJson, mapAuditRow, mapDecisionRow } from '../map-rows.ts';
import { DEFAULT_AUDIT_LIMIT } from '../store-conventions.ts';
import type { Store } from '../types.ts';
import type { PgDb } from './open-pg-db.ts';

type AuditMethods = Pick<Store, 'appendAudit' | 'getAudit' | 'listAuditSince' | 'listPreviewSince' | 'listDecisions' | 'findLeadsByEmailHash'>;

function reportArrays(cols: ReturnType<typeof reportColumns>[]): unknown[][] {
  return [cols.map((c) => c.grade), cols.map((c) => c.score), cols.map((c) => c.source), cols.map((c) => c.segment), cols.map((c) => c.escalated)];
}

export function createPostgresAudit(db: PgDb): AuditMethods {
  const { s } = db;
  return {
    async appendAudit(records) {
      if (records.length === 0) return;
      const col = <T>(pick: (r: (typeof records)[number]) => T) => records.map(pick);
      const columns = records.map(auditColumns);
      // Each lead's last row in the batch is its latest decision (migration 19); the lead's
      // earlier latest rows are cleared in lead-row id order (two batches never lock in opposite
      // orders). A concurrent append may leave an older row flagged too: reports take the largest
      // flagged id per lead, so only the newest row must carry the flag, and it always does.
      const lastOfLead = new Map(records.map((r, i) => [JSON.stringify([r.tenant, r.leadId]), i]));
      await db.query(
        `WITH ins AS (
         INSERT INTO ${s}.audit (tenant, lead_id, at, evaluation, owner, rule, tier, target, email_hash, config_version, input, input_state, outcome, grade, score, source, segment, escalated, latest, routing_seq)
         SELECT t, l, a, e::json, o, r, ti, ta, h, v, i::json, st::json, oc, g, sc, so, sg, es, lt, rs
         FROM unnest($1::text[], $2::text[], $3::bigint[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::text[], $12::text[], $13::text[],
                     $14::text[], $15::float8[], $16::text[], $17::text[], $18::bool[], $19::bool[], $20::bigint[])
           WITH ORDINALITY AS u (t, l, a, e, o, r, ti, ta, h, v, i, st, oc, g, sc, so, sg, es, lt, rs, n)
         ORDER BY n
         RETURNING tenant, lead_id, id)
         UPDATE ${s}.audit SET latest = false WHERE id IN (
           SELECT x.id FROM ${s}.audit x JOIN (SELECT tenant, lead_id, MAX(id) AS id FROM ins GROUP BY tenant, lead_id) n
             ON x.tenant = n.tenant AND x.lead_id = n.lead_id AND x.latest AND x.id < n.id
           ORDER BY x.id FOR UPDATE OF x)`,
        [
          col((r) => r.tenant),
          col((r) => r.leadId),
          col((r) => r.at),
          col((r) => JSON.stringify(r.evaluation)),
          col((r) => r.evaluation.route.owner),
          col((r) => r.evaluation.route.rule),
          col((r) => r.evaluation.tier),
          col((r) => r.evaluation.route.target),
          col((r) => r.emailHash ?? null),
          col((r) => r.configVersion ?? null),
          columns.map((c) => c.input),
          columns.map((c) => c.inputState),
          columns.map((c) => c.outcome),
          ...reportArrays(records.map(reportColumns)),
          records.map((r, i) => lastOfLead.get(JSON.stringify([r.tenant, r.leadId])) === i),
          col((r) => r.routingSeq ?? 0),
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

    async listDecisions(tenant, f) {
      const where = ['tenant = $1'];
      const args: (string | number)[] = [tenant];
      const add = (sql: string, value: string | number) => {
        args.push(value);
        where.push(`${sql} $${args.length}`);
      };
      if (f.rule !== undefined) add('rule =', f.rule);
      if (f.owner !== undefined) add('owner =', f.owner);
      if (f.tier !== undefined) add('tier =', f.tier);
      if (f.fallbackOnly) where.push("target = 'fallback'");
      if (f.beforeId !== undefined) add('id <', f.beforeId);
      args.push(Math.max(0, Math.floor(f.limit)));
      const { rows } = await db.query(`SELECT * FROM ${s}.audit WHERE ${where.join(' AND ')} ORDER BY id DESC LIMIT $${args.length}`, args);
      return rows.map((r) => mapDecisionRow(r, decodeParsedJson));
    },

    async findLeadsByEmailHash(tenant, emailHash, limit) {
      const { rows } = await db.query(
        `SELECT lead_id, MAX(id) AS last FROM ${s}.audit WHERE tenant = $1 AND email_hash = $2 GROUP BY lead_id ORDER BY last DESC LIMIT $3`,
        [tenant, emailHash, Math.max(0, Math.floor(limit))],
      );
      return rows.map((r) => String(r.lead_id));
    },

    async listPreviewSince(tenant, since, { after, limit, withState }) {
      // Rows since migration 10 carry their outcome and a lean input; older rows are trimmed by
      // the server. Text, not json, so pg does not parse what is not needed.
      const select = `SELECT id, lead_id, at, routing_seq,
           COALESCE(outcome, json_build_array(evaluation->'route'->'owner', evaluation->'tier', evaluation->'grade', evaluation->'route'->'rule', evaluation->'route'->'target', evaluation->'reasons')::text) AS outcome,
           CASE WHEN $1 THEN input_state::text END AS input_state,
           CASE WHEN $1 OR input_state IS NOT NULL THEN input::text ELSE (input::jsonb #- '{routing,state}')::text END AS input
         FROM ${s}.audit WHERE tenant = $2`;
      const rows = async (sql: string, params: unknown[]) => (await db.query(sql, [withState, tenant, ...params])).rows as Record<string, unknown>[];
      return previewPages({ since, after, limit }, {
        unordered: (c, n) => rows(`${select} AND routing_seq = 0 AND (at, id) > ($3, $4) ORDER BY at, id LIMIT $5`, [c.at, c.id, n]),
        firstSeq: async () => {
          const r = (await db.query(`SELECT min(routing_seq) AS s FROM ${s}.audit WHERE tenant = $1 AND at >= $2 AND routing_seq > 0`, [tenant, since])).rows[0];
          return r?.s == null ? null : Number(r.s);
        },
        ordered: (c, n) => rows(`${select} AND (routing_seq, at, id) > ($3, $4, $5) ORDER BY routing_seq, at, id LIMIT $6`, [c.seq, c.at, c.id, n]),
      });
    },
  };
}
