// A pg Pool bound to one schema, with the transaction shape the store uses. Table names are
// schema-qualified in every statement and locks are transaction-scoped: no session state
// (search_path, session locks), so a pooler in transaction mode (PgBouncer) is fine, and
// tests run side by side in their own schemas.
import pg from 'pg';
import type { QueryResult, QueryResultRow } from 'pg';
import { LeadRouterError } from '../../errors.ts';
import { POSTGRES_SCHEMA_NAME } from '../store-conventions.ts';

export type PgQuery = <R extends QueryResultRow = Record<string, unknown>>(sql: string, params?: unknown[]) => Promise<QueryResult<R>>;

export interface PgDb {
  /** The unquoted schema name. */
  readonly schema: string;
  /** The quoted schema, ready to prefix table names: `${db.s}.inbox`. */
  readonly s: string;
  query: PgQuery;
  /** BEGIN ... COMMIT on one pooled connection; ROLLBACK (and rethrow) if fn throws. */
  tx<T>(fn: (query: PgQuery) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export interface PgStoreOptions {
  /** Schema holding lead-router's tables (created by migrate()). Default "public". */
  schema?: string;
  /** Pool size per process. Default 10. */
  poolSize?: number;
  /** Errors of idle pooled connections (server restart, network). The pool drops the client either way. */
  onError?: (err: Error) => void;
}

export function openPgDb(url: string, opts: PgStoreOptions = {}): PgDb {
  const schema = opts.schema ?? 'public';
  if (!POSTGRES_SCHEMA_NAME.test(schema)) {
    throw new LeadRouterError(
      'STORE_ERROR',
      `Invalid PostgreSQL schema "${schema}": use lower-case letters, digits and "_" (at most 63, not starting with a digit), ` +
        'e.g. DATABASE_URL=postgres://host/db?schema=lead_router',
    );
  }
  const pool = new pg.Pool({ connectionString: url, max: opts.poolSize ?? 10 });
  // Without a listener an idle client's error (e.g. the server restarting) would crash the process.
  pool.on('error', (err) => opts.onError?.(err));
  let closed: Promise<void> | undefined;

  const query: PgQuery = (sql, params) => pool.query(sql, params);
  return {
    schema,
    s: `"${schema}"`,
    query,
    async tx(fn) {
      const client = await pool.connect();
      let broken: Error | undefined;
      try {
        await client.query('BEGIN');
        const result = await fn((sql, params) => client.query(sql, params));
        await client.query('COMMIT');
        return result;
      } catch (err) {
        try {
          await client.query('ROLLBACK');
        } catch (rollbackErr) {
          // The connection is unusable: destroy it instead of returning it to the pool.
          broken = rollbackErr instanceof Error ? rollbackErr : new Error(String(rollbackErr));
        }
        throw err;
      } finally {
        client.release(broken);
      }
    },
    close() {
      closed ??= pool.end();
      return closed;
    },
  };
}

/**
 * Serialize work on one tenant across every process sharing the database, until the end of
 * the transaction. Two-key form: the first key namespaces lead-router (and the schema), so the
 * lock never collides with another application's advisory locks or with the migration lock.
 */
/** The first key of a tenant's advisory lock (the second is the tenant): per schema. */
export function tenantLockKey(schema: string): string {
  return `lead-router:tenant:${schema}`;
}

export async function lockTenant(query: PgQuery, schema: string, tenant: string): Promise<void> {
  await query('SELECT pg_advisory_xact_lock(hashtext($1), hashtext($2))', [tenantLockKey(schema), tenant]);
}
