// Open leads are the CRM's truth, end to end against the Pipedrive sandbox: a manager reassigns a
// routed person in Pipedrive (a UI change: change_source "app", v2 change.person with
// previous.owner_id), lead-router moves the lead between the reps' open loads (the next lead's
// least-loaded pick shows it) and records implicit wrong-owner feedback; its own owner writes
// (api changes of our fields) record none; an archived Leads-Inbox lead and a deal close the
// person's assignment.
import { afterEach, describe, expect, it } from '@jest/globals';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunningApp } from '../../src/main.ts';
import type { OwnerPeriod } from '../../src/store/types.ts';
import { envFor, freePort, sandboxFor, settle, startApp2, TENANT, userId, waitUntil, written } from './pipedrive-harness.ts';

const ANNA = 'anna@example.com';
const BEN = 'ben@example.com';
const YAML = `version: 1
fields:
  email: { hubspot: email, pipedrive: emails }
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
  - { email: ${ANNA}, name: Anna }
  - { email: ${BEN}, name: Ben }
teams:
  - { name: reps, members: [${ANNA}, ${BEN}], strategy: least_loaded }
routing:
  rules:
    - { name: everyone, assign: { team: reps } }
`;

let close: (() => Promise<void>) | null = null;
afterEach(async () => {
  await close?.();
  close = null;
});

async function openLoads(app: RunningApp): Promise<Record<string, number>> {
  const owners: OwnerPeriod[] = [ANNA, BEN].map((owner) => ({ owner, dayStart: 0, weekStart: 0 }));
  const loads = await app.store.routeAtomically(TENANT, 'probe', owners, [], (tx) => ({ result: tx.state.loads }));
  return Object.fromEntries(Object.entries(loads).map(([o, l]) => [o, l.openLeads]));
}

describe('Pipedrive: open leads follow the CRM', () => {
  it('follows a manager reassignment, ignores our own echoes, and closes archived leads and converted persons', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lr-pd-crm-truth-'));
    const configPath = join(dir, 'lead-router.yaml');
    writeFileSync(configPath, YAML);
    const sandbox = sandboxFor({}, configPath);
    const { url } = await sandbox.listen(0);
    const port = await freePort();
    const app = await startApp2(envFor(url, port, dir, { LEAD_ROUTER_CONFIG: configPath }), port);
    close = async () => {
      await app.close();
      await sandbox.close();
    };
    await waitUntil(async () => (await fetch(`${app.url}/readyz`)).ok, 15_000, 'the app to set up Pipedrive');
    const anna = userId(sandbox, ANNA);
    const ben = userId(sandbox, BEN);
    const manager = userId(sandbox, 'admin@acme.test'); // the company admin acts in the UI
    const ownerOf = (id: number) => written(sandbox, id).ownerId;
    const isRouted = (id: number) => ownerOf(id) === anna || ownerOf(id) === ben;

    // Two persons, one each (least-loaded, tie broken by the rotation pointer).
    const [p1, p2] = sandbox.createPersons([{ name: 'One', email: 'one@acme.example' }, { name: 'Two', email: 'two@acme.example' }]).map((p) => p['id'] as number) as [number, number];
    await waitUntil(() => isRouted(p1) && isRouted(p2), 20_000, 'both routed');
    await settle(sandbox, app);
    expect(new Set([ownerOf(p1), ownerOf(p2)])).toEqual(new Set([anna, ben]));
    expect(await openLoads(app)).toEqual({ [ANNA]: 1, [BEN]: 1 });
    for (const p of [p1, p2]) expect(await app.store.listFeedback(TENANT, String(p))).toEqual([]);

    // The manager gives Anna's person to Ben in Pipedrive.
    const annas = ownerOf(p1) === anna ? p1 : p2;
    const bens = annas === p1 ? p2 : p1;
    sandbox.actAs(manager);
    sandbox.updatePerson(annas, { owner_id: ben });
    await waitUntil(async () => (await app.store.listFeedback(TENANT, String(annas))).length > 0, 20_000, 'wrong-owner feedback');
    await settle(sandbox, app);
    expect(await openLoads(app)).toEqual({ [ANNA]: 0, [BEN]: 2 });
    expect(await app.store.listFeedback(TENANT, String(annas))).toEqual([
      expect.objectContaining({ kind: 'wrong_owner', source: 'crm', userId: String(manager), note: `owner changed in the CRM: ${ANNA} -> ${BEN}` }),
    ]);
    expect(ownerOf(annas)).toBe(ben); // lead-router did not take it back

    // The next person goes to the least-loaded rep: Anna (0 open) rather than Ben (2).
    const [p3] = sandbox.createPersons([{ name: 'Three', email: 'three@acme.example' }]).map((p) => p['id'] as number) as [number];
    await waitUntil(() => isRouted(p3), 20_000, 'third routed');
    await settle(sandbox, app);
    expect(ownerOf(p3)).toBe(anna);
    expect(await openLoads(app)).toEqual({ [ANNA]: 1, [BEN]: 2 });
    expect(await app.store.listFeedback(TENANT, String(p3))).toEqual([]); // our write's echo: no feedback

    // Worked out: Ben archives his person's Leads-Inbox lead; Anna's person gets a deal.
    const [lead] = sandbox.createLeads([{ title: 'Two: pricing request', person_id: bens }]);
    const leadId = lead!['id'] as string;
    await waitUntil(() => sandbox.getLead(leadId)!['owner_id'] === ben, 20_000, 'the lead follows its person');
    await settle(sandbox, app);
    sandbox.actAs(ben);
    sandbox.archiveLead(leadId);
    sandbox.createDeals([{ title: 'Three: platform', value: 1000, currency: 'EUR', person_id: p3 }]);
    await waitUntil(async () => (await openLoads(app))[ANNA] === 0 && (await openLoads(app))[BEN] === 1, 20_000, 'assignments closed');
    await settle(sandbox, app);
    expect(await app.store.getAssignment(TENANT, String(bens))).toMatchObject({ owner: BEN, endReason: 'lead_archived' });
    expect(await app.store.getAssignment(TENANT, String(p3))).toMatchObject({ owner: ANNA, endReason: 'deal_created' });
    expect(await app.store.listLeadStatuses(TENANT, { leadId: String(bens) })).toEqual([
      expect.objectContaining({ kind: 'lead_archived', recordId: leadId, value: 'true', decision: expect.objectContaining({ owner: BEN, rule: 'everyone' }) }),
    ]);
    expect((await app.store.inboxStats()).failed).toBe(0);
  }, 60_000);
});
