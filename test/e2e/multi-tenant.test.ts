// Two HubSpot portals and two Pipedrive companies served at once by one app (issue 9, tenant
// safety): each account is its own sandbox (own tokens, records, owners, webhooks) behind one
// host per CRM, as the real CRMs serve every account from one base URL. Each tenant runs its own
// published config version. Record ids overlap across accounts on purpose (every sandbox numbers
// from the same base), so a write, event, rotation or capacity count that crossed tenants would
// land on a real record of the wrong account and show up below.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHubspotSandbox, type HubspotSandbox } from '../../connectors/hubspot/sandbox/index.ts';
import { createPipedriveSandbox, type PipedriveSandbox } from '../../connectors/pipedrive/sandbox/index.ts';
import { createSandboxHost } from '../../connectors/sandbox-host.ts';
import { loadConfig } from '../../src/config/load.ts';
import { pipedriveSandboxSeeds } from '../../src/demo/pipedrive-seeds.ts';
import { readEnv } from '../../src/env.ts';
import { createSilentLogger } from '../../src/logger.ts';
import { startApp, type RunningApp } from '../../src/main.ts';
import { publishConfig } from '../../src/tenants/config-versions.ts';
import { freePort } from '../helpers/processes.ts';
import { CONFIG, sampleContacts, SECRET, waitUntil } from './hubspot-harness.ts';
import { written } from './pipedrive-harness.ts';

// Tenant b: the shipped weighted-round-robin example as is: its tiers (core/other), written
// properties' options and owners differ from the config file's; each tenant's CRM client
// follows its own active version.
const OTHER_CONFIG = join(import.meta.dirname, '../../config/examples/weighted-round-robin.yaml');
const configs = { a: loadConfig(CONFIG).config, b: loadConfig(OTHER_CONFIG).config };
const ownersOf = (c: typeof configs.a) => new Set(c.owners.map((o) => o.email));
const HS = { a: 1001, b: 2002 };
const PD = { a: 3003, b: 4004 };
const PD_CLIENT = { clientId: 'mt-pipedrive-client', clientSecret: 'mt-pipedrive-secret-0123456789' };

let app: RunningApp;
let hsUrl: string;
const hubspot: Record<'a' | 'b', HubspotSandbox> = {} as never;
const pipedrive: Record<'a' | 'b', PipedriveSandbox> = {} as never;
const closers: (() => Promise<void>)[] = [];

