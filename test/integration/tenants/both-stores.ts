// The two stores (SQLite in memory, PostgreSQL in a fresh schema) for tests of features built
// on the store. PostgreSQL: LEAD_ROUTER_TEST_POSTGRES_URL or the local test database, as in
// test/integration/store/postgres.test.ts. Call dropSchemas() in afterAll.
import pg from 'pg';
import { createPostgresStore } from '../../../src/store/postgres/create-postgres-store.ts';
import { createSqliteStore } from '../../../src/store/sqlite/create-sqlite-store.ts';
import type { Store } from '../../../src/store/types.ts';

export const POSTGRES_URL = process.env.LEAD_ROUTER_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const RUN = `lr_tenants_${process.pid}_${Date.now().toString(36)}`;
const schemas: string[] = [];

export interface StoreKind {
  name: 'sqlite' | 'postgres';
  /** A fresh, migrated store. */
  open(): Promise<Store>;
  /** The DATABASE_URL a CLI process would use for the same database as `store`. */
  urlOf(store: Store): string;
}

const urls = new WeakMap<Store, string>();

export const SQLITE: StoreKind = {
  name: 'sqlite',
  async open() {
    const store = createSqliteStore(':memory:');
    await store.migrate();
    return store;
  },
  urlOf: (store) => urls.get(store) ?? ':memory:',
};

export const POSTGRES: StoreKind = {
  name: 'postgres',
  async open() {
    const schema = `${RUN}_${schemas.length}`;
    schemas.push(schema);
    const store = createPostgresStore(POSTGRES_URL, { schema, poolSize: 3 });
    urls.set(store, `${POSTGRES_URL}?schema=${schema}`);
    await store.migrate();
    return store;
  },
  urlOf: (store) => urls.get(store)!,
};

/** Open a SQLite store on a file (shared with CLI runs through DATABASE_URL). */
export async function openSqliteFile(path: string): Promise<Store> {
  const store = createSqliteStore(path);
  urls.set(store, path);
  await store.migrate();
  return store;
}

export async function dropSchemas(): Promise<void> {
  if (!schemas.length) return;
  const admin = new pg.Client({ connectionString: POSTGRES_URL });
  await admin.connect();
  try {
    for (const s of schemas.splice(0)) await admin.query(`DROP SCHEMA IF EXISTS "${s}" CASCADE`);
  } finally {
    await admin.end();
  }
}
