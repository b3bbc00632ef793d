// End to end against the Pipedrive sandbox: the app registers its own webhooks (Basic auth, v2),
// persons created by a user are scored, routed and written back (owner_id + lead_router_* custom
// fields), without echo loops, and nothing acknowledged is lost while the API is down.
import { afterEach, describe, expect, it } from '@jest/globals';
import { settle, samplePersons, startPair, TENANT, userId, waitUntil, WEBHOOK_PASSWORD, WEBHOOK_USER, written, isScored } from './pipedrive-harness.ts';
import { emailLookupKey } from '../../src/crypto/email-lookup.ts';

let cleanup: (() => Promise<void>) | null = null;
afterEach(async () => {
  await cleanup?.();
  cleanup = null;
});

const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

function personEvent(id: number, extra: Record<string, unknown> = {}) {
  return {
    meta: {
      action: 'change', entity: 'person', entity_id: String(id), id: `evt-${id}-${Math.random()}`, company_id: '8087566',
      user_id: '1', timestamp: new Date().toISOString(), version: '2.0', change_source: 'app', attempt: 1, ...extra,
    },
    data: { id, name: 'X' },
    previous: { name: 'Y' },
  };
}

describe('Pipedrive end to end', () => {
  it('routes and writes back every new person (a 1000+ pharma CFO to the director), without echo loops', async () => {
    const { sandbox, app, close } = await startPair();
    cleanup = close;
    // The app registered its own v2 webhooks with its Basic credentials (PUBLIC_BASE_URL).
    const hooks = sandbox.webhooks();
    expect(hooks.map((h) => `${h.event_action}.${h.event_object}`)).toEqual(expect.arrayContaining(['create.person', 'change.person', 'change.organization', 'create.lead']));
    expect(hooks.every((h) => h.version === '2.0' && h.http_auth_user === WEBHOOK_USER && h.subscription_url === `${app.url}/webhooks/pipedrive`)).toBe(true);

    const [org] = sandbox.createOrganizations([{ name: 'Big Pharma a.s.', fields: { Employees: 5000, Industry: 'pharmaceuticals', Country: 'CZ' } }]);
    const created = sandbox.createPersons(samplePersons(25, org!['id'] as number));
    const ids = created.map((p) => p['id'] as number);
    const started = Date.now();
    await waitUntil(() => ids.every((id) => isScored(sandbox, id)), 20_000, 'write-back');
    expect(Date.now() - started).toBeLessThan(10_000); // within seconds
    await settle(sandbox, app);

    const admin = userId(sandbox, 'admin@acme.test');
    const reps = new Set((sandbox.users() as { id: number; email: string }[]).filter((u) => u.email !== 'admin@acme.test').map((u) => u.id));
    for (const id of ids) {
      const w = written(sandbox, id);
      expect(w.ownerId).not.toBe(admin); // the admin's persons are unassigned until routed
      expect(reps.has(w.ownerId!)).toBe(true);
      expect(['hot', 'warm', 'cold']).toContain(w.priority);
      expect(w.grade).toMatch(/^[ABC][123]$/);
      expect(w.reasons).toContain('->');
    }
    // The CFO of a 5000-employee pharma company is an urgent lead for the sales director.
    const cfo = written(sandbox, ids[0]!);
    expect(cfo.ownerId).toBe(userId(sandbox, 'eva.svobodova@example.com'));
    expect(cfo).toMatchObject({ score: 70, priority: 'hot', grade: 'A3' });
    expect(cfo.reasons).toMatch(/\+30 company size 1000\+.*\+25 C-level.*urgent-escalation/);
    const audit = await app.store.getAudit(TENANT, String(ids[0]), 1);
    expect(audit[0]?.evaluation.route.rule).toBe('urgent-escalation');
    // the admin console finds the person by its primary email (the audit keeps only its lookup key)
    expect(await app.store.findLeadsByEmailHash(TENANT, emailLookupKey(TENANT, 'LEAD0@acme0.example.com'), 5)).toEqual([String(ids[0])]);

    // No echo loop: once drained, our own PATCHes trigger no further PATCHes.
    const patches = () => sandbox.stats().calls['PATCH /api/v2/persons/:id'] ?? 0;
    const before = patches();
    expect(before).toBe(ids.length); // one PATCH per person (no batch update in Pipedrive)
    await new Promise((r) => setTimeout(r, 500));
    await settle(sandbox, app);
    expect(patches()).toBe(before);
    const inbox = await app.store.inboxStats();
    expect(inbox).toMatchObject({ failed: 0, pending: 0, processing: 0 });
    expect(inbox.done).toBe(ids.length); // the echoes were acknowledged, not stored
    expect(sandbox.stats().rateLimited).toBe(0);
    expect(sandbox.stats().webhooks.failed).toBe(0);
  }, 60_000);

  it('answers 401 to missing or wrong Basic credentials and 400 to a malformed body, storing nothing', async () => {
    const { app, close } = await startPair();
    cleanup = close;
    const post = (body: string, authorization?: string) =>
      fetch(`${app.url}/webhooks/pipedrive`, { method: 'POST', headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) }, body });
    const good = JSON.stringify(personEvent(1));

    const none = await post(good);
    expect(none.status).toBe(401);
    expect(((await none.json()) as { error: string }).error).toBe('AUTH_FAILED');
    expect((await post(good, basic(WEBHOOK_USER, 'wrong-password'))).status).toBe(401);
    expect((await post(good, basic('someone-else', WEBHOOK_PASSWORD))).status).toBe(401);
    expect((await post(good, 'Bearer abc')).status).toBe(401);

    const auth = basic(WEBHOOK_USER, WEBHOOK_PASSWORD);
    for (const bad of ['{not json', JSON.stringify({ hello: 'world' }), JSON.stringify({ meta: { action: 'change', entity: 'person' } }), '[]']) {
      const res = await post(bad, auth);
      expect(res.status).toBe(400);
      expect(((await res.json()) as { error: string }).error).toBe('PAYLOAD_INVALID');
    }
    const stats = await app.store.inboxStats();
    expect(stats.pending + stats.processing + stats.done + stats.failed).toBe(0);

    // The same body with the right credentials is stored once, even when delivered twice.
    const ok = await post(good, auth);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ received: 1, stored: 1 });
    expect(await (await post(good, auth)).json()).toMatchObject({ received: 1, stored: 0, duplicates: 1 });
  }, 30_000);

  it('survives a Pipedrive outage (503s) with zero loss', async () => {
    const { sandbox, app, close } = await startPair();
    cleanup = close;
    sandbox.setOutage({ status: 503, forMs: 2_000 });
    const ids = sandbox.createPersons(samplePersons(30, undefined, 100)).map((p) => p['id'] as number);
    await waitUntil(() => ids.every((id) => isScored(sandbox, id)), 30_000, 'write-back after the outage');
    await settle(sandbox, app);
    for (const id of ids) expect(written(sandbox, id).priority).toMatch(/^(hot|warm|cold)$/);
    const s = await app.store.inboxStats();
    expect(s).toMatchObject({ failed: 0, pending: 0, processing: 0 });
    expect(sandbox.stats().calls['PATCH /api/v2/persons/:id']).toBeGreaterThanOrEqual(ids.length);
  }, 60_000);
});
