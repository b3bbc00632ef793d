// End to end in the HubSpot sandbox with the shipped nurture example: a cold contact is left
// unassigned and gets the nurture actions (lifecycle stage, lead status, static-list
// membership); a later form submission makes it warm, and it is routed to a sales rep with the
// reason "re-engaged"; a further rescore routes nothing again.
import { afterAll, afterEach, describe, expect, it } from '@jest/globals';
import { join } from 'node:path';
import { loadConfig } from '../../src/config/load.ts';
import { databaseUrl, dropSchemas, freshSchema, pgReachable } from '../helpers/postgres.ts';
import { PORTAL, startPair, waitUntil } from './hubspot-harness.ts';

const EXAMPLE = join(import.meta.dirname, '../../config/examples/nurture-hand-off.yaml');
const config = loadConfig(EXAMPLE).config;
const TENANT = `hubspot:${PORTAL}`;
const props = config.writeBack.properties;

let cleanup: (() => Promise<void>) | null = null;
afterEach(async () => {
  await cleanup?.();
  cleanup = null;
});

// The nurture program lives in the store (assignments.nurture): both stores.
const STORES: [string, () => Record<string, string>][] = [['SQLite', () => ({})]];
if (await pgReachable()) {
  STORES.push(['PostgreSQL', () => ({ DATABASE_URL: databaseUrl(freshSchema('lr_nurture')) })]);
  afterAll(() => dropSchemas());
}

describe.each(STORES)('HubSpot nurture hand-off end to end (%s)', (_name, storeEnv) => {
  it('cold: nurture actions, no owner; engaged later: routed to sales as "re-engaged"', async () => {
    const { sandbox, app } = await startPair({
      sandbox: {
        owners: config.owners.map((o) => ({ email: o.email, firstName: 'Rep', lastName: '' })),
        subscriptions: { contactProperties: ['email', 'jobtitle', 'country', 'num_conversion_events'], companyProperties: [] },
      },
      env: { LEAD_ROUTER_CONFIG: EXAMPLE, ...storeEnv() },
    });
    cleanup = async () => {
      await app.close();
      await sandbox.close();
    };
    // The marketing team's static list: the example names ILS id "1", the sandbox's first list.
    const list = sandbox.lists.create({ name: 'Nurture: cold leads', objectTypeId: '0-1', processingType: 'MANUAL' }, new Date().toISOString());
    expect(list.listId).toBe('1');

    const [cold, warm] = sandbox.createContacts([
      { properties: { email: 'cold@acme.example', jobtitle: 'IT Manager' } },
      { properties: { email: 'warm@acme.example', jobtitle: 'CFO' } },
    ]);
    await waitUntil(() => [cold!, warm!].every((c) => sandbox.getContact(c.id)?.properties[props.score] !== undefined), 20_000, 'write-back');
    await app.worker.drain();

    const c = sandbox.getContact(cold!.id)!.properties;
    expect(c[props.priority]).toBe('cold');
    expect(c['hubspot_owner_id'] ?? '').toBe('');
    expect(c['lifecyclestage']).toBe('lead');
    expect(c['hs_lead_status']).toBe('NEW');
    expect(sandbox.lists.members('1')).toEqual([cold!.id]);
    expect(sandbox.getContact(warm!.id)!.properties['hubspot_owner_id']).toBeTruthy(); // warm: sales at once
    const [nurtured] = await app.store.getAudit(TENANT, cold!.id);
    expect(nurtured!.evaluation.route.reason).toBe('nurture program cold-leads (tier cold): left unassigned for marketing automation');
    expect(nurtured!.evaluation.nurture).toMatchObject({ program: 'cold-leads', via: 'tier cold' });
    expect(await app.store.getAssignment(TENANT, cold!.id)).toMatchObject({ owner: null, nurture: 'cold-leads' });

    // Later: a form submission (15 points) makes the lead warm (>= reengageAt 20).
    sandbox.trackEvents(cold!.id, [{ type: 'form_submission', at: Date.now() }]);
    await waitUntil(() => Boolean(sandbox.getContact(cold!.id)!.properties['hubspot_owner_id']), 20_000, 'the re-engaged lead to get an owner');
    await app.worker.drain();
    const after = sandbox.getContact(cold!.id)!.properties;
    const reps = sandbox.owners().filter((o) => o.email.startsWith('ae.')).map((o) => o.id);
    expect(reps).toContain(after['hubspot_owner_id']);
    expect(after[props.reasons]).toContain('(re-engaged, team sales)');
    const [routed] = await app.store.getAudit(TENANT, cold!.id);
    expect(routed!.evaluation.route).toMatchObject({ rule: 'everyone', team: 'sales', reengaged: true });
    expect(routed!.evaluation.route.reason).toMatch(/^re-engaged: score 25 >= 20 after nurture program cold-leads since /);
    expect(await app.store.getAssignment(TENANT, cold!.id)).toMatchObject({ nurture: null, rule: 'everyone' });

    // Routed once: more engagement rescores the lead but keeps its rep and records no new assignment.
    const owner = after['hubspot_owner_id'];
    sandbox.trackEvents(cold!.id, [{ type: 'form_submission', at: Date.now() }]);
    await waitUntil(() => sandbox.getContact(cold!.id)!.properties[props.score] === '40', 20_000, 'the rescore');
    await app.worker.drain();
    expect(sandbox.getContact(cold!.id)!.properties['hubspot_owner_id']).toBe(owner);
    const [latest] = await app.store.getAudit(TENANT, cold!.id);
    expect(latest!.evaluation.route.reengaged).toBeUndefined();
    expect(latest!.evaluation.route.owner).toBe(owner === undefined ? null : sandbox.owners().find((o) => o.id === owner)!.email);
    const inbox = await app.store.inboxStats();
    expect(inbox.failed + inbox.pending + inbox.processing).toBe(0);
  }, 60_000);
});
