// Migration tests: a store whose database was migrated only below some version and given rows
// in that older schema, then opened by the current code (store.migrate() applies the rest).
import { createPostgresStore } from '../../src/store/postgres/create-postgres-store.ts';
import { migratePostgres } from '../../src/store/postgres/migrate-postgres.ts';
import { POSTGRES_MIGRATIONS } from '../../src/store/postgres/migrations.ts';
import { openPgDb, type PgDb } from '../../src/store/postgres/open-pg-db.ts';
import { createSqliteStore } from '../../src/store/sqlite/create-sqlite-store.ts';
import { migrateSqlite } from '../../src/store/sqlite/migrate-sqlite.ts';
import { SQLITE_MIGRATIONS } from '../../src/store/sqlite/migrations.ts';
import { openSqliteDb, type SqliteDb } from '../../src/store/sqlite/open-sqlite-db.ts';
import type { Store } from '../../src/store/types.ts';

/** SQLite file at `path`: migrations below `version`, `seed`, then `check` on the migrated store. */
export async function withOlderSqlite(path: string, version: number, seed: (db: SqliteDb) => void, check: (store: Store) => Promise<void>): Promise<void> {
  const db = openSqliteDb(path);
  migrateSqlite(db, SQLITE_MIGRATIONS.filter((m) => m.version < version));
  seed(db);
  db.close();
  const store = createSqliteStore(path);
  try {
    await store.migrate();
    await check(store);
  } finally {
    await store.close();
  }
}

/** PostgreSQL schema `schema` at `url`: the same. */
export async function withOlderPostgres(
  url: string,
  schema: string,
  version: number,
  seed: (db: PgDb) => Promise<void>,
  check: (store: Store) => Promise<void>,
): Promise<void> {
  const db = openPgDb(url, { schema });
  await migratePostgres(db, POSTGRES_MIGRATIONS.filter((m) => m.version < version));
  await seed(db);
  await db.close();
  const store = createPostgresStore(url, { schema });
  try {
    await store.migrate();
    await check(store);
  } finally {
    await store.close();
  }
}
