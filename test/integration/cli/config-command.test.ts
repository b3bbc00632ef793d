// lead-router config list|show|publish|rollback|diff, in-process, on both stores (the CLI
// opens its own store from DATABASE_URL, as a separate process would).
import { afterAll, afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Store } from '../../../src/store/types.ts';
import { cli } from '../../unit/cli/run-cli.ts';
import { POSTGRES, dropSchemas, openSqliteFile, type StoreKind } from '../tenants/both-stores.ts';

const dir = mkdtempSync(join(tmpdir(), 'lr-config-cli-'));
const DEFAULT = readFileSync('config/lead-router.yaml', 'utf8');
const DRAFT = join(dir, 'draft.yaml');
writeFileSync(DRAFT, DEFAULT.replace('    - { name: hot, min: 70 } # call today', '    - { name: hot, min: 75 } # call today'));
const BROKEN = join(dir, 'broken.yaml');
writeFileSync(BROKEN, DEFAULT.replace('version: 1 #', 'versoin: 1 #'));

let files = 0;
const SQLITE_FILE: StoreKind = {
  name: 'sqlite',
  open: () => openSqliteFile(join(dir, `s${++files}.db`)),
  urlOf: (s) => POSTGRES.urlOf(s),
};

afterAll(dropSchemas);

function install(store: Store, tenant: string) {
  const [crm, id] = tenant.split(':') as ['hubspot' | 'pipedrive', string];
  return store.saveInstall({ tenant, crm, externalId: id, credentials: 'x', meta: {}, installedAt: 1, updatedAt: 1 });
}

describe.each([SQLITE_FILE, POSTGRES])('lead-router config on $name', (kind) => {
  let store: Store;
  let env: Record<string, string>;
  beforeEach(async () => {
    store = await kind.open();
    env = { DATABASE_URL: kind.urlOf(store), USER: 'ada' };
    await install(store, 'hubspot:62515');
  });
  afterEach(async () => {
    await store.close();
  });

  it('publishes, lists, shows and rolls back the only tenant\'s config (no --tenant needed)', async () => {
    let r = await cli(['config', 'list'], { env });
    expect(r).toMatchObject({ code: 0, stdout: 'hubspot:62515: no config versions; the config file applies (config/lead-router.yaml)\n' });

    r = await cli(['config', 'publish', 'config/lead-router.yaml', '-m', 'start from the default'], { env });
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('hubspot:62515: published config/lead-router.yaml as v1 (active; running servers switch within 2 s)\n');
    r = await cli(['config', 'publish', DRAFT, '--author', 'bob'], { env });
    expect(r.stdout).toMatch(/^hubspot:62515: published .*draft\.yaml as v2 \(active/);

    r = await cli(['config', 'list'], { env });
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toMatch(/^hubspot:62515: v2 active since \d{4}-\d\d-\d\dT.* \(by bob\)$/);
    expect(lines[1]).toMatch(/^VERSION +STATUS +CREATED +AUTHOR +COMMENT/);
    expect(lines[2]).toMatch(/^ v1 +valid +\S+ +ada +start from the default$/);
    expect(lines[3]).toMatch(/^\*v2 +active +\S+ +bob +-$/);

    expect((await cli(['config', 'show'], { env })).stdout).toBe(readFileSync(DRAFT, 'utf8'));
    expect((await cli(['config', 'show', 'v1'], { env })).stdout).toBe(DEFAULT);

    r = await cli(['config', 'rollback', 'v1'], { env });
    expect(r).toMatchObject({ code: 0, stdout: 'hubspot:62515: v1 is active (was v2); running servers switch within 2 s\n' });
    expect((await store.getActiveConfigVersion('hubspot:62515'))?.version).toBe(1);
  });

  it('refuses an invalid config with validate\'s messages, keeps it, and leaves the active version', async () => {
    await cli(['config', 'publish', 'config/lead-router.yaml'], { env });
    const r = await cli(['config', 'publish', BROKEN], { env });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    const validate = await cli(['validate', BROKEN]);
    expect(r.stderr).toBe(`${validate.stderr}hubspot:62515: not published; kept as v2 (invalid, never active). Fix the problems and publish again.\n`);
    expect(r.stderr).toMatch(/broken\.yaml:8:1 versoin: /);
    expect((await cli(['config', 'list'], { env })).stdout).toMatch(/\n v2 +invalid \(\d+ problems?\)/);
    expect((await cli(['config', 'rollback', '2'], { env })).stderr).toMatch(/v2 failed validation when it was published and cannot be activated/);
    expect((await store.getActiveConfigVersion('hubspot:62515'))?.version).toBe(1);
  });

  it('diffs two versions, a version and the file, or says they are equal', async () => {
    await cli(['config', 'publish', 'config/lead-router.yaml'], { env });
    await cli(['config', 'publish', DRAFT], { env });
    const r = await cli(['config', 'diff', '1', 'v2'], { env });
    expect(r.code).toBe(0);
    const line = DEFAULT.split('\n').findIndex((l) => l.includes('name: hot, min: 70')) + 1;
    expect(r.stdout).toBe(
      [
        '--- hubspot:62515 v1',
        '+++ hubspot:62515 v2',
        `@@ -${line - 3},7 +${line - 3},7 @@`,
        ...DEFAULT.split('\n').slice(line - 4, line - 1).map((l) => ` ${l}`),
        '-    - { name: hot, min: 70 } # call today',
        '+    - { name: hot, min: 75 } # call today',
        ...DEFAULT.split('\n').slice(line, line + 3).map((l) => ` ${l}`),
        '',
      ].join('\n'),
    );
    expect((await cli(['config', 'diff', 'file', 'v1'], { env })).stdout).toBe('no differences between config/lead-router.yaml and hubspot:62515 v1\n');
    expect((await cli(['config', 'diff', 'active', 'file'], { env })).stdout).toMatch(/^--- hubspot:62515 v2 \(active\)\n\+\+\+ config\/lead-router\.yaml\n@@/);
  });

  it('names unknown tenants and versions, and asks for --tenant when several tenants exist', async () => {
    let r = await cli(['config', 'list', '--tenant', 'hubspot:999'], { env });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^unknown tenant "hubspot:999" \(known: hubspot:62515\)\. Use a tenant key such as hubspot:<portal id>/);
    r = await cli(['config', 'show', 'v4'], { env });
    expect(r).toMatchObject({ code: 1, stderr: 'hubspot:62515 has no config version v4 (none published yet)\n' });
    r = await cli(['config', 'rollback', 'latest'], { env });
    expect(r.stderr).toMatch(/"latest" is not a config version: use a version number such as 3 or v3/);

    await install(store, 'pipedrive:8087566');
    r = await cli(['config', 'list'], { env });
    expect(r).toMatchObject({ code: 1, stderr: '2 tenants: choose one with --tenant (known: hubspot:62515, pipedrive:8087566)\n' });
    // the id alone is enough when it is unambiguous
    r = await cli(['config', 'publish', 'config/examples/sla.yaml', '--tenant', '8087566'], { env });
    expect(r.stdout).toMatch(/^pipedrive:8087566: published config\/examples\/sla\.yaml as v1/);
    expect(await store.listConfigVersions('hubspot:62515')).toEqual([]);
  });
});
