// Retention on PostgreSQL: delete expired rows oldest first, one short statement per table
// and call. SKIP LOCKED lets several processes prune side by side without waiting on each
// other; the partial indexes keep each batch from scanning live rows.
import type { Store } from '../types.ts';
import type { PgDb } from './open-pg-db.ts';

type RetentionMethods = Pick<Store, 'pruneExpired'>;

/** Leads ($1 tenants, $2 lead ids) whose latest decision was pruned or merged away: the newest
 *  remaining row of each becomes the latest (migration 19); none left, nothing to flag. */
export const reflagLatest = (s: string) => `UPDATE ${s}.audit SET latest = true WHERE id IN (
    SELECT MAX(a.id) FROM ${s}.audit a JOIN unnest($1::text[], $2::text[]) AS u (t, l) ON a.tenant = u.t AND a.lead_id = u.l GROUP BY a.tenant, a.lead_id)`;

export function createPostgresRetention(db: PgDb): RetentionMethods {
  const { s } = db;
  const inboxSql = `DELETE FROM ${s}.inbox WHERE id IN (
    SELECT id FROM ${s}.inbox WHERE status = 'done' AND received_at < $1 ORDER BY received_at, id LIMIT $2 FOR UPDATE SKIP LOCKED)`;
  const auditSql = `DELETE FROM ${s}.audit WHERE id IN (
    SELECT id FROM ${s}.audit WHERE at < $1 ORDER BY at, id LIMIT $2 FOR UPDATE SKIP LOCKED) RETURNING tenant, lead_id, latest`;
  const assignmentsSql = `DELETE FROM ${s}.assignments WHERE id IN (
    SELECT id FROM ${s}.assignments WHERE closed AND assigned_at < $1 ORDER BY assigned_at, id LIMIT $2 FOR UPDATE SKIP LOCKED)`;
  const prune = async (sql: string, before: number, limit: number): Promise<number> =>
    (await db.query(sql, [before, limit])).rowCount ?? 0;
  return {
    async pruneExpired({ doneInboxBefore, historyBefore, limit }) {
      const n = Math.max(0, Math.floor(limit));
      if (n === 0) return { inbox: 0, audit: 0, assignments: 0 };
      return {
        inbox: await prune(inboxSql, doneInboxBefore, n),
        audit: await db.tx(async (query) => {
          const gone = (await query(auditSql, [historyBefore, n])).rows;
          const latest = gone.filter((r) => r.latest);
          if (latest.length) await query(reflagLatest(s), [latest.map((r) => String(r.tenant)), latest.map((r) => String(r.lead_id))]);
          return gone.length;
        }),
        assignments: await prune(assignmentsSql, historyBefore, n),
      };
    },
  };
}
