// Parity on Pipedrive: the same run as simulate-parity-hubspot.test.ts through the Pipedrive
// sandbox (the app's own v2 webhooks with Basic auth, persons and organizations, per-person
// PATCH): every decision simulate replays must agree on owner, tier, score and rule.
import { afterEach, describe, expect, it } from '@jest/globals';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config/load.ts';
import { pipedriveSandboxSeeds } from '../../src/demo/pipedrive-seeds.ts';
import { EDITED_TITLE, expectCoverage, LEADS, letDeadlinesPass, OUTSIDER, parityClock, parityConfig, recordDecisions, replayThroughSimulate, sampleLeads } from './parity-harness.ts';
import { isScored, settle as settlePair, startPair, TENANT, waitUntil } from './pipedrive-harness.ts';

let cleanup: (() => Promise<void>) | null = null;
afterEach(async () => {
  await cleanup?.();
  cleanup = null;
});

describe('simulate agrees with the live pipeline', () => {
  it('gives every Pipedrive decision the same owner, tier, score and rule', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lr-parity-pd-'));
    const configFile = parityConfig(dir);
    const config = loadConfig(configFile);
    const emails = config.config.owners.map((o) => o.email);
    const seeds = pipedriveSandboxSeeds(config.config);
    const clock = parityClock();
    const { sandbox, app, close } = await startPair({
      sandbox: { ...seeds, users: [...seeds.users, { email: OUTSIDER, name: 'Out Sider', is_admin: false }], now: clock.now },
      env: { LEAD_ROUTER_CONFIG: configFile },
      now: clock.now,
    });
    cleanup = close;
    const settle = () => settlePair(sandbox, app);
    const { log, breaches, pending } = recordDecisions(app.store);
    const users = sandbox.users() as { id: number; email: string }[];
    const idOf = new Map(users.map((u) => [u.email, u.id]));

    const { companies, leads } = sampleLeads(emails);
    const orgs = sandbox.createOrganizations(
      companies.map((c) => ({
        name: c.name,
        fields: { Employees: c.employees, Industry: c.industry, Country: c.country },
        ...(c.ownerIndex !== null ? { owner_id: idOf.get(emails[c.ownerIndex]!) } : {}),
      })),
    );
    const orgId = new Map(companies.map((c, i) => [c.key, orgs[i]!['id'] as number]));
    const persons = sandbox.createPersons(
      leads.map(({ contact: c, owner }) => ({
        name: `${c.firstName} ${c.lastName}`,
        email: c.email,
        job_title: c.jobTitle,
        org_id: orgId.get(c.companyKey),
        fields: { Postcode: c.postcode },
        ...(owner ? { owner_id: idOf.get(owner) } : {}),
      })),
    );
    const ids = persons.map((p) => String(p['id']));
    await waitUntil(() => ids.every((id) => isScored(sandbox, Number(id))), 150_000, 'every lead scored');
    await settle();

    const edited = new Set(ids.filter((_, i) => i % 6 === 1));
    const decidedBefore = log.length;
    for (const id of edited) sandbox.updatePerson(Number(id), { job_title: EDITED_TITLE });
    await waitUntil(() => log.length >= decidedBefore + edited.size, 120_000, 'edited leads rescored');
    await settle();
    await letDeadlinesPass({ clock, breaches, pending, settle, waitUntil });
    expect((await app.store.inboxStats()).failed).toBe(0);
    expect(log.length).toBeGreaterThanOrEqual(LEADS + edited.size);

    const sim = await replayThroughSimulate({ dir, config, store: app.store, tenant: TENANT, ids, leads, edited, log, breaches });
    const emailOf = new Map(users.map((u) => [u.id, u.email]));
    const lastSim = new Map(sim.leads.map((l) => [l.id, l.owner]));
    for (const id of ids) {
      const ownerId = (sandbox.getPerson(Number(id)) as { owner_id: number }).owner_id;
      expect([id, emailOf.get(ownerId) ?? null]).toEqual([id, lastSim.get(id)]);
    }
    expectCoverage(log, breaches);
  }, 300_000);
});
