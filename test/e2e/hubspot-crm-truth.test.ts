// Open leads are the CRM's truth, end to end against the HubSpot sandbox: a manager reassigns a
// routed contact in HubSpot (CRM_UI change of hubspot_owner_id, a signed webhook), lead-router
// moves the lead between the reps' open loads (the next lead's least-loaded pick shows it) and
// records implicit wrong-owner feedback; its own owner writes (INTEGRATION echoes) record none;
// a contact marked UNQUALIFIED or moved to lifecycle stage "customer" stops counting as open.
import { afterEach, describe, expect, it } from '@jest/globals';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunningApp } from '../../src/main.ts';
import type { OwnerPeriod } from '../../src/store/types.ts';
import { PORTAL, startPair, waitUntil } from './hubspot-harness.ts';

const TENANT = `hubspot:${PORTAL}`;
const ANNA = 'anna@example.com';
const BEN = 'ben@example.com';
const YAML = `version: 1
fields:
  email: { hubspot: email }
scoring:
  fit:
    groups:
      - name: any
        rules:
          - { field: email, matches: '@', points: 10 }
tiers:
  priority:
    - { name: hot, min: 50 }
    - { name: cold }
owners:
  - { email: ${ANNA} }
  - { email: ${BEN} }
teams:
  - { name: reps, members: [${ANNA}, ${BEN}], strategy: least_loaded }
routing:
  rules:
    - { name: everyone, assign: { team: reps } }
`;

let cleanup: (() => Promise<void>) | null = null;
afterEach(async () => {
  await cleanup?.();
  cleanup = null;
});

async function openLoads(app: RunningApp): Promise<Record<string, number>> {
  const owners: OwnerPeriod[] = [ANNA, BEN].map((owner) => ({ owner, dayStart: 0, weekStart: 0 }));
  const loads = await app.store.routeAtomically(TENANT, 'probe', owners, [], (tx) => ({ result: tx.state.loads }));
  return Object.fromEntries(Object.entries(loads).map(([o, l]) => [o, l.openLeads]));
}

describe('HubSpot: open leads follow the CRM', () => {
  it('follows a manager reassignment, ignores our own echoes, and closes unqualified / customer leads', async () => {
    const configPath = join(mkdtempSync(join(tmpdir(), 'lr-crm-truth-')), 'lead-router.yaml');
    writeFileSync(configPath, YAML);
    const { sandbox, app } = await startPair({
      env: { LEAD_ROUTER_CONFIG: configPath },
      sandbox: {
        // The first owner is the sandbox's acting UI user: the sales manager.
        owners: [{ email: 'manager@example.com', firstName: 'Mia', lastName: 'Manager' }, { email: ANNA, firstName: 'Anna', lastName: '' }, { email: BEN, firstName: 'Ben', lastName: '' }],
        subscriptions: { contactProperties: ['email', 'hubspot_owner_id', 'hs_lead_status', 'lifecyclestage'] },
      },
    });
    cleanup = async () => {
      await app.close();
      await sandbox.close();
    };
    const idOf = (email: string) => sandbox.owners().find((o) => o.email === email)!.id;
    const ownerOf = (id: string) => sandbox.getContact(id)?.properties['hubspot_owner_id'];
    const settle = async () => {
      await sandbox.flushWebhooks();
      await app.worker.drain();
    };

    // Two leads, one each (least-loaded, tie broken by the rotation pointer).
    const [l1, l2] = sandbox.createContacts([{ properties: { email: 'one@acme.example' } }, { properties: { email: 'two@acme.example' } }]);
    await waitUntil(() => ownerOf(l1!.id) !== undefined && ownerOf(l2!.id) !== undefined, 20_000, 'both routed');
    await settle();
    expect(new Set([ownerOf(l1!.id), ownerOf(l2!.id)])).toEqual(new Set([idOf(ANNA), idOf(BEN)]));
    expect(await openLoads(app)).toEqual({ [ANNA]: 1, [BEN]: 1 });
    // Our own owner writes came back as INTEGRATION events: dropped, no feedback.
    for (const l of [l1!, l2!]) expect(await app.store.listFeedback(TENANT, l.id)).toEqual([]);

    // The manager gives Anna's lead to Ben in HubSpot.
    const annas = ownerOf(l1!.id) === idOf(ANNA) ? l1! : l2!;
    sandbox.updateContact(annas.id, { hubspot_owner_id: idOf(BEN) });
    await waitUntil(async () => (await app.store.listFeedback(TENANT, annas.id)).length > 0, 20_000, 'wrong-owner feedback');
    await settle();
    expect(await openLoads(app)).toEqual({ [ANNA]: 0, [BEN]: 2 });
    const managerUser = String(sandbox.owners()[0]!.userId);
    expect(await app.store.listFeedback(TENANT, annas.id)).toEqual([
      expect.objectContaining({ kind: 'wrong_owner', source: 'crm', userId: managerUser, note: `owner changed in the CRM: ${ANNA} -> ${BEN}` }),
    ]);
    expect(await app.store.getAssignment(TENANT, annas.id)).toMatchObject({ owner: BEN, origin: 'crm' });
    expect(ownerOf(annas.id)).toBe(idOf(BEN)); // lead-router did not take it back

    // The next lead goes to the least-loaded rep: Anna (0 open) rather than Ben (2).
    const [l3] = sandbox.createContacts([{ properties: { email: 'three@acme.example' } }]);
    await waitUntil(() => ownerOf(l3!.id) !== undefined, 20_000, 'third routed');
    await settle();
    expect(ownerOf(l3!.id)).toBe(idOf(ANNA));
    expect(await openLoads(app)).toEqual({ [ANNA]: 1, [BEN]: 2 });
    expect(await app.store.listFeedback(TENANT, l3!.id)).toEqual([]); // our write's echo: no feedback

    // Worked out: Ben's other lead disqualified, Anna's new lead became a customer.
    const bensOwn = annas.id === l1!.id ? l2! : l1!;
    sandbox.updateContact(bensOwn.id, { hs_lead_status: 'UNQUALIFIED' });
    sandbox.updateContact(l3!.id, { lifecyclestage: 'customer' });
    await waitUntil(async () => (await app.store.listLeadStatuses(TENANT)).length === 2, 20_000, 'lead statuses');
    await settle();
    expect(await openLoads(app)).toEqual({ [ANNA]: 0, [BEN]: 1 });
    expect(await app.store.getAssignment(TENANT, bensOwn.id)).toMatchObject({ owner: BEN, endReason: 'lead_status:UNQUALIFIED' });
    // Attributed to the decision in force at the change (the stage change itself rescored the lead later).
    const stage = (await app.store.listLeadStatuses(TENANT, { leadId: l3!.id }))[0]!;
    const decided = (await app.store.getAudit(TENANT, l3!.id)).filter((a) => a.at <= stage.observedAt).sort((a, b) => b.at - a.at)[0]!;
    expect(stage).toMatchObject({
      kind: 'lifecycle_stage', value: 'customer', decision: { decidedAt: decided.at, owner: ANNA, rule: 'everyone', configVersion: decided.configVersion },
    });
    expect((await app.store.inboxStats()).failed).toBe(0);
  }, 60_000);
});
