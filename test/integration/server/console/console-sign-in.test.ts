// Console sign-in on the real app, on SQLite and PostgreSQL: a one-time link becomes an
// HttpOnly, SameSite=Strict session cookie bound to one tenant; forged, expired and reused
// links and cookies get clear 401s; writes need the CSRF token (403 without).
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { issueAdminLink } from '../../../../src/server/console/admin-link.ts';
import { newSecret } from '../../../../src/server/console/tokens.ts';
import { readFileSync } from 'node:fs';
import { CONFIG, type ConsoleHarness, TENANT_A, postgresReachable, signIn, startConsole } from './console-app.ts';

const FILE_TEXT = readFileSync(CONFIG.file, 'utf8');

const kinds: ('sqlite' | 'postgres')[] = (await postgresReachable()) ? ['sqlite', 'postgres'] : ['sqlite'];

describe.each(kinds)('console sign-in (%s)', (kind) => {
  let h: ConsoleHarness;
  beforeEach(async () => {
    h = await startConsole(kind);
  });
  afterEach(async () => {
    await h.close();
  });

  const pathOf = (url: string) => new URL(url).pathname + new URL(url).search;

  it('turns a link into a tenant-bound session cookie and redirects to /admin', async () => {
    const link = await issueAdminLink({ store: h.store, now: h.clock.now }, TENANT_A, 'https://leads.example.test/');
    expect(link.url).toMatch(/^https:\/\/leads\.example\.test\/admin\/login\?token=[\w-]{43}$/);
    const res = await request(h.app).get(pathOf(link.url));
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/admin');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    const cookie = String(res.headers['set-cookie']![0]);
    expect(cookie).toMatch(/^lr_console=[\w-]{43}; Path=\/admin; HttpOnly; SameSite=Strict; Max-Age=43200$/);
    const session = await request(h.app).get('/admin/api/session').set('Cookie', cookie.split(';')[0]!);
    expect(session.status).toBe(200);
    expect(session.body).toEqual({ tenant: TENANT_A, csrfToken: expect.stringMatching(/^[\w-]{43}$/), expiresAt: h.clock.now + 43_200_000, user: null });
  });

  it('marks the cookie Secure behind HTTPS', async () => {
    const link = await issueAdminLink({ store: h.store, now: h.clock.now }, TENANT_A, 'https://leads.example.test/');
    const res = await request(h.app).get(pathOf(link.url)).set('X-Forwarded-Proto', 'https');
    expect(String(res.headers['set-cookie']![0])).toMatch(/; Secure$/);
  });

  it('refuses a reused, an expired and a forged link with 401 pages that say which', async () => {
    const link = await issueAdminLink({ store: h.store, now: h.clock.now }, TENANT_A, 'http://x.test');
    expect((await request(h.app).get(pathOf(link.url))).status).toBe(303);
    const again = await request(h.app).get(pathOf(link.url));
    expect(again.status).toBe(401);
    expect(again.text).toMatch(/already used.*admin-link/s);
    expect(again.headers['set-cookie']).toBeUndefined();

    const late = await issueAdminLink({ store: h.store, now: h.clock.now }, TENANT_A, 'http://x.test');
    h.clock.now += 10 * 60_000;
    const expired = await request(h.app).get(pathOf(late.url));
    expect(expired.status).toBe(401);
    expect(expired.text).toMatch(/expired/);

    const forged = await request(h.app).get(`/admin/login?token=${newSecret()}`);
    expect(forged.status).toBe(401);
    expect(forged.text).toMatch(/unknown to this server/);
    const garbage = await request(h.app).get('/admin/login?token=%3Cscript%3E');
    expect(garbage.status).toBe(401);
    expect(garbage.text).not.toContain('<script>');
  });

  it('answers 401 without a session, with a forged cookie, and after expiry', async () => {
    const none = await request(h.app).get('/admin/api/decisions');
    expect(none.status).toBe(401);
    expect(none.body).toMatchObject({ error: 'AUTH_FAILED', message: expect.stringMatching(/admin-link/) });
    const forged = await request(h.app).get('/admin/api/decisions').set('Cookie', `lr_console=${newSecret()}`);
    expect(forged.status).toBe(401);
    expect(forged.body.message).toMatch(/Unknown console session/);
    const { cookie } = await signIn(h, TENANT_A);
    h.clock.now += 12 * 3_600_000;
    const expired = await request(h.app).get('/admin/api/decisions').set('Cookie', cookie);
    expect(expired.status).toBe(401);
    expect(expired.body.message).toMatch(/expired/);
    expect(String(expired.headers['set-cookie'])).toMatch(/lr_console=; .*Max-Age=0/);
  });

  it('needs the CSRF token and our own Origin on writes (403), then signs out', async () => {
    const { cookie, csrf } = await signIn(h, TENANT_A);
    const noToken = await request(h.app).post('/admin/api/logout').set('Cookie', cookie);
    expect(noToken.status).toBe(403);
    expect(noToken.body).toMatchObject({ error: 'FORBIDDEN', message: expect.stringMatching(/X-CSRF-Token/) });
    const wrongToken = await request(h.app).post('/admin/api/logout').set('Cookie', cookie).set('X-CSRF-Token', newSecret());
    expect(wrongToken.status).toBe(403);
    const crossSite = await request(h.app).post('/admin/api/logout').set('Cookie', cookie).set('X-CSRF-Token', csrf).set('Origin', 'https://evil.example');
    expect(crossSite.status).toBe(403);
    expect(crossSite.body.message).toMatch(/Cross-site/);
    // still signed in after the refused writes
    expect((await request(h.app).get('/admin/api/session').set('Cookie', cookie)).status).toBe(200);

    const out = await request(h.app).post('/admin/api/logout').set('Cookie', cookie).set('X-CSRF-Token', csrf);
    expect(out.status).toBe(204);
    expect((await request(h.app).get('/admin/api/session').set('Cookie', cookie)).status).toBe(401);
  });

  it("signs in as the link's user: the session says who, and what it publishes, rolls back or sets out of office names them", async () => {
    const jana = { id: 'hubspot:77', name: 'jana@example.com' };
    const a = await signIn(h, TENANT_A, jana);
    const petr = await signIn(h, TENANT_A, { id: 'admin-link', name: 'Petr Operator' });
    const anonymous = await signIn(h, TENANT_A);
    expect((await request(h.app).get('/admin/api/session').set('Cookie', a.cookie)).body.user).toEqual(jana);
    const post = (s: { cookie: string; csrf: string }, path: string, body: object) => request(h.app).post(path).set('Cookie', s.cookie).set('X-CSRF-Token', s.csrf).send(body);

    await post(a, '/admin/api/rules/publish', { yaml: FILE_TEXT, comment: 'by Jana' }).expect(201);
    await post(anonymous, '/admin/api/rules/publish', { yaml: FILE_TEXT, comment: 'anonymous' }).expect(201);
    await post(petr, '/admin/api/team/out-of-office', { action: 'add', owner: CONFIG.config.owners[0]!.email, from: '2026-12-01', to: '2026-12-04' }).expect(201);
    await post(a, '/admin/api/rules/rollback', { version: 1 }).expect(200);
    const versions = await h.store.listConfigVersions(TENANT_A);
    expect(versions.map((v) => [v.version, v.author])).toEqual([
      [1, 'jana@example.com (hubspot:77)'],
      [2, expect.stringMatching(/^console session [0-9a-f]{8}$/)],
      [3, 'Petr Operator (admin-link)'],
    ]);
    expect(await h.store.getActiveConfigVersion(TENANT_A)).toMatchObject({ version: 1, activatedBy: 'jana@example.com (hubspot:77)' });
    const history = (await request(h.app).get('/admin/api/rules/versions').set('Cookie', petr.cookie)).body;
    expect(history.items.find((v: { version: number }) => v.version === 1)).toMatchObject({ active: true, author: 'jana@example.com (hubspot:77)', activatedBy: 'jana@example.com (hubspot:77)' });
  });

  it('takes who signed in from the link only: an author or user in a request is refused or ignored', async () => {
    const a = await signIn(h, TENANT_A, { id: 'hubspot:77', name: 'jana@example.com' });
    const post = (path: string, body: object) => request(h.app).post(path).set('Cookie', a.cookie).set('X-CSRF-Token', a.csrf).set('X-Lead-Router-User', 'ceo@example.com').send(body);
    const claimed = await post('/admin/api/rules/publish', { yaml: FILE_TEXT, author: 'ceo@example.com' });
    expect(claimed.status).toBe(400);
    expect(await h.store.listConfigVersions(TENANT_A)).toEqual([]);
    await post('/admin/api/rules/publish', { yaml: FILE_TEXT }).expect(201);
    expect((await h.store.listConfigVersions(TENANT_A)).map((v) => v.author)).toEqual(['jana@example.com (hubspot:77)']);
    // the session cookie is an opaque secret stored hashed: a tampered one signs in nobody
    const tampered = `${a.cookie.slice(0, -2)}${a.cookie.endsWith('AA') ? 'BB' : 'AA'}`;
    expect((await request(h.app).get('/admin/api/session').set('Cookie', tampered)).status).toBe(401);
  });

  it('ends every session of a tenant when it is uninstalled', async () => {
    const { cookie } = await signIn(h, TENANT_A);
    await h.store.deleteTenant(TENANT_A);
    expect((await request(h.app).get('/admin/api/session').set('Cookie', cookie)).status).toBe(401);
  });

  it('answers 503 naming the build command when the front end is not built', async () => {
    const res = await request(h.app).get('/admin');
    expect(res.status).toBe(503);
    expect(res.text).toMatch(/npm run build:console/);
  });
});