beforeAll(async () => {
  for (const k of ['a', 'b'] as const) {
    hubspot[k] = createHubspotSandbox({
      portalId: HS[k], appId: 54321, clientId: 'mt-hubspot-client', clientSecret: SECRET, timeScale: 0.001,
      owners: configs[k].owners.map((o) => ({ email: o.email, firstName: o.name ?? 'Rep', lastName: '' })),
      subscriptions: { contactProperties: ['email', 'jobtitle', 'country', 'zip'], companyProperties: ['numberofemployees', 'industry'] },
    });
    // Both companies have the same custom fields (the test creates the same records in each); the users follow the tenant's own config.
    const seeds = pipedriveSandboxSeeds(configs.a);
    pipedrive[k] = createPipedriveSandbox({ companyId: PD[k], timeScale: 0.001, ...seeds, users: pipedriveSandboxSeeds(configs[k]).users, oauth: PD_CLIENT });
  }
  const hsHost = createSandboxHost([hubspot.a, hubspot.b]);
  const pdHost = createSandboxHost([pipedrive.a, pipedrive.b]);
  hsUrl = (await hsHost.listen(0)).url;
  const pdUrl = (await pdHost.listen(0)).url;
  closers.push(hsHost.close, pdHost.close);
  const port = await freePort();
  const publicUrl = `http://127.0.0.1:${port}`;
  const dir = mkdtempSync(join(tmpdir(), 'lr-multi-'));
  app = await startApp({
    env: readEnv({
      HUBSPOT_CLIENT_ID: 'mt-hubspot-client', HUBSPOT_CLIENT_SECRET: SECRET, HUBSPOT_APP_ID: '54321',
      HUBSPOT_API_BASE_URL: hsUrl, HUBSPOT_AUTH_BASE_URL: hsUrl,
      PIPEDRIVE_CLIENT_ID: PD_CLIENT.clientId, PIPEDRIVE_CLIENT_SECRET: PD_CLIENT.clientSecret, PIPEDRIVE_OAUTH_BASE_URL: pdUrl,
      PUBLIC_BASE_URL: publicUrl, LEAD_ROUTER_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
      DATABASE_URL: join(dir, 'db.sqlite'), LEAD_ROUTER_CONFIG: CONFIG,
    }),
    port, host: '127.0.0.1', logger: createSilentLogger(),
    worker: { batchWindowMs: 20, pollMs: 100 }, pipeline: { retryBaseMs: 50, retryMaxMs: 500 },
  });
  // Each tenant's own config version, published before it installs.
  const yaml = { a: readFileSync(CONFIG, 'utf8'), b: readFileSync(OTHER_CONFIG, 'utf8') };
  for (const k of ['a', 'b'] as const) {
    await publishConfig(app.store, { tenant: `hubspot:${HS[k]}`, yaml: yaml[k], author: 'test', now: Date.now() });
    await publishConfig(app.store, { tenant: `pipedrive:${PD[k]}`, yaml: yaml[k], author: 'test', now: Date.now() });
  }
  await new Promise((r) => setTimeout(r, 1_500)); // every process picks up published versions within 2 s
  for (const k of ['a', 'b'] as const) {
    hubspot[k].setWebhookUrl(`${publicUrl}/webhooks/hubspot`);
    hsHost.consentAs(hubspot[k]);
    expect(await (await fetch(`${publicUrl}/oauth/hubspot/install`)).json()).toEqual({ installed: true, tenant: `hubspot:${HS[k]}` });
    pdHost.consentAs(pipedrive[k]);
    expect(await (await fetch(`${publicUrl}/oauth/pipedrive/install`)).json()).toEqual({ installed: true, tenant: `pipedrive:${PD[k]}` });
  }
  for (const k of ['a', 'b'] as const) {
    const property = `${hsUrl}/crm/v3/properties/contacts/lead_router_reasons`;
    await waitUntil(async () => (await fetch(property, { headers: { authorization: `Bearer ${hubspot[k].privateAppToken}` } })).ok, 10_000, 'hubspot properties');
    await waitUntil(() => pipedrive[k].webhooks().length > 0, 10_000, 'pipedrive webhooks');
  }
}, 60_000);

afterAll(async () => {
  await app?.close();
  for (const k of ['a', 'b'] as const) {
    await hubspot[k]?.close();
    await pipedrive[k]?.close();
  }
  for (const close of closers) await close();
});

