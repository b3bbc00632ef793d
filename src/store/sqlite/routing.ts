// Routing on SQLite. BEGIN IMMEDIATE is the tenant lock (it is in fact a database lock: one
// SQLite file has one writer). The callback is synchronous and node:sqlite is too, so load,
// decide and write happen without yielding to the event loop. Each transaction takes the next
// number of the routing order under that lock (preview replays in it).
import type { RotationUpdate, RoutingState } from '../../engine/types.ts';
import { passThrough } from '../guard-store.ts';
import { mapAssignmentRow } from '../map-rows.ts';
import { absencesAfter, applyAbsences, applyRotationRows, assertAssignmentTarget, createEmptyRoutingState } from '../routing-state.ts';
import type { AssignmentInput, AssignmentRecord, OwnerPeriod, Store, TenantKey } from '../types.ts';
import { jsonList, type SqliteDb } from './open-sqlite-db.ts';
import { loadSqliteAbsences } from './absences.ts';

type RoutingMethods = Pick<Store, 'routeAtomically' | 'nextRoutingSeq' | 'getAssignment' | 'recordFirstTouch'>;

const CURRENT = 'SELECT * FROM assignments WHERE tenant = ? AND lead_id = ? AND closed = 0 ORDER BY id DESC LIMIT 1';
const COUNT_SINCE = 'SELECT count(*) AS n FROM assignments WHERE tenant = ? AND owner = ? AND assigned_at >= ?';
const COUNT_OPEN = 'SELECT count(*) AS n FROM assignments WHERE tenant = ? AND owner = ? AND closed = 0 AND first_touch_at IS NULL AND ended_at IS NULL';
// The routing order (migration 20): one counter for the file, taken under the write lock.
const NEXT_SEQ = 'UPDATE routing_order SET seq = seq + 1 WHERE id = 1 RETURNING seq';
const ROTATIONS = `SELECT r.team, r.virtual_time, p.owner, p.pointer
  FROM rotations r LEFT JOIN rotation_pointers p ON p.tenant = r.tenant AND p.team = r.team
  WHERE r.tenant = ? AND r.team IN (SELECT value FROM json_each(?))`;

export function createSqliteRouting(db: SqliteDb): RoutingMethods {
  function loadState(tenant: TenantKey, owners: OwnerPeriod[], teams: string[]): RoutingState {
    const state = createEmptyRoutingState(owners, teams);
    const since = db.stmt(COUNT_SINCE);
    const open = db.stmt(COUNT_OPEN);
    for (const o of owners) {
      state.loads[o.owner] = {
        assignedToday: Number(since.get(tenant, o.owner, o.dayStart)?.n ?? 0),
        assignedThisWeek: Number(since.get(tenant, o.owner, o.weekStart)?.n ?? 0),
        openLeads: Number(open.get(tenant, o.owner)?.n ?? 0),
      };
    }
    if (teams.length > 0) applyRotationRows(state, db.stmt(ROTATIONS).all(tenant, jsonList(teams)));
    if (owners.length > 0) applyAbsences(state, loadSqliteAbsences(db, tenant, absencesAfter(owners)));
    return state;
  }

  function nextSeq(): number {
    return Number(db.stmt(NEXT_SEQ).get()!.seq);
  }

  function current(tenant: TenantKey, leadId: string): AssignmentRecord | null {
    const row = db.stmt(CURRENT).get(tenant, leadId);
    return row ? mapAssignmentRow(row) : null;
  }

  function writeAssignment(a: AssignmentInput): void {
    db.stmt('UPDATE assignments SET closed = 1 WHERE tenant = ? AND lead_id = ? AND closed = 0').run(a.tenant, a.leadId);
    db.stmt(
      `INSERT INTO assignments (tenant, lead_id, owner, team, rule, tier, assigned_at, sla_deadline, round, nurture)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(a.tenant, a.leadId, a.owner, a.team, a.rule, a.tier, a.assignedAt, a.slaDeadline, a.round ?? 0, a.nurture ?? null);
    if (a.rotation) writeRotation(a.tenant, a.rotation);
  }

  function writeRotation(tenant: TenantKey, r: RotationUpdate): void {
    db.stmt(
      `INSERT INTO rotations (tenant, team, virtual_time) VALUES (?, ?, ?)
       ON CONFLICT (tenant, team) DO UPDATE SET virtual_time = excluded.virtual_time`,
    ).run(tenant, r.team, r.virtualTime);
    db.stmt(
      `INSERT INTO rotation_pointers (tenant, team, owner, pointer) VALUES (?, ?, ?, ?)
       ON CONFLICT (tenant, team, owner) DO UPDATE SET pointer = excluded.pointer`,
    ).run(tenant, r.team, r.owner, r.pointer);
  }

  return {
    async routeAtomically(tenant, leadId, owners, teams, fn) {
      return db.immediate(() => {
        const tx = { state: loadState(tenant, owners, teams), current: current(tenant, leadId), seq: nextSeq() };
        let out;
        try {
          out = fn(tx);
        } catch (err) {
          throw passThrough(err);
        }
        if (out.assignment) {
          assertAssignmentTarget(out.assignment, tenant, leadId);
          writeAssignment(out.assignment);
        }
        return out.result;
      });
    },

    async nextRoutingSeq() {
      return db.immediate(nextSeq);
    },

    async getAssignment(tenant, leadId) {
      return current(tenant, leadId);
    },

    async recordFirstTouch(tenant, leadId, at) {
      const r = db
        .stmt(
          `UPDATE assignments SET first_touch_at = ?
           WHERE id = (SELECT id FROM assignments WHERE tenant = ? AND lead_id = ? AND closed = 0 ORDER BY id DESC LIMIT 1)
             AND first_touch_at IS NULL`,
        )
        .run(at, tenant, leadId);
      return Number(r.changes) > 0;
    },
  };
}
