// The Store contract on PostgreSQL, plus what only a shared server can show: several
// processes (pools) migrating at once, schema isolation, refusing a newer schema.
// Every store gets its own fresh schema; all of them are dropped at the end.
// Required when CI is set (see test/helpers/postgres.ts): an unreachable server fails there.
import { afterAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { POSTGRES_MIGRATIONS } from '../../../src/store/postgres/migrations.ts';
import { createPostgresStore } from '../../../src/store/postgres/create-postgres-store.ts';
import type { Store } from '../../../src/store/types.ts';
import { runStoreContract } from '../../unit/store/contract.ts';
import { POSTGRES_TEST_URL as URL, usePostgres } from '../../helpers/postgres.ts';

const RUN = `lr_test_${process.pid}_${Date.now().toString(36)}`;

const admin = new pg.Pool({ connectionString: URL, max: 2 });
const schemas: string[] = [];
const schemaOf = new WeakMap<Store, string>();

function freshSchema(): string {
  const schema = `${RUN}_${schemas.length}`;
  schemas.push(schema);
  return schema;
}

function open(schema: string): Store {
  const store = createPostgresStore(URL, { schema, poolSize: 5 });
  schemaOf.set(store, schema);
  return store;
}

// One schema per contract test (over a hundred, each with every table): dropping them takes
// longer than jest's default hook time on a loaded machine.
afterAll(async () => {
  for (const schema of schemas) await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`).catch(() => undefined);
  await admin.end();
}, 180_000);

// These need no server, so they run everywhere.
describe('postgres store without a server', () => {
  it('rejects an unsafe schema name before connecting', () => {
    expect(() => createPostgresStore(URL, { schema: 'x"; DROP TABLE y; --' })).toThrow(/Invalid PostgreSQL schema/);
  });

  it('reports an unreachable server as STORE_ERROR naming DATABASE_URL', async () => {
    const store = createPostgresStore('postgres://postgres@127.0.0.1:1/test');
    try {
      await expect(store.getCursor('k')).rejects.toMatchObject({ code: 'STORE_ERROR', message: expect.stringMatching(/DATABASE_URL/) });
    } finally {
      await store.close();
    }
  });
});

if (await usePostgres('postgres store')) {
  runStoreContract('postgres', () => open(freshSchema()), { twin: (store) => open(schemaOf.get(store)!) });

  describe('postgres specifics', () => {
    it('migrates once when several processes start at once', async () => {
      const schema = freshSchema();
      const stores = Array.from({ length: 4 }, () => open(schema));
      try {
        await Promise.all(stores.map((s) => s.migrate()));
        await stores[0]!.migrate();
        const { rows } = await admin.query(`SELECT version, name FROM "${schema}".schema_migrations ORDER BY version`);
        expect(rows).toEqual(POSTGRES_MIGRATIONS.map((m) => ({ version: m.version, name: m.name })));
      } finally {
        await Promise.all(stores.map((s) => s.close()));
      }
    });

    it('keeps schemas apart', async () => {
      const a = open(freshSchema());
      const b = open(freshSchema());
      try {
        await a.migrate();
        await b.migrate();
        await a.setCursor('k', 'a');
        expect(await b.getCursor('k')).toBeNull();
      } finally {
        await a.close();
        await b.close();
      }
    });

    it('refuses a schema migrated by a newer lead-router, naming the fix', async () => {
      const schema = freshSchema();
      const store = open(schema);
      try {
        await store.migrate();
        await admin.query(`INSERT INTO "${schema}".schema_migrations (version, name) VALUES (999, 'future')`);
        await expect(store.migrate()).rejects.toMatchObject({ code: 'STORE_ERROR', message: expect.stringMatching(/version 999.*Upgrade lead-router/s) });
      } finally {
        await store.close();
      }
    });
  });
}
