// Apply the pending PostgreSQL migrations in one transaction under an advisory lock: when
// several app processes start at once, one migrates and the others wait, then find nothing
// to do. The transaction-scoped lock (pg_advisory_xact_lock) is released by COMMIT/ROLLBACK
// even if the process dies, and works through PgBouncer in transaction mode.
import { LeadRouterError } from '../../errors.ts';
import type { PostgresMigration } from './migrations.ts';
import type { PgDb } from './open-pg-db.ts';

export async function migratePostgres(db: PgDb, migrations: readonly PostgresMigration[]): Promise<number[]> {
  return db.tx(async (query) => {
    await query('SELECT pg_advisory_xact_lock(hashtext($1), hashtext($2))', ['lead-router:migrate', db.schema]);
    // Checked first: CREATE SCHEMA IF NOT EXISTS needs the CREATE privilege even when the schema exists.
    const exists = await query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [db.schema]);
    if (exists.rowCount === 0) await query(`CREATE SCHEMA ${db.s}`);
    await query(`CREATE TABLE IF NOT EXISTS ${db.s}.schema_migrations (
      version    INTEGER     PRIMARY KEY,
      name       TEXT        NOT NULL,
      applied_at TIMESTAMPTZ NOT NULL DEFAULT now()
    )`);
    const applied = new Set((await query(`SELECT version FROM ${db.s}.schema_migrations`)).rows.map((r) => Number(r.version)));
    const known = migrations.reduce((max, m) => Math.max(max, m.version), 0);
    const newest = Math.max(0, ...applied);
    if (newest > known) {
      throw new LeadRouterError(
        'STORE_ERROR',
        `PostgreSQL schema "${db.schema}" has schema version ${newest}, newer than this lead-router knows (${known}). ` +
          'Upgrade lead-router, or point DATABASE_URL at another database or schema.',
      );
    }
    const ran: number[] = [];
    for (const m of migrations) {
      if (applied.has(m.version)) continue;
      await query(m.sql(db.s));
      await query(`INSERT INTO ${db.s}.schema_migrations (version, name) VALUES ($1, $2)`, [m.version, m.name]);
      ran.push(m.version);
    }
    return ran;
  });
}
