// The console's Team and Health API on SQLite and PostgreSQL through the real Express app:
// reps' load and availability (config out-of-office, rep's own absence with who set it),
// out-of-office as a previewed, published, audited config change, failed inbox rows and their
// retry; CSRF on every write; a session of tenant A reads and changes nothing of tenant B.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { createSilentLogger } from '../../../../src/logger.ts';
import { createApp } from '../../../../src/server/app.ts';
import { createConsoleRouters } from '../../../../src/server/console/router.ts';
import type { AssignmentInput } from '../../../../src/store/types.ts';
import { CONFIG, type ConsoleHarness, T0, TENANT_A, TENANT_B, postgresReachable, signIn, startConsole } from './console-app.ts';

const kinds: ('sqlite' | 'postgres')[] = (await postgresReachable()) ? ['sqlite', 'postgres'] : ['sqlite'];
const PETRA = 'petra.novakova@example.com';
const HOUR = 3_600_000;
type Member = { email: string; available: boolean; unavailable: { kind: string; text: string }[]; load: Record<string, number>; outOfOffice: { from: string; to: string }[]; absences: { setBy: string }[] };

describe.each(kinds)('console Team and Health API (%s)', (kind) => {
  let h: ConsoleHarness;
  let a: { cookie: string; csrf: string };
  let b: { cookie: string; csrf: string };
  const failedIds: Record<string, number> = {};

  const assign = (tenant: string, leadId: string, owner: string, at: number) => {
    const x: AssignmentInput = { tenant, leadId, owner, team: 'cz-sales', rule: 'r', tier: 'hot', assignedAt: at, slaDeadline: null };
    return h.store.routeAtomically(tenant, leadId, [], [], () => ({ result: null, assignment: x }));
  };

  beforeAll(async () => {
    h = await startConsole(kind);
    a = await signIn(h, TENANT_A);
    b = await signIn(h, TENANT_B);
    await assign(TENANT_A, 'l1', PETRA, T0 - HOUR);
    await assign(TENANT_A, 'l2', PETRA, T0 - 30 * 24 * HOUR);
    await assign(TENANT_B, 'l3', PETRA, T0 - HOUR);
    await h.store.addAbsence({ tenant: TENANT_A, owner: 'jan.dvorak@example.com', from: T0 - HOUR, to: T0 + 5 * HOUR, note: 'doctor', setBy: 'hubspot-user:77 (jan.dvorak@example.com)', setAt: T0 - 2 * HOUR });
    await h.store.addAbsence({ tenant: TENANT_B, owner: PETRA, from: T0 - HOUR, to: T0 + 5 * HOUR, note: null, setBy: 'pipedrive-user:9', setAt: T0 - 2 * HOUR });
    for (const tenant of [TENANT_A, TENANT_B]) {
      await h.store.inboxAppend([{ tenant, source: 'hubspot-webhook', dedupeKey: `${tenant}-1`, kind: 'contact.creation', objectId: `${tenant}-c1`, occurredAt: T0 - 60_000, payload: {} }], T0 - 60_000);
      const [row] = await h.store.inboxClaim({ tenant, limit: 1, leaseMs: 60_000, now: T0, worker: 'w' });
      await h.store.inboxFail([row!.id], `HubSpot answered 400 for ${tenant}`);
      failedIds[tenant] = row!.id;
    }
  });
  afterAll(async () => {
    await h.close();
  });

  const get = (path: string, s: { cookie: string }) => request(h.app).get(path).set('Cookie', s.cookie);
  const post = (path: string, s: { cookie: string; csrf: string }, body: unknown) => request(h.app).post(path).set('Cookie', s.cookie).set('X-CSRF-Token', s.csrf).send(body as object);
  const member = (body: { members: Member[] }, email: string) => body.members.find((m) => m.email === email)!;

  it("lists the tenant's reps with their load, and who is away now and why", async () => {
    const res = await get('/admin/api/team', a);
    expect(res.status).toBe(200);
    expect(res.body.members).toHaveLength(10);
    const petra = member(res.body, PETRA);
    expect(petra).toMatchObject({ teams: ['cz-sales'], weight: 2, capacity: { perDay: 40, perWeek: null, maxOpen: 150 }, load: { openLeads: 2, assignedToday: 1, assignedThisWeek: 1 }, timezone: 'Europe/Prague', available: true });
    const jan = member(res.body, 'jan.dvorak@example.com');
    expect(jan.available).toBe(false);
    expect(jan.unavailable).toEqual([{ kind: 'absence', text: 'away (doctor), set by hubspot-user:77 (jan.dvorak@example.com)', until: T0 + 5 * HOUR }]);
    expect(jan.outOfOffice).toEqual([{ from: '2026-12-21', to: '2027-01-01', note: 'winter holiday', state: 'ahead' }]);
    // B's absence and B's assignment of the same rep are not A's
    const inB = member((await get('/admin/api/team', b)).body, PETRA);
    expect(inB).toMatchObject({ available: false, load: { openLeads: 1 } });
    expect(inB.absences.map((x) => x.setBy)).toEqual(['pipedrive-user:9']);
  });

  it('needs the CSRF token and a valid change for out-of-office writes', async () => {
    const body = { action: 'add', owner: PETRA, from: '2026-12-01', to: '2026-12-04' };
    const noCsrf = await request(h.app).post('/admin/api/team/out-of-office/preview').set('Cookie', a.cookie).send(body);
    expect(noCsrf.status).toBe(403);
    expect((await post('/admin/api/team/out-of-office', { ...a, csrf: 'x'.repeat(43) }, body)).status).toBe(403);
    const unknown = await post('/admin/api/team/out-of-office/preview', a, { ...body, owner: 'nobody@example.com' });
    expect(unknown.status).toBe(404);
    expect(unknown.body.message).toMatch(/No owner nobody@example.com/);
    expect((await post('/admin/api/team/out-of-office/preview', a, { ...body, to: '2026-11-30' })).body.message).toMatch(/ends \(2026-11-30\) before it starts/);
    expect((await post('/admin/api/team/out-of-office/preview', a, { ...body, from: '2026-02-30' })).body.message).toMatch(/from "2026-02-30" is not a date/);
    expect((await post('/admin/api/team/out-of-office/preview', a, { ...body, extra: 1 })).status).toBe(400);
    expect((await request(h.app).get('/admin/api/team')).status).toBe(401);
  });

  it('previews, then publishes an out-of-office period as a new audited config version of this tenant only', async () => {
    const body = { action: 'add', owner: PETRA, from: '2026-12-01', to: '2026-12-04', note: 'training' };
    const preview = await post('/admin/api/team/out-of-office/preview', a, body);
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({ summary: `${PETRA} out of office 2026-12-01..2026-12-04 (training)`, basedOn: 'the config file', decisions: 0, withoutInput: 2, moved: 0 });
    const published = await post('/admin/api/team/out-of-office', a, { ...body, basedOn: preview.body.basedOn, comment: 'Petra at the training' });
    expect(published.status).toBe(201);
    expect(published.body.version).toBe('v1');
    const team = (await get('/admin/api/team', a)).body;
    expect(member(team, PETRA)).toMatchObject({ available: false, unavailable: [{ kind: 'out_of_office', text: 'out of office 2026-12-01..2026-12-04 (training) (set in the config)' }] });
    expect(team.config).toBe('v1');
    expect(team.versions).toEqual([{ version: 'v1', author: expect.stringMatching(/^console session [0-9a-f]{8}$/), comment: 'Petra at the training', at: T0, valid: true, active: true, draft: false }]);
    const stored = await h.store.getActiveConfigVersion(TENANT_A);
    expect(stored!.yaml).toContain('- { from: 2026-12-01, to: 2026-12-04, note: training }');
    expect(stored!.yaml).toContain('# CZ senior account executive'); // comments kept
    // B is untouched
    expect(await h.store.getActiveConfigVersion(TENANT_B)).toBeNull();
    expect((await get('/admin/api/team', b)).body.versions).toEqual([]);
    // a publish made on an older preview is refused
    const stale = await post('/admin/api/team/out-of-office', a, { action: 'add', owner: PETRA, from: '2026-12-10', to: '2026-12-11', basedOn: 'the config file' });
    expect(stale.status).toBe(400);
    expect(stale.body.message).toMatch(/changed since this preview \(it was the config file, now v1\)/);
  });

  it('ends a period that began today (it is removed) and the rep is available again', async () => {
    const res = await post('/admin/api/team/out-of-office', a, { action: 'end', owner: PETRA, from: '2026-12-01', to: '2026-12-04' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ version: 'v2', summary: `${PETRA}: out-of-office 2026-12-01..2026-12-04 removed` });
    const petra = member((await get('/admin/api/team', a)).body, PETRA);
    expect(petra).toMatchObject({ available: true, outOfOffice: [] });
    const again = await post('/admin/api/team/out-of-office', a, { action: 'end', owner: PETRA, from: '2026-12-01', to: '2026-12-04' });
    expect(again.status).toBe(404);
  });

  it("shows the tenant's intake, queue and failed rows, never B's", async () => {
    const res = await get('/admin/api/health', a);
    expect(res.status).toBe(200);
    expect(res.body.intake).toEqual({ recent: [{ source: 'hubspot-webhook', received: 1, lastReceivedAt: T0 - 60_000 }], lastReceivedAt: T0 - 60_000 });
    expect(res.body.queue).toMatchObject({ pending: 0, failed: 1 });
    expect(res.body.failed).toEqual([expect.objectContaining({ id: failedIds[TENANT_A], objectId: `${TENANT_A}-c1`, lastError: `HubSpot answered 400 for ${TENANT_A}` })]);
    expect(res.body.install).toMatchObject({ crm: 'hubspot', installed: false, token: 'accepted', degraded: null });
    expect(JSON.stringify(res.body)).not.toContain(TENANT_B);
  });

  it("retries only this tenant's failed rows, with the CSRF token", async () => {
    expect((await request(h.app).post('/admin/api/health/retry').set('Cookie', a.cookie).send({ all: true })).status).toBe(403);
    expect((await post('/admin/api/health/retry', a, { ids: [failedIds[TENANT_B]] })).body).toEqual({ requeued: 0 });
    expect((await post('/admin/api/health/retry', a, { ids: [] })).status).toBe(400);
    expect((await post('/admin/api/health/retry', a, { ids: [failedIds[TENANT_A]] })).body).toEqual({ requeued: 1 });
    expect((await get('/admin/api/health', a)).body).toMatchObject({ queue: { pending: 1, failed: 0 }, failed: [] });
    expect((await get('/admin/api/health', b)).body).toMatchObject({ queue: { pending: 0, failed: 1 } });
  });

  it('reports the install: granted scopes against the required ones, token refused, degraded reason with its fix', async () => {
    await h.store.saveInstall({ tenant: TENANT_A, crm: 'hubspot', externalId: '62515', credentials: 'sealed', meta: { scopes: ['oauth', 'crm.objects.contacts.read'] }, installedAt: T0 - HOUR, updatedAt: T0 });
    const degraded = [
      { tenant: TENANT_A, reason: 'auth_failed' as const, detail: 'the CRM refused the access token (401): reinstall the app or fix the token', since: T0 },
      { tenant: TENANT_B, reason: 'forbidden' as const, detail: 'B only', since: T0 },
    ];
    const app = createApp({
      logger: createSilentLogger(),
      routers: createConsoleRouters({ store: h.store, now: () => h.clock.now, config: () => CONFIG, assetsDir: '/nonexistent', requiredScopes: { hubspot: ['oauth', 'crm.objects.contacts.read', 'crm.objects.contacts.write'] }, degraded: () => degraded }),
    });
    const res = await request(app).get('/admin/api/health').set('Cookie', a.cookie);
    expect(res.body.install).toEqual({
      crm: 'hubspot',
      installed: true,
      mode: 'oauth',
      externalId: '62515',
      scopes: ['oauth', 'crm.objects.contacts.read'],
      missingScopes: ['crm.objects.contacts.write'],
      token: 'refused',
      installedAt: T0 - HOUR,
      updatedAt: T0,
      degraded: degraded[0],
    });
    expect(JSON.stringify(res.body)).not.toContain('sealed'); // credentials never leave the store
    expect((await request(app).get('/admin/api/health').set('Cookie', b.cookie)).body.install).toMatchObject({ installed: false, token: 'lacks_permission', degraded: degraded[1] });
  });
});
