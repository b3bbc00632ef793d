// Rep feedback on PostgreSQL: one row per verdict (card, panel, or the CRM property / field),
// with the decision it judges; a CRM value repeating the lead's latest verdict is not stored twice.
import { DEFAULT_AUDIT_LIMIT } from '../store-conventions.ts';
import { FEEDBACK_COLUMNS, feedbackValues, latestFeedbackSql, mapFeedbackCount, mapFeedbackRow, mapLatestVerdicts, sortFeedbackCounts } from '../feedback-rows.ts';
import type { Store } from '../types.ts';
import type { PgDb } from './open-pg-db.ts';

type FeedbackMethods = Pick<Store, 'appendFeedback' | 'listFeedback' | 'countFeedback' | 'latestFeedback'>;

export function createPostgresFeedback(db: PgDb): FeedbackMethods {
  const { s } = db;
  const n = FEEDBACK_COLUMNS.length;
  const typed = (i: number) => `$${i}${FEEDBACK_COLUMNS[i - 1] === 'decision_score' ? '::double precision' : ['at', 'decided_at'].includes(FEEDBACK_COLUMNS[i - 1]!) ? '::bigint' : '::text'}`;
  // The latest verdict on the lead, compared on kind and note (NULL not distinct from NULL).
  const insert = `INSERT INTO ${s}.feedback (${FEEDBACK_COLUMNS.join(', ')})
SELECT ${FEEDBACK_COLUMNS.map((_, i) => typed(i + 1)).join(', ')}
WHERE NOT ($${n + 1}::text = 'crm' AND EXISTS (
  SELECT 1 FROM (SELECT kind, note FROM ${s}.feedback WHERE tenant = $1 AND lead_id = $2 ORDER BY at DESC, id DESC LIMIT 1) AS latest
  WHERE latest.kind = $5 AND latest.note IS NOT DISTINCT FROM $6::text))`;
  return {
    async appendFeedback(r) {
      const result = await db.query(insert, [...feedbackValues(r), r.source ?? 'card']);
      return (result.rowCount ?? 0) > 0;
    },

    async listFeedback(tenant, leadId, limit = DEFAULT_AUDIT_LIMIT) {
      const { rows } = await db.query(
        `SELECT * FROM ${s}.feedback WHERE tenant = $1 AND lead_id = $2 ORDER BY at DESC, id DESC LIMIT $3`,
        [tenant, leadId, Math.max(0, Math.floor(limit))],
      );
      return rows.map(mapFeedbackRow);
    },

    async countFeedback(tenant, window = {}) {
      const { rows } = await db.query(
        `SELECT decision_rule AS rule, decision_owner AS owner, kind, COUNT(*) AS count FROM ${s}.feedback
         WHERE tenant = $1 AND at >= $2 AND at < $3 GROUP BY decision_rule, decision_owner, kind`,
        [tenant, window.since ?? Number.MIN_SAFE_INTEGER, window.until ?? Number.MAX_SAFE_INTEGER],
      );
      return sortFeedbackCounts(rows.map(mapFeedbackCount));
    },

    async latestFeedback(tenant, since) {
      const { rows } = await db.query(latestFeedbackSql(`${s}.feedback`, '$1', '$2::bigint'), [tenant, since]);
      return mapLatestVerdicts(rows);
    },
  };
}
