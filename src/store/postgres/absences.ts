// Reps' own absences on PostgreSQL (AbsenceRecord): appended, ended early, never deleted per row.
import { mapAbsenceRow } from '../map-rows.ts';
import type { AbsenceRecord, Store, TenantKey } from '../types.ts';
import type { PgDb } from './open-pg-db.ts';

type AbsenceMethods = Pick<Store, 'addAbsence' | 'endAbsences' | 'listAbsences'>;
type Query = PgDb['query'];

/** Absences in effect after `after`: not over by their end, not ended early before it. */
export async function loadPostgresAbsences(query: Query, schema: string, tenant: TenantKey, after: number): Promise<AbsenceRecord[]> {
  const { rows } = await query(
    `SELECT * FROM ${schema}.absences WHERE tenant = $1 AND to_at > $2 AND (ended_at IS NULL OR ended_at > $2) ORDER BY from_at, id`,
    [tenant, after],
  );
  return rows.map(mapAbsenceRow);
}

export function createPostgresAbsences(db: PgDb): AbsenceMethods {
  const { s } = db;
  return {
    async addAbsence(a) {
      const { rows } = await db.query(
        `INSERT INTO ${s}.absences (tenant, owner, from_at, to_at, note, set_by, set_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING *`,
        [a.tenant, a.owner, a.from, a.to, a.note, a.setBy, a.setAt],
      );
      return mapAbsenceRow(rows[0]!);
    },

    async endAbsences(tenant, owner, at, by) {
      const r = await db.query(
        `UPDATE ${s}.absences SET ended_at = $1, ended_by = $2 WHERE tenant = $3 AND owner = $4 AND to_at > $1 AND ended_at IS NULL`,
        [at, by, tenant, owner],
      );
      return r.rowCount ?? 0;
    },

    async listAbsences(tenant, opts = {}) {
      const all = await loadPostgresAbsences(db.query, s, tenant, opts.after ?? Number.MIN_SAFE_INTEGER);
      return opts.owner === undefined ? all : all.filter((a) => a.owner === opts.owner);
    },
  };
}