describe('two HubSpot portals and two Pipedrive companies at once', () => {
  it('keeps every event, config version, assignment, rotation, capacity count and write inside its tenant', async () => {
    // The same record ids in both accounts of each CRM.
    const contacts = { a: hubspot.a.createContacts(sampleContacts(12, 0)), b: hubspot.b.createContacts(sampleContacts(12, 0)) };
    expect(contacts.a.map((c) => c.id)).toEqual(contacts.b.map((c) => c.id));
    const persons: Record<'a' | 'b', number[]> = { a: [], b: [] };
    for (const k of ['a', 'b'] as const) {
      const [org] = pipedrive[k].createOrganizations([{ name: 'Acme US', fields: { Employees: 500, Industry: 'software', Country: 'US' } }]);
      persons[k] = pipedrive[k].createPersons(Array.from({ length: 8 }, (_, i) => ({ name: `Person ${i}`, email: `p${i}@acme.example.com`, job_title: 'CFO', org_id: org!['id'] as number }))).map((p) => p['id'] as number);
    }
    expect(persons.a).toEqual(persons.b);
    for (const k of ['a', 'b'] as const) {
      await waitUntil(() => contacts[k].every((c) => hubspot[k].getContact(c.id)?.properties['lead_router_score'] !== undefined), 30_000, `hubspot ${k} write-back`);
      await waitUntil(() => persons[k].every((id) => written(pipedrive[k], id).score != null), 30_000, `pipedrive ${k} write-back`);
    }
    await app.worker.drain();

    for (const k of ['a', 'b'] as const) {
      const mine = ownersOf(configs[k]);
      // HubSpot: each contact owned by one of its own tenant's reps, decided by its own version.
      const hsTenant = `hubspot:${HS[k]}`;
      const hsOwners = new Map(hubspot[k].owners().map((o) => [o.id, o.email]));
      for (const c of contacts[k]) {
        const props = hubspot[k].getContact(c.id)!.properties;
        const [decision] = await app.store.getAudit(hsTenant, c.id, 1);
        expect(decision).toMatchObject({ configVersion: 'v1' });
        expect(Number(props['lead_router_score'])).toBe(decision!.evaluation.score.total);
        const owner = hsOwners.get(String(props['hubspot_owner_id']));
        expect(owner === undefined || mine.has(owner)).toBe(true);
        const assignment = await app.store.getAssignment(hsTenant, c.id);
        if (assignment?.owner) expect(mine.has(assignment.owner)).toBe(true);
      }
      // Pipedrive: the same, by user email.
      const pdTenant = `pipedrive:${PD[k]}`;
      const pdUsers = new Map((pipedrive[k].users() as { id: number; email: string }[]).map((u) => [u.id, u.email]));
      for (const id of persons[k]) {
        const [decision] = await app.store.getAudit(pdTenant, String(id), 1);
        expect(decision).toMatchObject({ configVersion: 'v1' });
        expect(written(pipedrive[k], id).score).toBe(decision!.evaluation.score.total);
        const assignment = await app.store.getAssignment(pdTenant, String(id));
        if (assignment?.owner) {
          expect(mine.has(assignment.owner)).toBe(true);
          expect(pdUsers.get(written(pipedrive[k], id).ownerId!)).toBe(assignment.owner);
        }
      }
    }
    // Rotation pointers and capacity counts, read the way the router reads them, for every rep
    // and team of both configs: each tenant counts only its own reps and its own assignments.
    const allOwners = [...ownersOf(configs.a), ...ownersOf(configs.b)].map((owner) => ({ owner, dayStart: 0, weekStart: 0 }));
    const allTeams = [...configs.a.teams, ...configs.b.teams].map((t) => t.name);
    for (const k of ['a', 'b'] as const) {
      for (const tenant of [`hubspot:${HS[k]}`, `pipedrive:${PD[k]}`]) {
        const ids = tenant.startsWith('hubspot') ? contacts[k].map((c) => c.id) : persons[k].map(String);
        const assigned = (await Promise.all(ids.map((id) => app.store.getAssignment(tenant, id)))).filter((a) => a?.owner);
        const state = await app.store.routeAtomically(tenant, 'probe', allOwners, allTeams, (tx) => ({ result: tx.state }));
        const counted = Object.entries(state.loads).filter(([, l]) => l.assignedThisWeek > 0);
        expect(counted.every(([owner]) => ownersOf(configs[k]).has(owner))).toBe(true);
        expect(counted.reduce((n, [, l]) => n + l.assignedThisWeek, 0)).toBe(assigned.length);
        const teamsOf = new Set(configs[k].teams.map((t) => t.name));
        const turned = Object.entries(state.rotations).filter(([, r]) => r.virtualTime > 0 || Object.keys(r.pointers).length > 0);
        if (k === 'b') expect(turned.length).toBeGreaterThan(0); // the weighted team did rotate
        expect(turned.every(([team, r]) => teamsOf.has(team) && Object.keys(r.pointers).every((o) => ownersOf(configs[k]).has(o)))).toBe(true);
      }
    }
    // The two configs decide differently: a crossed config would make these equal.
    const scoreOf = (k: 'a' | 'b') => contacts[k].map((c) => hubspot[k].getContact(c.id)!.properties['lead_router_score']);
    expect(scoreOf('a')).not.toEqual(scoreOf('b'));
    // Tenant b's leads went to b's reps only.
    const bAssigned = await Promise.all(contacts.b.map((c) => app.store.getAssignment(`hubspot:${HS.b}`, c.id)));
    expect(bAssigned.filter(Boolean).length).toBeGreaterThan(0);
    expect(bAssigned.every((a) => !a?.owner || ownersOf(configs.b).has(a.owner))).toBe(true);
  }, 90_000);

  it('a tenant publishes new tier names: its leads are then written with them in both CRMs', async () => {
    // Tenant b's v2: the tiers renamed. The CRM's priority options were created from v1 at
    // install (core, other): the first write with a new tier is refused, the options are
    // created and the write is sent again.
    const v2 = readFileSync(OTHER_CONFIG, 'utf8')
      .replace('{ name: core, min: 10 }', '{ name: strategic, min: 10 }')
      .replace('{ name: other }', '{ name: standard }')
      .replace('equals: core', 'equals: strategic');
    for (const tenant of [`hubspot:${HS.b}`, `pipedrive:${PD.b}`]) await publishConfig(app.store, { tenant, yaml: v2, author: 'test', now: Date.now() });
    await new Promise((r) => setTimeout(r, 1_500));
    const contacts = hubspot.b.createContacts(sampleContacts(6, 100));
    const [org] = pipedrive.b.createOrganizations([{ name: 'Beta UK', fields: { Employees: 800, Industry: 'software', Country: 'GB' } }]);
    const persons = pipedrive.b.createPersons(Array.from({ length: 4 }, (_, i) => ({ name: `New ${i}`, email: `n${i}@beta.example.com`, job_title: 'CFO', org_id: org!['id'] as number }))).map((p) => p['id'] as number);
    const priority = configs.b.writeBack.properties.priority;
    await waitUntil(() => contacts.every((c) => hubspot.b.getContact(c.id)?.properties[priority] !== undefined), 30_000, 'hubspot b write-back with v2 tiers');
    await waitUntil(() => persons.every((id) => written(pipedrive.b, id).priority != null), 30_000, 'pipedrive b write-back with v2 tiers');
    await app.worker.drain();

    const newTiers = ['strategic', 'standard'];
    for (const c of contacts) {
      const [decision] = await app.store.getAudit(`hubspot:${HS.b}`, c.id, 1);
      expect(decision).toMatchObject({ configVersion: 'v2' });
      expect(newTiers).toContain(decision!.evaluation.tier);
      expect(hubspot.b.getContact(c.id)!.properties[priority]).toBe(decision!.evaluation.tier);
    }
    for (const id of persons) {
      const [decision] = await app.store.getAudit(`pipedrive:${PD.b}`, String(id), 1);
      expect(decision).toMatchObject({ configVersion: 'v2' });
      expect(written(pipedrive.b, id).priority).toBe(decision!.evaluation.tier);
    }
    // The portal's enumeration now offers the new tiers; the old ones are kept, hidden.
    const res = await fetch(`${hsUrl}/crm/v3/properties/contacts/${priority}`, { headers: { authorization: `Bearer ${hubspot.b.privateAppToken}` } });
    const options = ((await res.json()) as { options: { value: string; hidden: boolean }[] }).options;
    expect(options.filter((o) => !o.hidden).map((o) => o.value)).toEqual(newTiers);
    expect(options.filter((o) => o.hidden).map((o) => o.value).sort()).toEqual(['core', 'other']);
    // Tenant a (no new version) still writes its own tiers.
    expect(configs.a.tiers.priority.map((t) => String(t.name))).not.toContain('strategic');
  }, 60_000);
});
