// Retention on SQLite: delete expired rows oldest first, one short write transaction per
// table and call, so webhook appends (group commits) wait at most one small batch. Freed pages
// are reused by later inserts, so the file stops growing once intake and pruning balance.
import type { Store } from '../types.ts';
import type { SqliteDb } from './open-sqlite-db.ts';

type RetentionMethods = Pick<Store, 'pruneExpired'>;

// INDEXED BY: without statistics the planner prefers inbox_status (status = ?) and then sorts
// every done row (hundreds of ms per batch on a large inbox); the partial index reads only the
// oldest done rows, in order.
const PRUNE_INBOX = `DELETE FROM inbox WHERE id IN (
  SELECT id FROM inbox INDEXED BY inbox_done_received WHERE status = 'done' AND received_at < ? ORDER BY received_at, id LIMIT ?)`;
const PRUNE_AUDIT = 'DELETE FROM audit WHERE id IN (SELECT id FROM audit WHERE at < ? ORDER BY at, id LIMIT ?) RETURNING tenant, lead_id, latest';
/** A lead whose latest decision was pruned while older ones remain (decision times out of
 *  order): its newest remaining row becomes the latest (migration 19). */
export const REFLAG_LATEST = 'UPDATE audit SET latest = 1 WHERE id = (SELECT MAX(id) FROM audit WHERE tenant = ? AND lead_id = ?)';
const PRUNE_ASSIGNMENTS = `DELETE FROM assignments WHERE id IN (
  SELECT id FROM assignments WHERE closed = 1 AND assigned_at < ? ORDER BY assigned_at, id LIMIT ?)`;

export function createSqliteRetention(db: SqliteDb): RetentionMethods {
  const prune = (sql: string, before: number, limit: number): number =>
    db.immediate(() => Number(db.stmt(sql).run(before, limit).changes));
  return {
    async pruneExpired({ doneInboxBefore, historyBefore, limit }) {
      const n = Math.max(0, Math.floor(limit));
      if (n === 0) return { inbox: 0, audit: 0, assignments: 0 };
      return {
        inbox: prune(PRUNE_INBOX, doneInboxBefore, n),
        audit: db.immediate(() => {
          const gone = db.stmt(PRUNE_AUDIT).all(historyBefore, n);
          for (const r of gone) if (Number(r.latest) === 1) db.stmt(REFLAG_LATEST).run(String(r.tenant), String(r.lead_id));
          return gone.length;
        }),
        assignments: prune(PRUNE_ASSIGNMENTS, historyBefore, n),
      };
    },
  };
}
