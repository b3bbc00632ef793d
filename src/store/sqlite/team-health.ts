// Team / Health facts on SQLite (team-health-types.ts). Each query is an index range scan:
// assignments_owner_time / assignments_owner_open for loads, inbox_tenant_received for intake,
// inbox_tenant_failed for failed rows.
import { mapDepth, mapFailedInboxRow, mapIntake } from '../team-health-rows.ts';
import type { OwnerLoadCounts, TeamHealthStore } from '../team-health-types.ts';
import { jsonList, type SqliteDb } from './open-sqlite-db.ts';

const COUNT_SINCE = 'SELECT count(*) AS n FROM assignments WHERE tenant = ? AND owner = ? AND assigned_at >= ?';
const COUNT_OPEN = 'SELECT count(*) AS n FROM assignments WHERE tenant = ? AND owner = ? AND closed = 0 AND first_touch_at IS NULL';
const INTAKE = `SELECT source, count(*) AS n, max(received_at) AS last_at FROM inbox
  WHERE tenant = ? AND received_at >= ? GROUP BY source`;
const LAST = 'SELECT max(received_at) AS last_at FROM inbox WHERE tenant = ?';
// status IN (...) lets SQLite use the partial index of live rows (inbox_claimable_tenant).
const LIVE = `SELECT status, count(*) AS n, min(received_at) AS oldest FROM inbox
  WHERE tenant = ? AND status IN ('pending', 'processing') GROUP BY status`;
const FAILED_COUNT = "SELECT count(*) AS n FROM inbox WHERE tenant = ? AND status = 'failed'";
const FAILED = `SELECT id, source, kind, object_id, occurred_at, received_at, attempts, last_error FROM inbox
  WHERE tenant = ? AND status = 'failed' ORDER BY id DESC LIMIT ?`;
const REQUEUE = `UPDATE inbox SET status = 'pending', attempts = 0, available_at = ?, lease_until = NULL, worker = NULL
  WHERE tenant = ? AND status = 'failed'`;

export function createSqliteTeamHealth(db: SqliteDb): TeamHealthStore {
  return {
    async ownerLoads(tenant, owners) {
      const since = db.stmt(COUNT_SINCE);
      const open = db.stmt(COUNT_OPEN);
      const out: Record<string, OwnerLoadCounts> = {};
      for (const o of owners) {
        out[o.owner] = {
          openLeads: Number(open.get(tenant, o.owner)?.n ?? 0),
          assignedToday: Number(since.get(tenant, o.owner, o.dayStart)?.n ?? 0),
          assignedThisWeek: Number(since.get(tenant, o.owner, o.weekStart)?.n ?? 0),
        };
      }
      return out;
    },

    async inboxIntake(tenant, since) {
      return mapIntake(db.stmt(INTAKE).all(tenant, since), db.stmt(LAST).get(tenant)?.last_at);
    },

    async inboxDepth(tenant) {
      return mapDepth(db.stmt(LIVE).all(tenant), db.stmt(FAILED_COUNT).get(tenant)?.n);
    },

    async listFailedInbox(tenant, limit) {
      return db.stmt(FAILED).all(tenant, limit).map(mapFailedInboxRow);
    },

    async inboxRequeueFailed(tenant, ids, now) {
      const r = ids === null ? db.stmt(REQUEUE).run(now, tenant) : db.stmt(`${REQUEUE} AND id IN (SELECT value FROM json_each(?))`).run(now, tenant, jsonList(ids));
      return Number(r.changes);
    },
  };
}
