// Team / Health facts on PostgreSQL (team-health-types.ts): one round trip per question.
import { toNumber } from '../map-rows.ts';
import { mapDepth, mapFailedInboxRow, mapIntake } from '../team-health-rows.ts';
import type { OwnerLoadCounts, TeamHealthStore } from '../team-health-types.ts';
import type { PgDb } from './open-pg-db.ts';

export function createPostgresTeamHealth(db: PgDb): TeamHealthStore {
  const { s } = db;
  const loadsSql = `SELECT o.owner,
      (SELECT count(*) FROM ${s}.assignments a WHERE a.tenant = $1 AND a.owner = o.owner AND a.assigned_at >= o.day_start) AS today,
      (SELECT count(*) FROM ${s}.assignments a WHERE a.tenant = $1 AND a.owner = o.owner AND a.assigned_at >= o.week_start) AS week,
      (SELECT count(*) FROM ${s}.assignments a WHERE a.tenant = $1 AND a.owner = o.owner AND NOT a.closed AND a.first_touch_at IS NULL) AS open
    FROM unnest($2::text[], $3::bigint[], $4::bigint[]) AS o (owner, day_start, week_start)`;
  const intakeSql = `SELECT source, count(*) AS n, max(received_at) AS last_at FROM ${s}.inbox
    WHERE tenant = $1 AND received_at >= $2 GROUP BY source`;
  const lastSql = `SELECT max(received_at) AS last_at FROM ${s}.inbox WHERE tenant = $1`;
  const liveSql = `SELECT status, count(*) AS n, min(received_at) AS oldest FROM ${s}.inbox
    WHERE tenant = $1 AND status IN ('pending', 'processing') GROUP BY status`;
  const failedCountSql = `SELECT count(*) AS n FROM ${s}.inbox WHERE tenant = $1 AND status = 'failed'`;
  const failedSql = `SELECT id, source, kind, object_id, occurred_at, received_at, attempts, last_error FROM ${s}.inbox
    WHERE tenant = $1 AND status = 'failed' ORDER BY id DESC LIMIT $2`;
  const requeueSql = `UPDATE ${s}.inbox SET status = 'pending', attempts = 0, available_at = $2, lease_until = NULL, worker = NULL
    WHERE tenant = $1 AND status = 'failed'`;

  return {
    async ownerLoads(tenant, owners) {
      const out: Record<string, OwnerLoadCounts> = {};
      if (owners.length === 0) return out;
      const params = [tenant, owners.map((o) => o.owner), owners.map((o) => o.dayStart), owners.map((o) => o.weekStart)];
      for (const r of (await db.query(loadsSql, params)).rows) {
        out[String(r.owner)] = { openLeads: toNumber(r.open), assignedToday: toNumber(r.today), assignedThisWeek: toNumber(r.week) };
      }
      return out;
    },

    async inboxIntake(tenant, since) {
      const [recent, last] = await Promise.all([db.query(intakeSql, [tenant, since]), db.query(lastSql, [tenant])]);
      return mapIntake(recent.rows, last.rows[0]?.last_at);
    },

    async inboxDepth(tenant) {
      const [live, failed] = await Promise.all([db.query(liveSql, [tenant]), db.query(failedCountSql, [tenant])]);
      return mapDepth(live.rows, failed.rows[0]?.n);
    },

    async listFailedInbox(tenant, limit) {
      return (await db.query(failedSql, [tenant, limit])).rows.map(mapFailedInboxRow);
    },

    async inboxRequeueFailed(tenant, ids, now) {
      const r = ids === null ? await db.query(requeueSql, [tenant, now]) : await db.query(`${requeueSql} AND id = ANY($3::bigint[])`, [tenant, now, ids]);
      return r.rowCount ?? 0;
    },
  };
}
