// The durable inbox on SQLite. Claims take the write lock (BEGIN IMMEDIATE), so two workers,
// in this process or another one on the same file, never get the same row.
import { byTimeThenId, clampError, decodeJsonText, encodeJson, mapInboxRow, mapInboxStats } from '../map-rows.ts';
import type { InboxRow, Store } from '../types.ts';
import { createGroupCommit } from './group-commit.ts';
import { jsonList, type SqliteDb } from './open-sqlite-db.ts';

type InboxMethods = Pick<
  Store,
  'inboxAppend' | 'inboxClaim' | 'inboxComplete' | 'inboxRetry' | 'inboxFail' | 'inboxStats' | 'inboxTenants' | 'inboxReleaseLeases' | 'inboxRenewLeases'
>;

const INSERT = `INSERT INTO inbox (tenant, source, dedupe_key, kind, object_id, occurred_at, payload, available_at, received_at)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
  ON CONFLICT (tenant, dedupe_key) DO NOTHING`;

// Pending and due, or processing with an expired lease. The status IN (...) lets SQLite use
// the partial indexes, which only hold live rows.
const CLAIMABLE = `status IN ('pending', 'processing')
  AND ((status = 'pending' AND available_at <= :now) OR (status = 'processing' AND lease_until <= :now))`;

// A lead another worker holds (a row about it in processing, its lease live) is not claimed
// (as on PostgreSQL; the claim runs in an IMMEDIATE transaction, so claims see each other's rows).
const NOT_HELD_ELSEWHERE = `(c.object_id = '' OR NOT EXISTS (
    SELECT 1 FROM inbox h WHERE h.tenant = c.tenant AND h.object_id = c.object_id
      AND h.status = 'processing' AND h.lease_until > :now AND h.worker IS NOT :worker))`;
const CLAIM_ANY = `UPDATE inbox SET status = 'processing', lease_until = :lease, worker = :worker, attempts = attempts + 1
  WHERE id IN (SELECT id FROM inbox c WHERE ${CLAIMABLE} AND ${NOT_HELD_ELSEWHERE} ORDER BY occurred_at, id LIMIT :limit)
  RETURNING *`;
export const CLAIM_TENANT = `UPDATE inbox SET status = 'processing', lease_until = :lease, worker = :worker, attempts = attempts + 1
  WHERE id IN (SELECT id FROM inbox c WHERE tenant = :tenant AND ${CLAIMABLE} AND ${NOT_HELD_ELSEWHERE} ORDER BY occurred_at, id LIMIT :limit)
  RETURNING *`;

const IDS = 'id IN (SELECT value FROM json_each(?))';

export function createSqliteInbox(db: SqliteDb): InboxMethods & { flushAppends(): void } {
  // Concurrent appends (webhook requests in flight together) share one commit: group-commit.ts.
  const appends = createGroupCommit(db, ({ events, now }: { events: Parameters<Store['inboxAppend']>[0]; now: number }) => {
    const insert = db.stmt(INSERT);
    let n = 0;
    for (const e of events) {
      const r = insert.run(e.tenant, e.source, e.dedupeKey, e.kind, e.objectId, e.occurredAt, encodeJson(e.payload), now, now);
      n += Number(r.changes);
    }
    return n;
  });
  return {
    flushAppends: () => appends.flush(),

    async inboxAppend(events, now) {
      if (events.length === 0) return { inserted: 0, duplicates: 0 };
      const inserted = await appends.run({ events, now });
      return { inserted, duplicates: events.length - inserted };
    },

    async inboxClaim({ tenant, limit, leaseMs, now, worker }) {
      if (limit <= 0) return [];
      const params = { now, lease: now + leaseMs, worker, limit, ...(tenant === undefined ? {} : { tenant }) };
      const rows = db.immediate(() => db.stmt(tenant === undefined ? CLAIM_ANY : CLAIM_TENANT).all(params));
      return rows.map((r) => mapInboxRow(r, decodeJsonText)).sort(byTimeThenId((r: InboxRow) => r.occurredAt));
    },

    async inboxComplete(ids) {
      if (ids.length === 0) return;
      db.stmt(`UPDATE inbox SET status = 'done', lease_until = NULL WHERE ${IDS}`).run(jsonList(ids));
    },

    async inboxRetry(ids, error, availableAt) {
      if (ids.length === 0) return;
      db.stmt(
        `UPDATE inbox SET status = 'pending', available_at = ?, last_error = ?, lease_until = NULL, worker = NULL WHERE ${IDS}`,
      ).run(availableAt, clampError(error), jsonList(ids));
    },

    async inboxFail(ids, error) {
      if (ids.length === 0) return;
      db.stmt(`UPDATE inbox SET status = 'failed', last_error = ?, lease_until = NULL WHERE ${IDS}`).run(clampError(error), jsonList(ids));
    },

    async inboxStats(tenant) {
      const sql = `SELECT status, count(*) AS n, min(received_at) AS oldest FROM inbox ${tenant === undefined ? '' : 'WHERE tenant = ?'} GROUP BY status`;
      const rows = tenant === undefined ? db.stmt(sql).all() : db.stmt(sql).all(tenant);
      return mapInboxStats(rows);
    },

    async inboxReleaseLeases(exceptWorker) {
      const r = db
        .stmt(`UPDATE inbox SET status = 'pending', lease_until = NULL, worker = NULL WHERE status = 'processing' AND (worker IS NULL OR worker <> ?)`)
        .run(exceptWorker);
      return Number(r.changes);
    },

    async inboxRenewLeases(tenant, worker, leaseUntil) {
      const r = db
        .stmt(`UPDATE inbox SET lease_until = ? WHERE status = 'processing' AND tenant = ? AND worker = ? AND lease_until < ?`)
        .run(leaseUntil, tenant, worker, leaseUntil);
      return Number(r.changes);
    },

    async inboxTenants(now) {
      return db
        .stmt(`SELECT DISTINCT tenant FROM inbox WHERE ${CLAIMABLE} ORDER BY tenant`)
        .all({ now })
        .map((r) => String(r.tenant));
    },
  };
}
