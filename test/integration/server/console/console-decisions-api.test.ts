// The Decisions API on SQLite: the lead view (latest evaluation with its ledger and trace,
// history newest first, CRM link), search by id or any-case email, the list's filters and pages.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { evaluateLead } from '../../../../src/engine/evaluate.ts';
import { type ConsoleHarness, CONFIG, LEADS, T0, TENANT_A, signIn, startConsole } from './console-app.ts';

let h: ConsoleHarness;
let s: { cookie: string; csrf: string };
beforeAll(async () => {
  h = await startConsole('sqlite');
  // a later decision for 1001: history shows both, newest first
  const lead = LEADS[TENANT_A][0];
  const evaluation = evaluateLead({ id: lead.id, fields: { ...lead.fields, page_views: 40 } }, CONFIG.compiled, { loads: {}, rotations: {} }, T0 + 60_000);
  await h.store.appendAudit([{ tenant: TENANT_A, leadId: lead.id, at: T0 + 60_000, evaluation, configVersion: 'c0ffee123456' }]);
  s = await signIn(h, TENANT_A);
});
afterAll(async () => {
  await h.close();
});

const get = (path: string) => request(h.app).get(path).set('Cookie', s.cookie);

describe('console decisions API', () => {
  it('returns a lead with its latest ledger and trace, its history and its CRM link', async () => {
    const res = await get('/admin/api/leads/1001');
    expect(res.status).toBe(200);
    const [latest, earlier] = await h.store.getAudit(TENANT_A, '1001');
    expect(res.body).toEqual({
      leadId: '1001',
      crmUrl: 'https://app.hubspot.com/contacts/62515/record/0-1/1001',
      latest: { at: T0 + 60_000, configVersion: 'c0ffee123456', evaluation: latest!.evaluation },
      history: [latest, earlier].map((a) => ({ at: a!.at, configVersion: a!.configVersion ?? null, score: a!.evaluation.score.total, tier: a!.evaluation.tier, grade: a!.evaluation.grade, owner: a!.evaluation.route.owner, rule: a!.evaluation.route.rule, target: a!.evaluation.route.target })),
      feedback: [],
    });
    expect(res.body.latest.evaluation.score.contributions.length).toBeGreaterThan(0);
    expect(res.body.latest.evaluation.route.trace.length).toBeGreaterThan(0);
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('shows rep feedback with who gave it, where, and the decision it judged', async () => {
    const [latest] = await h.store.getAudit(TENANT_A, '1001', 1);
    const decision = { decidedAt: latest!.at, owner: latest!.evaluation.route.owner, rule: latest!.evaluation.route.rule, tier: latest!.evaluation.tier, score: latest!.evaluation.score.total, configVersion: 'c0ffee123456' };
    await h.store.appendFeedback({ tenant: TENANT_A, leadId: '1002', at: T0 + 90_000, userId: '77', kind: 'wrong_owner', note: 'belongs to EMEA', source: 'crm', decision });
    const res = await get('/admin/api/leads/1002');
    expect(res.status).toBe(200);
    expect(res.body.feedback).toEqual([
      { at: T0 + 90_000, kind: 'wrong_owner', note: 'belongs to EMEA', userId: '77', source: 'crm', decision: { decidedAt: latest!.at, owner: decision.owner, rule: decision.rule } },
    ]);
  });

  it('finds a lead by its id or its email in any case', async () => {
    const post = (q: string) => request(h.app).post('/admin/api/leads/search').set('Cookie', s.cookie).set('X-CSRF-Token', s.csrf).send({ q });
    expect((await post('1001')).body.matches.map((m: { leadId: string }) => m.leadId)).toEqual(['1001']);
    expect((await post('  JANA@pharma.EXAMPLE ')).body.matches).toEqual([expect.objectContaining({ leadId: '1001', at: T0 + 60_000 })]);
    expect((await post('nobody@nowhere.example')).body.matches).toEqual([]);
  });

  it('pages the list and applies filters from the query', async () => {
    const first = await get('/admin/api/decisions?limit=2');
    expect(first.body.items.map((d: { leadId: string }) => d.leadId)).toEqual(['1001', '1002']);
    expect(first.body.next).toEqual(expect.any(Number));
    const second = await get(`/admin/api/decisions?limit=2&before=${first.body.next}`);
    expect(second.body).toEqual({ items: [expect.objectContaining({ leadId: '1001', at: T0 })], next: null });
    const owner = first.body.items[1].owner as string;
    const byOwner = await get(`/admin/api/decisions?owner=${encodeURIComponent(owner.toUpperCase())}`);
    expect(byOwner.body.items.every((d: { owner: string }) => d.owner === owner)).toBe(true);
    expect((await get('/admin/api/decisions?fallback=1')).body.items.every((d: { target: string }) => d.target === 'fallback')).toBe(true);
  });

  it('answers 400 for unknown or malformed filters and 404 for an unknown lead', async () => {
    expect((await get('/admin/api/decisions?colour=red')).status).toBe(400);
    expect((await get('/admin/api/decisions?limit=0')).status).toBe(400);
    expect((await get('/admin/api/leads/4242')).status).toBe(404);
    expect((await get('/admin/api/nothing')).status).toBe(404);
  });

  it('lists the config rules, owners and tiers as filter choices', async () => {
    const res = await get('/admin/api/filters');
    expect(res.body).toEqual({
      rules: CONFIG.config.routing.rules.map((r) => r.name),
      owners: CONFIG.config.owners.map((o) => o.email.toLowerCase()),
      tiers: ['hot', 'warm', 'cold'],
    });
  });
});
