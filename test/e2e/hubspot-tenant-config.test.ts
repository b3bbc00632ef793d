// End to end: a running app picks up a config version published by another process on the
// same store, with no restart and nothing lost, and each audit row names the config version
// that decided it (the file's hash before, "v1" after).
import { afterEach, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '../../src/config/load.ts';
import { createSqliteStore } from '../../src/store/sqlite/create-sqlite-store.ts';
import { configLabel } from '../../src/tenants/config-label.ts';
import { publishConfig } from '../../src/tenants/config-versions.ts';
import { CONFIG, PORTAL, sampleContacts, startPair, waitUntil } from './hubspot-harness.ts';

const TENANT = `hubspot:${PORTAL}`;
const props = loadConfig(CONFIG).config.writeBack.properties;
const EVA = 'eva.svobodova@example.com';
// The shipped config with one rule in front: every lead to the sales director.
const ALL_TO_EVA = readFileSync(CONFIG, 'utf8').replace(
  /^routing:\n(.*\n)*?  rules:\n/m,
  (head) => `${head}    - name: all-to-eva\n      when: { field: email, exists: true }\n      assign: { owner: ${EVA} }\n`,
);

let cleanup: (() => Promise<void>) | null = null;
afterEach(async () => {
  await cleanup?.();
  cleanup = null;
});

describe('HubSpot tenant config versions end to end', () => {
  it('switches a running app to a version published elsewhere; audits name the deciding version', async () => {
    const { sandbox, app, dir } = await startPair();
    const publisher = createSqliteStore(join(dir, 'lead-router.db')); // a second process, e.g. the CLI
    await publisher.migrate();
    cleanup = async () => {
      await publisher.close();
      await app.close();
      await sandbox.close();
    };
    const fileLabel = configLabel(app.config());
    const written = (ids: string[]) => () => ids.every((id) => sandbox.getContact(id)?.properties[props.score] !== undefined);

    const before = sandbox.createContacts(sampleContacts(10));
    await waitUntil(written(before.map((c) => c.id)), 20_000, 'write-back with the file config');
    await app.worker.drain();
    for (const c of before) expect((await app.store.getAudit(TENANT, c.id))[0]?.configVersion).toBe(fileLabel);

    await publishConfig(publisher, { tenant: TENANT, yaml: ALL_TO_EVA, author: 'ada@example.com', comment: 'all to Eva', now: Date.now() });
    await waitUntil(() => configLabel(app.config(TENANT)) === 'v1', 10_000, 'the running app to load v1');
    expect(app.config()).toBe(app.config('pipedrive:1')); // other tenants and the file: unchanged

    const after = sandbox.createContacts(sampleContacts(10, 50));
    await waitUntil(written(after.map((c) => c.id)), 20_000, 'write-back with v1');
    await app.worker.drain();
    const eva = sandbox.owners().find((o) => o.email === EVA)!;
    for (const c of after) {
      expect(sandbox.getContact(c.id)!.properties['hubspot_owner_id']).toBe(eva.id);
      const [audit] = await app.store.getAudit(TENANT, c.id);
      expect(audit).toMatchObject({ configVersion: 'v1', evaluation: { route: { rule: 'all-to-eva' } } });
    }
    expect(before.some((c) => sandbox.getContact(c.id)!.properties['hubspot_owner_id'] !== eva.id)).toBe(true);
    const inbox = await app.store.inboxStats();
    expect(inbox.failed + inbox.pending + inbox.processing).toBe(0);
  }, 60_000);
});
