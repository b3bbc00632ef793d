// DATABASE_URL -> a Store: embedded SQLite by default, PostgreSQL to scale out.
import { parseDatabaseUrl } from './parse-database-url.ts';
import { createPostgresStore } from './postgres/create-postgres-store.ts';
import { createSqliteStore } from './sqlite/create-sqlite-store.ts';
import type { SqliteOptions } from './sqlite/open-sqlite-db.ts';
import type { Store } from './types.ts';

/** Open the store DATABASE_URL names (throws EnvError for an unsupported value). Call migrate() before use. */
export function createStore(databaseUrl: string | undefined, opts: { sqlite?: SqliteOptions } = {}): Store {
  const target = parseDatabaseUrl(databaseUrl);
  if (target.kind === 'sqlite') return createSqliteStore(target.path, opts.sqlite);
  return createPostgresStore(target.url, target.schema === undefined ? {} : { schema: target.schema });
}
