// Rep feedback on SQLite: one row per verdict (card, panel, or the CRM property / field), with
// the decision it judges; a CRM value repeating the lead's latest verdict is not stored twice.
import { DEFAULT_AUDIT_LIMIT } from '../store-conventions.ts';
import { FEEDBACK_COLUMNS, feedbackValues, latestFeedbackSql, mapFeedbackCount, mapFeedbackRow, mapLatestVerdicts, sortFeedbackCounts } from '../feedback-rows.ts';
import type { Store } from '../types.ts';
import type { SqliteDb } from './open-sqlite-db.ts';

type FeedbackMethods = Pick<Store, 'appendFeedback' | 'listFeedback' | 'countFeedback' | 'latestFeedback'>;

// The latest verdict on the lead, compared on kind and note (IS: NULL equals NULL).
const INSERT = `INSERT INTO feedback (${FEEDBACK_COLUMNS.join(', ')})
SELECT ${FEEDBACK_COLUMNS.map(() => '?').join(', ')}
WHERE NOT (? = 'crm' AND EXISTS (
  SELECT 1 FROM (SELECT kind, note FROM feedback WHERE tenant = ? AND lead_id = ? ORDER BY at DESC, id DESC LIMIT 1) AS latest
  WHERE latest.kind = ? AND latest.note IS ?))`;

export function createSqliteFeedback(db: SqliteDb): FeedbackMethods {
  return {
    async appendFeedback(r) {
      const result = db.stmt(INSERT).run(...feedbackValues(r), r.source ?? 'card', r.tenant, r.leadId, r.kind, r.note);
      return Number(result.changes) > 0;
    },

    async listFeedback(tenant, leadId, limit = DEFAULT_AUDIT_LIMIT) {
      return db
        .stmt('SELECT * FROM feedback WHERE tenant = ? AND lead_id = ? ORDER BY at DESC, id DESC LIMIT ?')
        .all(tenant, leadId, Math.max(0, Math.floor(limit)))
        .map(mapFeedbackRow);
    },

    async countFeedback(tenant, window = {}) {
      const rows = db
        .stmt(
          `SELECT decision_rule AS rule, decision_owner AS owner, kind, COUNT(*) AS count FROM feedback
           WHERE tenant = ? AND at >= ? AND at < ? GROUP BY decision_rule, decision_owner, kind`,
        )
        .all(tenant, window.since ?? Number.MIN_SAFE_INTEGER, window.until ?? Number.MAX_SAFE_INTEGER);
      return sortFeedbackCounts(rows.map(mapFeedbackCount));
    },

    async latestFeedback(tenant, since) {
      return mapLatestVerdicts(db.stmt(latestFeedbackSql('feedback', '?', '?')).all(tenant, since));
    },
  };
}
