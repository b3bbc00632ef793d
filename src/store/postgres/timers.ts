// Durable SLA timers on PostgreSQL. A claim deletes and returns the due rows it could lock
// (SKIP LOCKED), so two workers never both fire the same timer and neither waits on the other.
import { byTimeThenId, decodeParsedJson, encodeJson, mapTimerRow } from '../map-rows.ts';
import type { Store, TimerRecord } from '../types.ts';
import type { PgDb } from './open-pg-db.ts';

type TimerMethods = Pick<Store, 'scheduleTimer' | 'cancelTimers' | 'claimDueTimers'>;

export function createPostgresTimers(db: PgDb): TimerMethods {
  const { s } = db;
  return {
    async scheduleTimer(t) {
      const { rows } = await db.query(
        `INSERT INTO ${s}.timers (tenant, lead_id, kind, due_at, payload) VALUES ($1, $2, $3, $4, $5::json) RETURNING id`,
        [t.tenant, t.leadId, t.kind, t.dueAt, encodeJson(t.payload ?? {})],
      );
      return Number(rows[0]?.id);
    },

    async cancelTimers(tenant, leadId, kind) {
      if (kind === undefined) await db.query(`DELETE FROM ${s}.timers WHERE tenant = $1 AND lead_id = $2`, [tenant, leadId]);
      else await db.query(`DELETE FROM ${s}.timers WHERE tenant = $1 AND lead_id = $2 AND kind = $3`, [tenant, leadId, kind]);
    },

    async claimDueTimers(now, limit) {
      if (limit <= 0) return [];
      const { rows } = await db.query(
        `WITH due AS (
           SELECT id FROM ${s}.timers WHERE due_at <= $1 ORDER BY due_at, id LIMIT $2 FOR UPDATE SKIP LOCKED
         )
         DELETE FROM ${s}.timers t USING due WHERE t.id = due.id RETURNING t.*`,
        [now, limit],
      );
      return rows.map((r) => mapTimerRow(r, decodeParsedJson)).sort(byTimeThenId((t: TimerRecord) => t.dueAt));
    },
  };
}
