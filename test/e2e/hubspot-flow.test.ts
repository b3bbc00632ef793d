// End to end against the HubSpot sandbox: signed webhooks in, batched write-back out.
import { afterEach, describe, expect, it } from '@jest/globals';
import { loadConfig } from '../../src/config/load.ts';
import { CONFIG, sampleContacts, startPair, waitUntil } from './hubspot-harness.ts';

const props = loadConfig(CONFIG).config.writeBack.properties;
let cleanup: (() => Promise<void>) | null = null;
afterEach(async () => {
  await cleanup?.();
  cleanup = null;
});

describe('HubSpot end to end', () => {
  it('scores, routes and writes back every new contact, without echo loops', async () => {
    const { sandbox, app } = await startPair();
    cleanup = async () => {
      await app.close();
      await sandbox.close();
    };
    const [company] = sandbox.createCompanies([{ name: 'Big Pharma', domain: 'bigpharma.example.com', industry: 'pharmaceuticals', numberofemployees: '5000', country: 'CZ' }]);
    const created = sandbox.createContacts(sampleContacts(40).map((c) => ({ ...c, companyId: company!.id })));
    const ownerIds = new Set(sandbox.owners().map((o) => o.id));

    await waitUntil(() => created.every((c) => sandbox.getContact(c.id)?.properties[props.score] !== undefined), 20_000, 'write-back');
    await sandbox.flushWebhooks();
    await app.worker.drain();

    for (const c of created) {
      const p = sandbox.getContact(c.id)!.properties;
      expect(Number.isFinite(Number(p[props.score]))).toBe(true);
      expect(['hot', 'warm', 'cold']).toContain(p[props.priority]);
      expect(p[props.grade]).toMatch(/^[ABC][123]$/);
      expect(p[props.reasons]).toContain('->');
      expect(ownerIds.has(p['hubspot_owner_id']!)).toBe(true);
    }
    // The CFO of a 5000-employee pharma company is an urgent lead for the sales director.
    const cfo = created.find((_, i) => i % 5 === 0)!;
    const director = sandbox.owners().find((o) => o.email === 'eva.svobodova@example.com')!;
    expect(sandbox.getContact(cfo.id)!.properties['hubspot_owner_id']).toBe(director.id);

    // No echo loop: once drained, our own writes trigger no further writes.
    const updates = sandbox.stats().calls['POST /crm/v3/objects/contacts/batch/update'] ?? 0;
    await new Promise((r) => setTimeout(r, 500));
    await sandbox.flushWebhooks();
    await app.worker.drain();
    expect(sandbox.stats().calls['POST /crm/v3/objects/contacts/batch/update'] ?? 0).toBe(updates);
    const inbox = await app.store.inboxStats();
    expect(inbox.failed).toBe(0);
    expect(sandbox.stats().rateLimited).toBe(0);
  }, 60_000);

  it('rejects an unsigned webhook with 401 and stores nothing', async () => {
    const { sandbox, app } = await startPair();
    cleanup = async () => {
      await app.close();
      await sandbox.close();
    };
    const body = JSON.stringify([{ eventId: 1, subscriptionId: 1, portalId: 62515, occurredAt: Date.now(), subscriptionType: 'contact.creation', attemptNumber: 0, objectId: 1, changeSource: 'CRM', appId: 54321 }]);
    const res = await fetch(`${app.url}/webhooks/hubspot`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    expect(res.status).toBe(401);
    expect(((await res.json()) as { error: string }).error).toBe('AUTH_FAILED');
    const bad = await fetch(`${app.url}/webhooks/hubspot`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-hubspot-signature-v3': 'AAAA', 'x-hubspot-request-timestamp': String(Date.now()) },
      body,
    });
    expect(bad.status).toBe(401);
    const stats = await app.store.inboxStats();
    expect(stats.pending + stats.processing + stats.done).toBe(0);
  }, 30_000);

  it('survives a CRM outage (503s) with zero loss', async () => {
    const { sandbox, app } = await startPair();
    cleanup = async () => {
      await app.close();
      await sandbox.close();
    };
    sandbox.setOutage({ status: 503, forMs: 1500 });
    const created = sandbox.createContacts(sampleContacts(30, 100));
    await waitUntil(() => created.every((c) => sandbox.getContact(c.id)?.properties[props.score] !== undefined), 30_000, 'write-back after the outage');
    const s = await app.store.inboxStats();
    expect(s.failed).toBe(0);
  }, 60_000);
});
