// Rep feedback on SQLite: one row per verdict given on the CRM card.
import { DEFAULT_AUDIT_LIMIT } from '../store-conventions.ts';
import { mapFeedbackRow } from '../map-rows.ts';
import type { Store } from '../types.ts';
import type { SqliteDb } from './open-sqlite-db.ts';

type FeedbackMethods = Pick<Store, 'appendFeedback' | 'listFeedback'>;

export function createSqliteFeedback(db: SqliteDb): FeedbackMethods {
  return {
    async appendFeedback(r) {
      db.stmt('INSERT INTO feedback (tenant, lead_id, at, user_id, kind, note, source) VALUES (?, ?, ?, ?, ?, ?, ?)').run(r.tenant, r.leadId, r.at, r.userId, r.kind, r.note, r.source ?? 'rep');
    },

    async listFeedback(tenant, leadId, limit = DEFAULT_AUDIT_LIMIT) {
      return db
        .stmt('SELECT * FROM feedback WHERE tenant = ? AND lead_id = ? ORDER BY at DESC, id DESC LIMIT ?')
        .all(tenant, leadId, Math.max(0, Math.floor(limit)))
        .map(mapFeedbackRow);
    },
  };
}
