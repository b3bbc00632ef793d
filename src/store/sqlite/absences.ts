// Reps' own absences on SQLite (AbsenceRecord): appended, ended early, never deleted per row.
import { mapAbsenceRow } from '../map-rows.ts';
import type { AbsenceRecord, Store, TenantKey } from '../types.ts';
import type { SqliteDb } from './open-sqlite-db.ts';

type AbsenceMethods = Pick<Store, 'addAbsence' | 'endAbsences' | 'listAbsences'>;

/** Absences in effect after `after`: not over by their end, not ended early before it. */
export const SQLITE_ABSENCES_AFTER = `SELECT * FROM absences
  WHERE tenant = ? AND to_at > ? AND (ended_at IS NULL OR ended_at > ?) ORDER BY from_at, id`;

export function loadSqliteAbsences(db: SqliteDb, tenant: TenantKey, after: number): AbsenceRecord[] {
  return db.stmt(SQLITE_ABSENCES_AFTER).all(tenant, after, after).map(mapAbsenceRow);
}

export function createSqliteAbsences(db: SqliteDb): AbsenceMethods {
  return {
    async addAbsence(a) {
      const row = db
        .stmt('INSERT INTO absences (tenant, owner, from_at, to_at, note, set_by, set_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING *')
        .get(a.tenant, a.owner, a.from, a.to, a.note, a.setBy, a.setAt);
      return mapAbsenceRow(row!);
    },

    async endAbsences(tenant, owner, at, by) {
      const r = db
        .stmt('UPDATE absences SET ended_at = ?, ended_by = ? WHERE tenant = ? AND owner = ? AND to_at > ? AND ended_at IS NULL')
        .run(at, by, tenant, owner, at);
      return Number(r.changes);
    },

    async listAbsences(tenant, opts = {}) {
      const all = loadSqliteAbsences(db, tenant, opts.after ?? Number.MIN_SAFE_INTEGER);
      return opts.owner === undefined ? all : all.filter((a) => a.owner === opts.owner);
    },
  };
}
