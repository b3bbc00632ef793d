// Durable SLA timers on SQLite. A claim deletes and returns in one statement under the write
// lock, so two workers never both fire the same timer.
import { byTimeThenId, decodeJsonText, encodeJson, mapTimerRow } from '../map-rows.ts';
import type { Store, TimerRecord } from '../types.ts';
import type { SqliteDb } from './open-sqlite-db.ts';

type TimerMethods = Pick<Store, 'scheduleTimer' | 'cancelTimers' | 'claimDueTimers'>;

export function createSqliteTimers(db: SqliteDb): TimerMethods {
  return {
    async scheduleTimer(t) {
      const r = db
        .stmt('INSERT INTO timers (tenant, lead_id, kind, due_at, payload) VALUES (?, ?, ?, ?, ?)')
        .run(t.tenant, t.leadId, t.kind, t.dueAt, encodeJson(t.payload ?? {}));
      return Number(r.lastInsertRowid);
    },

    async cancelTimers(tenant, leadId, kind) {
      if (kind === undefined) db.stmt('DELETE FROM timers WHERE tenant = ? AND lead_id = ?').run(tenant, leadId);
      else db.stmt('DELETE FROM timers WHERE tenant = ? AND lead_id = ? AND kind = ?').run(tenant, leadId, kind);
    },

    async claimDueTimers(now, limit) {
      if (limit <= 0) return [];
      const rows = db.immediate(() =>
        db
          .stmt('DELETE FROM timers WHERE id IN (SELECT id FROM timers WHERE due_at <= ? ORDER BY due_at, id LIMIT ?) RETURNING *')
          .all(now, limit),
      );
      return rows.map((r) => mapTimerRow(r, decodeJsonText)).sort(byTimeThenId((t: TimerRecord) => t.dueAt));
    },
  };
}
