// Which PostgreSQL the tests use, and whether they may run without one.
// LEAD_ROUTER_TEST_POSTGRES_URL picks the server (default: a local one, database `test`).
// When CI is set (.ci/run sets CI=1) PostgreSQL is REQUIRED: an unreachable server fails the
// suite instead of skipping it. Locally, without CI, the suite is skipped with a message.
import { describe, it } from '@jest/globals';
import pg from 'pg';

export const POSTGRES_TEST_URL = process.env.LEAD_ROUTER_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** True when CI is set to anything but "" / "0" / "false". */
export function postgresRequired(env: NodeJS.ProcessEnv = process.env): boolean {
  const ci = (env.CI ?? '').trim().toLowerCase();
  return ci !== '' && ci !== '0' && ci !== 'false';
}

/** null when the server answers `SELECT 1`, else the reason it did not. */
export async function postgresUnreachableReason(url: string = POSTGRES_TEST_URL): Promise<string | null> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return null;
  } catch (err) {
    return (err as Error).message || String(err);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * Call at the top level of a test file whose suites need PostgreSQL. Resolves true when the
 * server is reachable (register the suites). Otherwise registers, under `name`, a failing test
 * when PostgreSQL is required (CI) or a skipped one with the reason, and resolves false.
 */
export async function usePostgres(name: string, url: string = POSTGRES_TEST_URL): Promise<boolean> {
  const reason = await postgresUnreachableReason(url);
  if (reason === null) return true;
  const message = `cannot reach PostgreSQL at ${url} (${reason}). Start PostgreSQL (README, "Development") or set LEAD_ROUTER_TEST_POSTGRES_URL.`;
  if (postgresRequired()) {
    describe(name, () => {
      it('needs a reachable PostgreSQL (required because CI is set)', () => {
        throw new Error(message);
      });
    });
  } else {
    console.warn(`Skipping ${name}: ${message} Set CI=1 to make this a failure.`);
    describe.skip(`${name} (PostgreSQL unreachable)`, () => {
      it('runs against PostgreSQL', () => undefined);
    });
  }
  return false;
}

// ---- fresh schemas for tests that run several lead-router processes on one server ----------

export const POSTGRES_URL = POSTGRES_TEST_URL;

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

/** Reachable: run on it. Unreachable: fail under CI (PostgreSQL is required there), else warn and skip. */
export async function pgReachable(url: string = POSTGRES_TEST_URL): Promise<boolean> {
  const reason = await postgresUnreachableReason(url);
  if (reason === null) return true;
  const message = `cannot reach PostgreSQL at ${url} (${reason}). Start PostgreSQL or set LEAD_ROUTER_TEST_POSTGRES_URL.`;
  if (postgresRequired()) throw new Error(`${message} PostgreSQL is required because CI is set.`);
  console.warn(`Skipping the PostgreSQL run: ${message}`);
  return false;
}
