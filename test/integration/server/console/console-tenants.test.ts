// Tenant isolation of the console API, on SQLite and PostgreSQL: a session of tenant A reads
// A's decisions, and nothing of tenant B however it asks (B's lead id, B's lead's email, a
// tenant parameter, a filter); a session of B sees only B.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { type ConsoleHarness, TENANT_A, TENANT_B, postgresReachable, signIn, startConsole } from './console-app.ts';

const kinds: ('sqlite' | 'postgres')[] = (await postgresReachable()) ? ['sqlite', 'postgres'] : ['sqlite'];

describe.each(kinds)('console tenant isolation (%s)', (kind) => {
  let h: ConsoleHarness;
  let a: { cookie: string; csrf: string };
  let b: { cookie: string; csrf: string };
  beforeAll(async () => {
    h = await startConsole(kind);
    a = await signIn(h, TENANT_A);
    b = await signIn(h, TENANT_B);
  });
  afterAll(async () => {
    await h.close();
  });

  const get = (path: string, s: { cookie: string }) => request(h.app).get(path).set('Cookie', s.cookie);
  const search = (q: string, s: { cookie: string; csrf: string }) => request(h.app).post('/admin/api/leads/search').set('Cookie', s.cookie).set('X-CSRF-Token', s.csrf).send({ q });

  it("lists only the session tenant's decisions", async () => {
    expect((await get('/admin/api/decisions', a)).body.items.map((d: { leadId: string }) => d.leadId).sort()).toEqual(['1001', '1002']);
    expect((await get('/admin/api/decisions', b)).body.items.map((d: { leadId: string }) => d.leadId)).toEqual(['2001']);
  });

  it("cannot open B's lead by its id (404, as if it did not exist)", async () => {
    const res = await get('/admin/api/leads/2001', a);
    expect(res.status).toBe(404);
    expect(JSON.stringify(res.body)).not.toMatch(/CFO|2001.*score/);
    expect((await get('/admin/api/leads/2001', b)).status).toBe(200);
  });

  it("cannot find B's lead by id or by an email both tenants have", async () => {
    expect((await search('2001', a)).body).toEqual({ matches: [] });
    expect((await search('shared@both.example', a)).body.matches.map((m: { leadId: string }) => m.leadId)).toEqual(['1002']);
    expect((await search('shared@both.example', b)).body.matches.map((m: { leadId: string }) => m.leadId)).toEqual(['2001']);
  });

  it('answers 400 for a bad search without echoing it (emails are never logged or returned)', async () => {
    const broken = await request(h.app).post('/admin/api/leads/search').set('Cookie', a.cookie).set('X-CSRF-Token', a.csrf).set('Content-Type', 'application/json').send('jana@pharma.example');
    expect(broken.status).toBe(400);
    expect(broken.body.message).not.toContain('jana');
    const empty = await search('  ', a);
    expect(empty.status).toBe(400);
    const odd = await search('not an id!', a);
    expect(odd.status).toBe(400);
    expect(odd.body.message).toMatch(/CRM record id .* or by the email/);
  });

  it('refuses a request naming another tenant with 403', async () => {
    for (const res of [await get(`/admin/api/decisions?tenant=${TENANT_B}`, a), await get('/admin/api/leads/2001', a).set('X-Lead-Router-Tenant', TENANT_B)]) {
      expect(res.status).toBe(403);
      expect(res.body).toMatchObject({ error: 'FORBIDDEN', message: expect.stringContaining(`belongs to tenant ${TENANT_A}`) });
    }
  });

  it("cannot use B's CSRF token with A's session, nor sign B out", async () => {
    const res = await request(h.app).post('/admin/api/logout').set('Cookie', a.cookie).set('X-CSRF-Token', b.csrf);
    expect(res.status).toBe(403);
    expect((await get('/admin/api/session', b)).body.tenant).toBe(TENANT_B);
    expect((await get('/admin/api/session', a)).body.tenant).toBe(TENANT_A);
  });
});
