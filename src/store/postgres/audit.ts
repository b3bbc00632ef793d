// Audit of decisions on PostgreSQL: the full Evaluation (score breakdown, routing trace) as JSON,
// with the route's owner / rule / tier / target and the email lookup key as columns for the
// console's decision list and lead search.
import { decodeParsedJson, mapAuditRow, mapDecisionRow } from '../map-rows.ts';
import { DEFAULT_AUDIT_LIMIT } from '../store-conventions.ts';
import type { Store } from '../types.ts';
import type { PgDb } from './open-pg-db.ts';

type AuditMethods = Pick<Store, 'appendAudit' | 'getAudit' | 'listAuditSince' | 'listDecisions' | 'findLeadsByEmailHash'>;

export function createPostgresAudit(db: PgDb): AuditMethods {
  const { s } = db;
  return {
    async appendAudit(records) {
      if (records.length === 0) return;
      const col = <T>(pick: (r: (typeof records)[number]) => T) => records.map(pick);
      await db.query(
        `INSERT INTO ${s}.audit (tenant, lead_id, at, evaluation, owner, rule, tier, target, email_hash, config_version, input)
         SELECT t, l, a, e::json, o, r, ti, ta, h, v, i::json
         FROM unnest($1::text[], $2::text[], $3::bigint[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::text[])
           WITH ORDINALITY AS u (t, l, a, e, o, r, ti, ta, h, v, i, n)
         ORDER BY n`,
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
          col((r) => (r.input === undefined ? null : JSON.stringify(r.input))),
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
  };
}
