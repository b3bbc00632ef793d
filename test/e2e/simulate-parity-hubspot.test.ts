// Parity: `simulate` decides exactly what the live pipeline decided. A few hundred generated
// leads go through the HubSpot sandbox and the real app (signed webhooks, batch reads, atomic
// routing, write-back); a rep then edits some of them (rescore with an owner and an
// assignment), and the clock jumps twice by two hours so first-touch deadlines pass and SLA
// timers reassign and escalate. Then simulate runs the same leads with the same config, in the
// order the pipeline decided them and at the same instants (told only where a timer fired),
// and must give every decision the same owner, tier, score and rule (parity-harness.ts).
import { afterEach, describe, expect, it } from '@jest/globals';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config/load.ts';
import { startPair, waitUntil } from './hubspot-harness.ts';
import { EDITED_TITLE, expectCoverage, LEADS, letDeadlinesPass, OUTSIDER, parityClock, parityConfig, recordDecisions, replayThroughSimulate, sampleLeads } from './parity-harness.ts';

const TENANT = 'hubspot:62515';
let cleanup: (() => Promise<void>) | null = null;
afterEach(async () => {
  await cleanup?.();
  cleanup = null;
});

describe('simulate agrees with the live pipeline', () => {
  it('gives every HubSpot decision the same owner, tier, score and rule', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lr-parity-'));
    const configFile = parityConfig(dir);
    const config = loadConfig(configFile);
    const emails = config.config.owners.map((o) => o.email);
    const owners = [...config.config.owners.map((o) => ({ email: o.email, firstName: o.name ?? 'Rep', lastName: '' })), { email: OUTSIDER, firstName: 'Out', lastName: 'Sider' }];
    // One clock for the app and the sandbox (webhook signatures carry its timestamps).
    const clock = parityClock();
    const { sandbox, app } = await startPair({ sandbox: { owners, now: clock.now }, env: { LEAD_ROUTER_CONFIG: configFile }, now: clock.now });
    cleanup = async () => {
      await app.close();
      await sandbox.close();
    };
    const settle = async () => {
      await sandbox.flushWebhooks();
      await app.worker.drain();
    };
    const { log, breaches, pending } = recordDecisions(app.store);
    const idOf = new Map(sandbox.owners().map((o) => [o.email, o.id]));

    const { companies, leads } = sampleLeads(emails);
    const companyIds = new Map(
      sandbox
        .createCompanies(
          companies.map((c) => ({
            name: c.name,
            domain: c.domain,
            industry: c.industry,
            numberofemployees: String(c.employees),
            country: c.country,
            ...(c.ownerIndex !== null ? { hubspot_owner_id: idOf.get(emails[c.ownerIndex]!) } : {}),
          })),
        )
        .map((view, i) => [companies[i]!.key, view.id]),
    );
    const ids = leads.map(({ contact: c, owner }) => {
      const properties = { email: c.email, firstname: c.firstName, lastname: c.lastName, jobtitle: c.jobTitle, country: c.country, zip: c.postcode, ...(owner ? { hubspot_owner_id: idOf.get(owner) } : {}) };
      return sandbox.createContacts([{ properties, companyId: companyIds.get(c.companyKey)! }])[0]!.id;
    });
    const scoreProp = config.config.writeBack.properties.score;
    await waitUntil(() => ids.every((id) => sandbox.getContact(id)?.properties[scoreProp] !== undefined), 60_000, 'every lead scored');
    await settle();

    // A rep edits every sixth lead's title: rescored (and re-routed, keepCurrentOwner is off)
    // while it already has an owner and an assignment.
    const edited = new Set(ids.filter((_, i) => i % 6 === 1));
    const decidedBefore = log.length;
    for (const id of edited) sandbox.updateContact(id, { jobtitle: EDITED_TITLE });
    await waitUntil(() => log.length >= decidedBefore + edited.size, 60_000, 'edited leads rescored');
    await settle();
    await letDeadlinesPass({ clock, breaches, pending, settle, waitUntil });
    expect((await app.store.inboxStats()).failed).toBe(0);
    expect(log.length).toBeGreaterThanOrEqual(LEADS + edited.size);

    const sim = await replayThroughSimulate({ dir, config, store: app.store, tenant: TENANT, ids, leads, edited, log, breaches });
    // The owner each lead ends with in the CRM is simulate's last decision for it.
    const ownerEmail = new Map(sandbox.owners().map((o) => [o.id, o.email]));
    const lastSim = new Map(sim.leads.map((l) => [l.id, l.owner]));
    for (const id of ids) expect([id, ownerEmail.get(sandbox.getContact(id)!.properties['hubspot_owner_id']!) ?? null]).toEqual([id, lastSim.get(id)]);
    expectCoverage(log, breaches);
  }, 120_000);
});
