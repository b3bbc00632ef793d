// Install templates (issue 9): a new tenant starts from a shipped example with its owners
// resolved from the CRM's users, flagged "not yet reviewed" until an admin publishes.
import { afterAll, afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { formatConfigVersions } from '../../../src/cli/format/config-versions.ts';
import type { Store } from '../../../src/store/types.ts';
import { loadConfigVersion, publishConfig } from '../../../src/tenants/config-versions.ts';
import { INSTALL_TEMPLATE_AUTHOR, isUnreviewed, resolveTemplateOwners, startFromTemplate, templateNames } from '../../../src/tenants/install-template.ts';
import { POSTGRES, SQLITE, dropSchemas } from './both-stores.ts';

const T0 = Date.UTC(2026, 11, 1);
const users = [
  { id: '11', email: 'first@acme.test', active: true, name: 'First Rep' },
  { id: '12', email: 'gone@acme.test', active: false },
  { id: '13', email: 'second@acme.test', active: true },
];

describe('resolveTemplateOwners', () => {
  it('gives the template owners the CRM users, wherever the template names them, comments kept', () => {
    const yaml = `owners: # who
  - { email: anna@example.com, timezone: Europe/Berlin }
  - { email: ben@example.com }
  - { email: carl@example.com }
teams:
  - { name: t, members: [anna@example.com, ben@example.com] }
routing:
  rules:
    - { name: r, assign: { owner: Ben@example.com } }
`;
    const { yaml: out, mapped } = resolveTemplateOwners(yaml, users);
    expect(mapped).toBe(2);
    expect(out).toContain('# who');
    expect(out).toContain('{ email: first@acme.test, timezone: Europe/Berlin, name: First Rep }');
    expect(out).toContain('members: [ first@acme.test, second@acme.test ]');
    expect(out).toContain('assign: { owner: second@acme.test }');
    expect(out).toContain('carl@example.com'); // more template owners than users: left for review
    expect(out).not.toContain('gone@acme.test'); // inactive users are not given leads
  });

  it('offers the shipped examples', () => {
    expect(templateNames()).toEqual(expect.arrayContaining(['vertical-teams', 'weighted-round-robin', 'region-by-postcode']));
  });
});

describe.each([SQLITE, POSTGRES])('install templates on $name', (kind) => {
  let store: Store;
  beforeEach(async () => {
    store = await kind.open();
  });
  afterEach(async () => {
    await store.close();
  });
  afterAll(dropSchemas);

  it('publishes the template for a new tenant, unreviewed until an admin publishes', async () => {
    const v1 = await startFromTemplate(store, { tenant: 'hubspot:7', template: 'vertical-teams', users, now: T0 });
    expect(v1).toMatchObject({ version: 1, valid: true, author: INSTALL_TEMPLATE_AUTHOR });
    const active = await store.getActiveConfigVersion('hubspot:7');
    expect(isUnreviewed(active)).toBe(true);
    expect(loadConfigVersion(active!).config.owners.slice(0, 2).map((o) => o.email)).toEqual(['first@acme.test', 'second@acme.test']);
    const listed = formatConfigVersions('hubspot:7', await store.listConfigVersions('hubspot:7'), active, 'lead-router.yaml');
    expect(listed).toMatch(/not yet reviewed: the active version came from the install template/);
    expect(listed).toMatch(/\*v1 +active, not yet reviewed/);

    // A reinstall keeps the tenant's versions.
    expect(await startFromTemplate(store, { tenant: 'hubspot:7', template: 'sla', users, now: T0 + 1 })).toBeNull();

    // The admin publishes (here: the same YAML, reviewed): no longer flagged.
    await publishConfig(store, { tenant: 'hubspot:7', yaml: active!.yaml, author: 'admin@acme.test', comment: 'reviewed', now: T0 + 2 });
    const reviewed = await store.getActiveConfigVersion('hubspot:7');
    expect(isUnreviewed(reviewed)).toBe(false);
    expect(formatConfigVersions('hubspot:7', await store.listConfigVersions('hubspot:7'), reviewed, 'lead-router.yaml')).not.toMatch(/not yet reviewed:/);
  });
});
