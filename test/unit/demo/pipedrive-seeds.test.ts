import { describe, expect, it } from '@jest/globals';
import { join } from 'node:path';
import { loadConfig } from '../../../src/config/load.ts';
import { pipedriveSandboxSeeds } from '../../../src/demo/pipedrive-seeds.ts';

describe('pipedriveSandboxSeeds', () => {
  it("seeds the sandbox with the config's owners (plus a non-rep admin) and the custom fields its `fields:` read", () => {
    const config = loadConfig(join(import.meta.dirname, '../../../config/lead-router.yaml')).config;
    const seeds = pipedriveSandboxSeeds(config);
    expect(seeds.users[0]).toEqual({ email: 'admin@acme.test', name: 'Acme Admin', is_admin: true });
    expect(seeds.users.slice(1).map((u) => u.email)).toEqual(config.owners.map((o) => o.email));
    // Built-ins (emails, job_title) are not custom fields; types follow the config's `type`.
    expect(seeds.personFields).toEqual([
      { name: 'Postcode', type: 'varchar' },
      { name: 'Product interest', type: 'varchar' },
      { name: 'Email opens', type: 'double' },
      { name: 'Page views', type: 'double' },
      { name: 'Email opt-out', type: 'enum', options: ['Yes', 'No'] },
      { name: 'Email bounced', type: 'enum', options: ['Yes', 'No'] },
    ]);
    expect(seeds.organizationFields).toEqual([
      { name: 'Employees', type: 'double' },
      { name: 'Industry', type: 'varchar' },
      { name: 'Country', type: 'varchar' },
    ]);
  });
});
