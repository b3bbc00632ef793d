// Routing on PostgreSQL: one transaction holding the tenant's advisory lock, so app processes
// routing leads of the same tenant at once see each other's rotation and capacity updates
// (READ COMMITTED: every statement after the lock sees what the previous holder committed).
import type { RotationUpdate, RoutingState } from '../../engine/types.ts';
import { passThrough } from '../guard-store.ts';
import { mapAssignmentRow, toNumber } from '../map-rows.ts';
import { absencesAfter, applyAbsences, applyRotationRows, assertAssignmentTarget, createEmptyRoutingState } from '../routing-state.ts';
import type { AssignmentInput, AssignmentRecord, OwnerPeriod, Store, TenantKey } from '../types.ts';
import { tenantLockKey, type PgDb, type PgQuery } from './open-pg-db.ts';
import { loadPostgresAbsences } from './absences.ts';

type RoutingMethods = Pick<Store, 'routeAtomically' | 'nextRoutingSeq' | 'getAssignment' | 'recordFirstTouch'>;

export function createPostgresRouting(db: PgDb): RoutingMethods {
  const { s } = db;
  const currentSql = `SELECT * FROM ${s}.assignments WHERE tenant = $1 AND lead_id = $2 AND NOT closed ORDER BY id DESC LIMIT 1`;
  // One round trip for every owner's loads; each count is an index range scan.
  const loadsSql = `SELECT o.owner,
      (SELECT count(*) FROM ${s}.assignments a WHERE a.tenant = $1 AND a.owner = o.owner AND a.assigned_at >= o.day_start) AS today,
      (SELECT count(*) FROM ${s}.assignments a WHERE a.tenant = $1 AND a.owner = o.owner AND a.assigned_at >= o.week_start) AS week,
      (SELECT count(*) FROM ${s}.assignments a WHERE a.tenant = $1 AND a.owner = o.owner AND NOT a.closed AND a.first_touch_at IS NULL AND a.ended_at IS NULL) AS open
    FROM unnest($2::text[], $3::bigint[], $4::bigint[]) AS o (owner, day_start, week_start)`;
  // The tenant's lock, then the next number of the routing order (migration 20), in one round
  // trip: the materialized CTE runs (and waits for the lock) before nextval is evaluated, so the
  // numbers of a tenant's routing transactions increase in the order they hold the lock.
  const lockAndSeqSql = `WITH l AS MATERIALIZED (SELECT pg_advisory_xact_lock(hashtext($1), hashtext($2)))
    SELECT nextval('${s}.routing_order') AS seq FROM l`;
  const rotationsSql = `SELECT r.team, r.virtual_time, p.owner, p.pointer
    FROM ${s}.rotations r LEFT JOIN ${s}.rotation_pointers p ON p.tenant = r.tenant AND p.team = r.team
    WHERE r.tenant = $1 AND r.team = ANY($2::text[])`;

  async function loadState(query: PgQuery, tenant: TenantKey, owners: OwnerPeriod[], teams: string[]): Promise<RoutingState> {
    const state = createEmptyRoutingState(owners, teams);
    if (owners.length > 0) {
      const params = [tenant, owners.map((o) => o.owner), owners.map((o) => o.dayStart), owners.map((o) => o.weekStart)];
      for (const r of (await query(loadsSql, params)).rows) {
        state.loads[String(r.owner)] = { assignedToday: toNumber(r.today), assignedThisWeek: toNumber(r.week), openLeads: toNumber(r.open) };
      }
    }
    if (teams.length > 0) applyRotationRows(state, (await query(rotationsSql, [tenant, teams])).rows);
    if (owners.length > 0) applyAbsences(state, await loadPostgresAbsences(query, s, tenant, absencesAfter(owners)));
    return state;
  }

  async function current(query: PgQuery, tenant: TenantKey, leadId: string): Promise<AssignmentRecord | null> {
    const { rows } = await query(currentSql, [tenant, leadId]);
    return rows[0] ? mapAssignmentRow(rows[0]) : null;
  }

  async function writeAssignment(query: PgQuery, a: AssignmentInput): Promise<void> {
    await query(`UPDATE ${s}.assignments SET closed = true WHERE tenant = $1 AND lead_id = $2 AND NOT closed`, [a.tenant, a.leadId]);
    await query(
      `INSERT INTO ${s}.assignments (tenant, lead_id, owner, team, rule, tier, assigned_at, sla_deadline, round, nurture)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [a.tenant, a.leadId, a.owner, a.team, a.rule, a.tier, a.assignedAt, a.slaDeadline, a.round ?? 0, a.nurture ?? null],
    );
    if (a.rotation) await writeRotation(query, a.tenant, a.rotation);
  }

  async function writeRotation(query: PgQuery, tenant: TenantKey, r: RotationUpdate): Promise<void> {
    await query(
      `INSERT INTO ${s}.rotations (tenant, team, virtual_time) VALUES ($1, $2, $3)
       ON CONFLICT (tenant, team) DO UPDATE SET virtual_time = excluded.virtual_time`,
      [tenant, r.team, r.virtualTime],
    );
    await query(
      `INSERT INTO ${s}.rotation_pointers (tenant, team, owner, pointer) VALUES ($1, $2, $3, $4)
       ON CONFLICT (tenant, team, owner) DO UPDATE SET pointer = excluded.pointer`,
      [tenant, r.team, r.owner, r.pointer],
    );
  }

  return {
    async routeAtomically(tenant, leadId, owners, teams, fn) {
      return db.tx(async (query) => {
        const seq = toNumber((await query(lockAndSeqSql, [tenantLockKey(db.schema), tenant])).rows[0]!.seq);
        const tx = { state: await loadState(query, tenant, owners, teams), current: await current(query, tenant, leadId), seq };
        let out;
        try {
          out = fn(tx);
        } catch (err) {
          throw passThrough(err);
        }
        if (out.assignment) {
          assertAssignmentTarget(out.assignment, tenant, leadId);
          await writeAssignment(query, out.assignment);
        }
        return out.result;
      });
    },

    async nextRoutingSeq() {
      return toNumber((await db.query(`SELECT nextval('${s}.routing_order') AS seq`)).rows[0]!.seq);
    },

    async getAssignment(tenant, leadId) {
      return current(db.query, tenant, leadId);
    },

    async recordFirstTouch(tenant, leadId, at) {
      const r = await db.query(
        `UPDATE ${s}.assignments SET first_touch_at = $3
         WHERE id = (SELECT id FROM ${s}.assignments WHERE tenant = $1 AND lead_id = $2 AND NOT closed ORDER BY id DESC LIMIT 1)
           AND first_touch_at IS NULL`,
        [tenant, leadId, at],
      );
      return (r.rowCount ?? 0) > 0;
    },
  };
}
