// Cursors (backfill, reconciliation) on SQLite: plain key/value.
import type { Store } from '../types.ts';
import type { SqliteDb } from './open-sqlite-db.ts';

type CursorMethods = Pick<Store, 'getCursor' | 'setCursor'>;

export function createSqliteCursors(db: SqliteDb): CursorMethods {
  return {
    async getCursor(key) {
      const row = db.stmt('SELECT value FROM cursors WHERE key = ?').get(key);
      return row ? String(row.value) : null;
    },

    async setCursor(key, value) {
      db.stmt(
        `INSERT INTO cursors (key, value, updated_at) VALUES (?, ?, ?)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
      ).run(key, value, Date.now());
    },
  };
}
