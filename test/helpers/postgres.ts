// PostgreSQL for tests that need a shared server: the URL (LEAD_ROUTER_TEST_POSTGRES_URL or the
// local default), a fresh schema per use (DATABASE_URL ...?schema=...), dropped by dropSchemas().
import pg from 'pg';

export const POSTGRES_URL = process.env.LEAD_ROUTER_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

const created: string[] = [];

/** A schema name no other test run uses. */
export function freshSchema(prefix: string): string {
  const schema = `${prefix}_${process.pid}_${Date.now().toString(36)}_${created.length}`;
  created.push(schema);
  return schema;
}

/** DATABASE_URL for a lead-router process on `schema`. */
export function databaseUrl(schema: string): string {
  return `${POSTGRES_URL}${POSTGRES_URL.includes('?') ? '&' : '?'}schema=${schema}`;
}

export async function dropSchemas(): Promise<void> {
  const client = new pg.Client({ connectionString: POSTGRES_URL });
  await client.connect();
  try {
    for (const schema of created.splice(0)) await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await client.end();
  }
}
