// Apply the pending SQLite migrations in one IMMEDIATE transaction: two processes starting on
// the same file migrate once (the second waits for the lock, then finds nothing to do).
import { LeadRouterError } from '../../errors.ts';
import type { SqliteDb } from './open-sqlite-db.ts';
import type { SqliteMigration } from './migrations.ts';

export function migrateSqlite(db: SqliteDb, migrations: readonly SqliteMigration[], now: number = Date.now()): number[] {
  return db.immediate(() => {
    db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version    INTEGER PRIMARY KEY,
      name       TEXT    NOT NULL,
      applied_at INTEGER NOT NULL
    ) STRICT`);
    const applied = new Set(
      db
        .stmt('SELECT version FROM schema_migrations')
        .all()
        .map((r) => Number(r.version)),
    );
    const known = migrations.reduce((max, m) => Math.max(max, m.version), 0);
    const newest = Math.max(0, ...applied);
    if (newest > known) {
      throw new LeadRouterError(
        'STORE_ERROR',
        `SQLite database ${db.path} has schema version ${newest}, newer than this lead-router knows (${known}). ` +
          'Upgrade lead-router, or point DATABASE_URL at another database.',
      );
    }
    const ran: number[] = [];
    for (const m of migrations) {
      if (applied.has(m.version)) continue;
      db.exec(m.sql);
      db.stmt('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(m.version, m.name, now);
      ran.push(m.version);
    }
    return ran;
  });
}
