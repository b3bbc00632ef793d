// The config deciding each tenant's leads, on both stores: the file until a version is
// published (by any process sharing the store), the active version after the next poll,
// the file again when the tenant's versions are gone; a version this build cannot load
// keeps the running config.
import { afterAll, afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { loadConfig, type LoadedConfig } from '../../../src/config/load.ts';
import { createLogger } from '../../../src/logger.ts';
import type { Store } from '../../../src/store/types.ts';
import { configLabel } from '../../../src/tenants/config-label.ts';
import { publishConfig, rollbackConfig } from '../../../src/tenants/config-versions.ts';
import { createTenantConfigs } from '../../../src/tenants/tenant-configs.ts';
import { POSTGRES, SQLITE, dropSchemas } from './both-stores.ts';

const T0 = 1_700_000_000_000;
const A = 'hubspot:1';
const B = 'pipedrive:2';
const VERTICAL = readFileSync('config/examples/vertical-teams.yaml', 'utf8');
const SLA = readFileSync('config/examples/sla.yaml', 'utf8');

afterAll(dropSchemas);

function recordingLogger() {
  const lines: { level: string; message: string; meta: Record<string, unknown> }[] = [];
  const logger = createLogger({ level: 'debug' });
  for (const level of ['info', 'warn', 'error'] as const) {
    (logger as unknown as Record<string, unknown>)[level] = (message: string, meta: Record<string, unknown> = {}) => void lines.push({ level, message, meta });
  }
  return { logger, lines };
}

describe.each([SQLITE, POSTGRES])('tenant configs on $name', (kind) => {
  let store: Store;
  let file: LoadedConfig;
  beforeEach(async () => {
    store = await kind.open();
    file = loadConfig('config/lead-router.yaml');
  });
  afterEach(async () => {
    await store.close();
  });

  it('uses the file until a version is published, then that tenant\'s version only', async () => {
    const configs = createTenantConfigs({ store, file: () => file, logger: recordingLogger().logger });
    await configs.refresh();
    expect(configs.get(A)).toBe(file);
    expect(configs.get()).toBe(file);

    await publishConfig(store, { tenant: A, yaml: VERTICAL, author: 'ada', now: T0 });
    expect(configs.get(A)).toBe(file); // not before the next poll
    await configs.refresh();
    expect(configLabel(configs.get(A))).toBe('v1');
    expect(configs.get(A).config.teams.map((t) => t.name)).toEqual(loadConfig('config/examples/vertical-teams.yaml').config.teams.map((t) => t.name));
    expect(configs.get(B)).toBe(file);
    expect(configs.get()).toBe(file);

    // SIGHUP reload of the file reaches tenants without a version at once
    file = loadConfig('config/examples/sla.yaml');
    expect(configs.get(B)).toBe(file);
    expect(configLabel(configs.get(A))).toBe('v1');
  });

  it('follows publishes and rollbacks made elsewhere, and drops an uninstalled tenant\'s version', async () => {
    const configs = createTenantConfigs({ store, file: () => file, logger: recordingLogger().logger });
    await publishConfig(store, { tenant: A, yaml: VERTICAL, author: 'ada', now: T0 });
    await publishConfig(store, { tenant: A, yaml: SLA, author: 'ada', now: T0 + 1 });
    await configs.refresh();
    expect(configLabel(configs.get(A))).toBe('v2');
    await rollbackConfig(store, A, 1, 'bob', T0 + 2);
    await configs.refresh();
    expect(configLabel(configs.get(A))).toBe('v1');
    await store.deleteTenant(A);
    await configs.refresh();
    expect(configs.get(A)).toBe(file);
  });

  it('keeps the running config when a version cannot be loaded, and says so once', async () => {
    const { logger, lines } = recordingLogger();
    const configs = createTenantConfigs({ store, file: () => file, logger });
    await publishConfig(store, { tenant: A, yaml: VERTICAL, author: 'ada', now: T0 });
    await configs.refresh();
    // as if published by a build that accepted what this one rejects
    await store.appendConfigVersion({ tenant: A, yaml: 'version: 1\nfutureKey: 1\n', author: 'x', comment: '', createdAt: T0, valid: true, issues: [] }, { activate: true });
    await configs.refresh();
    await configs.refresh();
    expect(configLabel(configs.get(A))).toBe('v1');
    const errors = lines.filter((l) => l.level === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ message: expect.stringMatching(/cannot be loaded; keeping the running config/), meta: { tenant: A, version: 'v2' } });
  });

  it('polls on a timer once started, and stops', async () => {
    const configs = createTenantConfigs({ store, file: () => file, logger: recordingLogger().logger });
    configs.start(10);
    await publishConfig(store, { tenant: A, yaml: VERTICAL, author: 'ada', now: T0 });
    for (let i = 0; i < 500 && configLabel(configs.get(A)) !== 'v1'; i++) await new Promise((r) => setTimeout(r, 10));
    expect(configLabel(configs.get(A))).toBe('v1');
    configs.stop();
  });

  it('tells its owner when a poll loaded or dropped a version, and only then (the server passes it on to its pipeline thread)', async () => {
    let changes = 0;
    const configs = createTenantConfigs({ store, file: () => file, logger: recordingLogger().logger, onChange: () => void changes++ });
    await configs.refresh();
    expect(changes).toBe(0);
    await publishConfig(store, { tenant: A, yaml: VERTICAL, author: 'ada', now: T0 });
    await configs.refresh();
    expect(changes).toBe(1);
    await configs.refresh(); // nothing new
    expect(changes).toBe(1);
    await publishConfig(store, { tenant: A, yaml: SLA, author: 'ada', now: T0 + 1 });
    await rollbackConfig(store, A, 1, 'ada', T0 + 2);
    await configs.refresh(); // v2 published and rolled back between two polls: v1 is still the one loaded
    expect(changes).toBe(1);
  });
});
