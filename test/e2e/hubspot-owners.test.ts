// Owners in the config that HubSpot does not have (or has archived) never receive leads.
import { afterEach, describe, expect, it } from '@jest/globals';
import { loadConfig } from '../../src/config/load.ts';
import { CONFIG, sampleContacts, startPair, waitUntil } from './hubspot-harness.ts';

let cleanup: (() => Promise<void>) | null = null;
afterEach(async () => {
  await cleanup?.();
  cleanup = null;
});

describe('owner resolution', () => {
  it('skips config owners that are archived in HubSpot', async () => {
    const config = loadConfig(CONFIG).config;
    const archived = new Set(['petra.novakova@example.com', 'jan.dvorak@example.com']);
    const owners = config.owners.map((o) => ({ email: o.email, firstName: o.name ?? 'Rep', lastName: '', archived: archived.has(o.email) }));
    const { sandbox, app } = await startPair({ sandbox: { owners } });
    cleanup = async () => {
      await app.close();
      await sandbox.close();
    };
    // Czech leads would go to the cz-sales team (Petra, Jan, Tomáš).
    const created = sandbox.createContacts(sampleContacts(20).map((c) => ({ properties: { ...c.properties, country: 'CZ', jobtitle: 'Head of IT' } })));
    await waitUntil(() => created.every((c) => sandbox.getContact(c.id)?.properties['hubspot_owner_id'] !== undefined), 20_000, 'assignment');
    const byId = new Map(sandbox.owners().map((o) => [o.id, o.email]));
    const assigned = created.map((c) => byId.get(sandbox.getContact(c.id)!.properties['hubspot_owner_id']!));
    for (const email of assigned) expect(archived.has(email!)).toBe(false);
    await app.worker.drain();
    const audit = await app.store.getAudit('hubspot:62515', created[0]!.id, 10);
    expect(audit.length).toBeGreaterThan(0);
    expect(audit[audit.length - 1]!.evaluation.route.candidates.some((c) => c.skipped === 'excluded' && archived.has(c.owner))).toBe(true);
  }, 60_000);
});
