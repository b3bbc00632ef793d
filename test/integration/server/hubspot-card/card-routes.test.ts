// The score card backend on the real app: HubSpot-signed calls only, the portal taken from the
// verified URL only, one portal never sees another's lead, feedback stored, rescore queued.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { RunningApp } from '../../../../src/main.ts';
import { LEAD_A, LEAD_B, PORTAL_A, PORTAL_B, SCORED_AT, cardCall, startCardApp } from './card-app.ts';

let app: RunningApp;
beforeAll(async () => {
  app = await startCardApp();
});
afterAll(async () => {
  await app.close();
});

const errorOf = async (res: Response) => (await res.json()) as { error: string; message: string };

describe('GET /hubspot/card/:objectId', () => {
  it("returns the lead's latest decision, explained", async () => {
    const res = await cardCall(app, `/${LEAD_A}`);
    expect(res.status).toBe(200);
    const view = (await res.json()) as Record<string, any>;
    const [audit] = await app.store.getAudit(`hubspot:${PORTAL_A}`, LEAD_A, 1);
    const e = audit!.evaluation;
    expect(view).toMatchObject({
      objectId: LEAD_A,
      scoredAt: SCORED_AT,
      score: { total: e.score.total, fit: e.score.fit, engagement: e.score.engagement },
      tier: e.tier,
      grade: e.grade,
      owner: e.route.owner,
      configVersion: `file:${app.config().hash.slice(0, 12)}`, // the audit row predates recording it: the active one
      decision: { sentence: e.route.reason, rule: e.route.rule, rulesTried: e.route.trace },
      feedback: [],
    });
    expect(view.reasons.length).toBeGreaterThan(0);
    expect(view.reasons.length).toBeLessThanOrEqual(5);
    const points = view.reasons.map((r: { points: number }) => Math.abs(r.points));
    expect(points).toEqual([...points].sort((a: number, b: number) => b - a));
  });

  it('answers 404 with the fix for a contact not scored yet', async () => {
    const res = await cardCall(app, '/424242');
    expect(res.status).toBe(404);
    expect((await errorOf(res)).message).toMatch(/not been scored yet.*Rescore now/);
  });

  it('answers 400 for an id that is not a HubSpot record id', async () => {
    const res = await cardCall(app, '/abc');
    expect(res.status).toBe(400);
  });
});

describe('authentication', () => {
  it.each([
    ['unsigned', { sign: false }],
    ['signed with another secret', { secret: 'not-our-secret-000000000000' }],
    ['signed more than 5 minutes ago', { timestamp: Date.now() - 301_000 }],
  ])('refuses a request %s with 401, before reading anything', async (_name, opts) => {
    const res = await cardCall(app, `/${LEAD_A}`, opts);
    expect(res.status).toBe(401);
    const body = await errorOf(res);
    expect(body.error).toBe('AUTH_FAILED');
    expect(JSON.stringify(body)).not.toContain('"score"');
  });

  it('refuses a v1 signature (no URL, no timestamp: replayable)', async () => {
    const res = await fetch(`${app.url}/hubspot/card/${LEAD_A}?portalId=${PORTAL_A}`, { headers: { 'x-hubspot-signature': 'x', 'x-hubspot-signature-version': 'v1' } });
    expect(res.status).toBe(401);
  });

  it('refuses a signed request that names no portal', async () => {
    const res = await cardCall(app, `/${LEAD_A}`, { portalId: null });
    expect(res.status).toBe(401);
    expect((await errorOf(res)).message).toMatch(/portalId/);
  });

  it('refuses a URL carrying a second portalId next to the one HubSpot appended', async () => {
    const res = await cardCall(app, `/${LEAD_B}`, { portalId: PORTAL_A, extraQuery: `portalId=${PORTAL_B}` });
    expect(res.status).toBe(401);
  });

  it('answers 404 for a portal that has not installed the app', async () => {
    const res = await cardCall(app, `/${LEAD_A}`, { portalId: '555' });
    expect(res.status).toBe(404);
    expect((await errorOf(res)).message).toMatch(/not installed for HubSpot portal 555/);
  });
});

describe('tenant isolation', () => {
  it("portal A never sees portal B's lead, and each sees its own", async () => {
    const crossed = await cardCall(app, `/${LEAD_B}`, { portalId: PORTAL_A });
    expect(crossed.status).toBe(404);
    expect(JSON.stringify(await crossed.json())).not.toMatch(/bob@tiny|"score"/);
    const own = await cardCall(app, `/${LEAD_B}`, { portalId: PORTAL_B });
    expect(own.status).toBe(200);
    expect(((await own.json()) as { objectId: string }).objectId).toBe(LEAD_B);
  });

  it("feedback from portal A on B's lead id lands in A only", async () => {
    const res = await cardCall(app, `/${LEAD_B}/feedback`, { method: 'POST', portalId: PORTAL_A, body: { kind: 'bad_fit' } });
    expect(res.status).toBe(201);
    expect(await app.store.listFeedback(`hubspot:${PORTAL_B}`, LEAD_B)).toEqual([]);
    expect((await app.store.listFeedback(`hubspot:${PORTAL_A}`, LEAD_B)).map((f) => f.kind)).toEqual(['bad_fit']);
  });
});

describe('POST feedback and rescore', () => {
  it('stores feedback with the signed user id and shows it on the card', async () => {
    const res = await cardCall(app, `/${LEAD_A}/feedback`, { method: 'POST', userId: '9001', body: { kind: 'wrong_owner', note: 'belongs to DACH' } });
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({ saved: { kind: 'wrong_owner', userId: '9001', note: 'belongs to DACH' } });
    const view = (await (await cardCall(app, `/${LEAD_A}`)).json()) as { feedback: { kind: string; userId: string }[] };
    expect(view.feedback[0]).toMatchObject({ kind: 'wrong_owner', userId: '9001' });
  });

  it('drops NUL from a note (PostgreSQL text rejects it)', async () => {
    const res = await cardCall(app, `/${LEAD_A}/feedback`, { method: 'POST', body: { kind: 'good_lead', note: 'a\u0000b' } });
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({ saved: { note: 'ab' } });
  });

  it.each([
    ['an unknown kind', { kind: 'spam' }],
    ['an unknown field', { kind: 'good_lead', portalId: PORTAL_B }],
    ['a note over 500 characters', { kind: 'good_lead', note: 'x'.repeat(501) }],
  ])('rejects %s with 400', async (_name, body) => {
    const res = await cardCall(app, `/${LEAD_A}/feedback`, { method: 'POST', body });
    expect(res.status).toBe(400);
    expect((await errorOf(res)).message).toMatch(/Invalid feedback/);
  });

  it('queues a rescore for the caller portal only (202)', async () => {
    const before = (await app.store.inboxStats(`hubspot:${PORTAL_A}`)).pending;
    const res = await cardCall(app, `/${LEAD_A}/rescore`, { method: 'POST', body: {} });
    expect(res.status).toBe(202);
    expect((await app.store.inboxStats(`hubspot:${PORTAL_A}`)).pending).toBe(before + 1);
    expect((await app.store.inboxStats(`hubspot:${PORTAL_B}`)).pending).toBe(0);
    const rows = await app.store.inboxClaim({ tenant: `hubspot:${PORTAL_A}`, limit: 10, leaseMs: 1000, now: Date.now() + 1000, worker: 't' });
    expect(rows.map((r) => [r.kind, r.objectId, r.source])).toContainEqual(['lead.rescore', LEAD_A, 'hubspot-card']);
  });
});
