// The PostgreSQL suites are required in CI: with CI set and no server, the PostgreSQL store
// suite fails (naming the URL and the fix) instead of turning into a skipped placeholder;
// without CI it is skipped with the reason. Runs that suite in a child jest against a port
// nobody listens on, so it needs no server itself.
import { describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from '../../helpers/processes.ts';

const NOWHERE = 'postgres://postgres@127.0.0.1:1/test';

function runPostgresSuite(ci: string | undefined): { status: number | null; output: string } {
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH ?? '',
    NODE_OPTIONS: '--experimental-vm-modules --disable-warning=ExperimentalWarning',
    LEAD_ROUTER_TEST_POSTGRES_URL: NOWHERE,
  };
  if (ci !== undefined) env.CI = ci;
  const r = spawnSync(join(ROOT, 'node_modules/.bin/node'), [join(ROOT, 'node_modules/jest/bin/jest.js'), '--ci', 'test/integration/store/postgres.test.ts'], {
    cwd: ROOT, env, encoding: 'utf8', timeout: 60_000,
  });
  return { status: r.status, output: `${r.stdout}\n${r.stderr}` };
}

describe('PostgreSQL suites when no server is reachable', () => {
  it('fail when CI is set, naming the URL and how to fix it', () => {
    const { status, output } = runPostgresSuite('1');
    expect(status).toBe(1);
    expect(output).toMatch(/needs a reachable PostgreSQL \(required because CI is set\)/);
    expect(output).toContain(`cannot reach PostgreSQL at ${NOWHERE}`);
    expect(output).toMatch(/LEAD_ROUTER_TEST_POSTGRES_URL/);
    // the tests that need no server still ran and passed
    expect(output).toMatch(/Tests:\s+1 failed, 2 passed, 3 total/);
  });

  it('are skipped with the reason when CI is not set', () => {
    const { status, output } = runPostgresSuite(undefined);
    expect(status).toBe(0);
    expect(output).toMatch(/Skipping postgres store: cannot reach PostgreSQL/);
    expect(output).toMatch(/Tests:\s+1 skipped, 2 passed, 3 total/);
  });
});
