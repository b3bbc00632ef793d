// Cursors (backfill, reconciliation) on PostgreSQL: plain key/value.
import type { Store } from '../types.ts';
import type { PgDb } from './open-pg-db.ts';

type CursorMethods = Pick<Store, 'getCursor' | 'setCursor'>;

export function createPostgresCursors(db: PgDb): CursorMethods {
  const { s } = db;
  return {
    async getCursor(key) {
      const { rows } = await db.query(`SELECT value FROM ${s}.cursors WHERE key = $1`, [key]);
      return rows[0] ? String(rows[0].value) : null;
    },

    async setCursor(key, value) {
      await db.query(
        `INSERT INTO ${s}.cursors (key, value, updated_at) VALUES ($1, $2, $3)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
        [key, value, Date.now()],
      );
    },
  };
}
