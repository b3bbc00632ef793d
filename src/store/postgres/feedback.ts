// Rep feedback on PostgreSQL: one row per verdict given on the CRM card.
import { DEFAULT_AUDIT_LIMIT } from '../store-conventions.ts';
import { mapFeedbackRow } from '../map-rows.ts';
import type { Store } from '../types.ts';
import type { PgDb } from './open-pg-db.ts';

type FeedbackMethods = Pick<Store, 'appendFeedback' | 'listFeedback'>;

export function createPostgresFeedback(db: PgDb): FeedbackMethods {
  const { s } = db;
  return {
    async appendFeedback(r) {
      await db.query(`INSERT INTO ${s}.feedback (tenant, lead_id, at, user_id, kind, note, source) VALUES ($1, $2, $3, $4, $5, $6, $7)`, [
        r.tenant,
        r.leadId,
        r.at,
        r.userId,
        r.kind,
        r.note,
        r.source ?? 'rep',
      ]);
    },

    async listFeedback(tenant, leadId, limit = DEFAULT_AUDIT_LIMIT) {
      const { rows } = await db.query(
        `SELECT * FROM ${s}.feedback WHERE tenant = $1 AND lead_id = $2 ORDER BY at DESC, id DESC LIMIT $3`,
        [tenant, leadId, Math.max(0, Math.floor(limit))],
      );
      return rows.map(mapFeedbackRow);
    },
  };
}
