// Publishing and rolling back a tenant's config on both stores: validation first (the same
// issues `validate` reports), invalid versions kept but never active, clear errors.
import { afterAll, afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { ConfigError } from '../../../src/errors.ts';
import { loadConfig } from '../../../src/config/load.ts';
import type { Store } from '../../../src/store/types.ts';
import { configLabel, parseVersionRef } from '../../../src/tenants/config-label.ts';
import { loadConfigVersion, publishConfig, rollbackConfig } from '../../../src/tenants/config-versions.ts';
import { POSTGRES, SQLITE, dropSchemas } from './both-stores.ts';

const T0 = 1_700_000_000_000;
const TENANT = 'hubspot:42';
const GOOD = readFileSync('config/lead-router.yaml', 'utf8');
const OTHER_GOOD = readFileSync('config/examples/vertical-teams.yaml', 'utf8');
const BAD = GOOD.replace(/version: 1/, 'version: 1\nunknownKey: true');

afterAll(dropSchemas);

describe.each([SQLITE, POSTGRES])('tenant config versions on $name', (kind) => {
  let store: Store;
  beforeEach(async () => {
    store = await kind.open();
  });
  afterEach(async () => {
    await store.close();
  });

  it('publishes a valid config as the active version, keeping the YAML as written', async () => {
    const v1 = await publishConfig(store, { tenant: TENANT, yaml: GOOD, author: 'ada', comment: 'initial', now: T0 });
    expect(v1).toMatchObject({ version: 1, valid: true, issues: [], author: 'ada', comment: 'initial', createdAt: T0 });
    const active = await store.getActiveConfigVersion(TENANT);
    expect(active?.yaml).toBe(GOOD);
    const loaded = loadConfigVersion(active!);
    expect(configLabel(loaded)).toBe('v1');
    expect(loaded.config).toEqual(loadConfig('config/lead-router.yaml').config);
  });

  it('never activates an invalid config and reports the issues exactly as validate does', async () => {
    await publishConfig(store, { tenant: TENANT, yaml: GOOD, author: 'ada', now: T0 });
    const err = await publishConfig(store, { tenant: TENANT, yaml: BAD, author: 'bob', now: T0 + 1, fileName: 'drafts/bad.yaml' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as ConfigError).message).toMatch(/^Invalid config drafts\/bad\.yaml: 1 problem\n {2}- drafts\/bad\.yaml:9:1 unknownKey: /);
    const versions = await store.listConfigVersions(TENANT);
    expect(versions.map((v) => [v.version, v.valid])).toEqual([[1, true], [2, false]]);
    expect(versions[1]!.issues).toEqual((err as ConfigError).issues);
    expect((await store.getActiveConfigVersion(TENANT))?.version).toBe(1);
  });

  it('rolls back to an earlier version and refuses unknown or invalid ones with the fix', async () => {
    await publishConfig(store, { tenant: TENANT, yaml: GOOD, author: 'ada', now: T0 });
    await publishConfig(store, { tenant: TENANT, yaml: OTHER_GOOD, author: 'ada', now: T0 + 1 });
    await publishConfig(store, { tenant: TENANT, yaml: BAD, author: 'ada', now: T0 + 2 }).catch(() => undefined);
    const back = await rollbackConfig(store, TENANT, 1, 'carol', T0 + 3);
    expect(back).toMatchObject({ version: 1, activatedBy: 'carol', activatedAt: T0 + 3 });
    await expect(rollbackConfig(store, TENANT, 7, 'carol', T0)).rejects.toThrow('hubspot:42 has no config version v7 (versions: v1, v2, v3)');
    await expect(rollbackConfig(store, TENANT, 3, 'carol', T0)).rejects.toThrow(/v3 failed validation .* cannot be activated/);
    await expect(rollbackConfig(store, 'pipedrive:1', 1, 'carol', T0)).rejects.toThrow(/no versions published yet/);
    expect((await store.getActiveConfigVersion(TENANT))?.version).toBe(1);
  });
});

describe('config version names', () => {
  it('parses v3 and 3, and explains anything else', () => {
    expect(parseVersionRef('v3')).toBe(3);
    expect(parseVersionRef('12')).toBe(12);
    expect(() => parseVersionRef('latest')).toThrow(/"latest" is not a config version: use a version number such as 3 or v3/);
    expect(() => parseVersionRef('v0')).toThrow(/not a config version/);
  });

  it('names the config file by its hash', () => {
    const loaded = loadConfig('config/lead-router.yaml');
    expect(configLabel(loaded)).toBe(`file:${loaded.hash.slice(0, 12)}`);
  });
});
