// The Pipedrive panel's feedback modal through the real app: Pipedrive's signed requests in,
// the `feedback` table out, bound to the company of the verified token and nothing else.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { RunningApp } from '../../../../src/main.ts';
import { PIPEDRIVE_APP_PATHS } from '../../../../connectors/pipedrive/app-manifest/paths.ts';
import { md, truncate } from '../../../../connectors/pipedrive/panel-explain.ts';
import { COMPANY_A, COMPANY_B, panelCall, PERSON_A, PERSON_B, startPanelApp, type PanelCallOptions } from './panel-app.ts';

const MODAL = PIPEDRIVE_APP_PATHS.feedbackModal;
let app: RunningApp;
beforeAll(async () => {
  app = await startPanelApp();
});
afterAll(async () => {
  await app?.close();
});

const submit = (body: unknown, o: PanelCallOptions = {}) => panelCall(app, MODAL, { method: 'POST', body, ...o });
const feedbackOf = async (company: string, person: string) => app.store.listFeedback(`pipedrive:${company}`, person);

describe('Pipedrive feedback modal', () => {
  it('opens with the decision being judged', async () => {
    const res = await panelCall(app, MODAL);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { data: { blocks: { decision: { value: string } }; actions: object } };
    expect(body.data.actions).toEqual({});
    expect(body.data.blocks.decision.value).toMatch(/^Score \d+ \((hot|warm|cold)\)\. \S/);
  });

  it('stores a verdict for the token\'s company, user and person, and answers with a snackbar', async () => {
    const res = await submit({ verdict: 'wrong_owner', note: '  belongs to EMEA  ', decision: 'ignored' }, { user: 12345 });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ success: { type: 'snackbar', message: expect.stringContaining('Wrong owner') } });
    const [saved] = await feedbackOf(COMPANY_A, PERSON_A);
    expect(saved).toMatchObject({ tenant: `pipedrive:${COMPANY_A}`, leadId: PERSON_A, userId: '12345', kind: 'wrong_owner', note: 'belongs to EMEA' });
    expect(Math.abs(saved!.at - Date.now())).toBeLessThan(10_000);
  });

  it('accepts "duplicate", ties it to the decision and queues it for the Pipedrive feedback field', async () => {
    const tenant = `pipedrive:${COMPANY_A}`;
    const res = await submit({ verdict: 'duplicate' }, { user: 12346 });
    expect(res.status).toBe(200);
    const [saved] = await feedbackOf(COMPANY_A, PERSON_A);
    const [decision] = await app.store.getAudit(tenant, PERSON_A, 1);
    expect(saved).toMatchObject({ kind: 'duplicate', note: null, userId: '12346', source: 'panel', decision: { decidedAt: decision!.at, rule: decision!.evaluation.route.rule } });
    const queued = await app.store.inboxClaim({ tenant, limit: 100, leaseMs: 1_000, now: Date.now() + 1_000, worker: 'panel-test' });
    expect(queued.filter((r) => r.kind === 'feedback.write').map((r) => [r.objectId, r.payload])).toContainEqual([PERSON_A, { kind: 'duplicate', note: null }]);
  });

  it('refuses a forged token, a token without exp and an expired one with 401, storing nothing', async () => {
    const before = (await feedbackOf(COMPANY_A, PERSON_A)).length;
    const now = Math.floor(Date.now() / 1000);
    for (const o of [
      { secret: 'forged-secret-0123456789-0123456789' },
      { claims: { userId: 4711, companyId: Number(COMPANY_A) } },
      { claims: { userId: 4711, companyId: Number(COMPANY_A), exp: now - 120 } },
    ]) {
      const res = await submit({ verdict: 'good_lead' }, o);
      expect(res.status).toBe(401);
      expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/signature is invalid|no expiry|expired/);
    }
    expect(await feedbackOf(COMPANY_A, PERSON_A)).toHaveLength(before);
  });

  it('never lets one company read or write another company\'s lead', async () => {
    const beforeA = (await feedbackOf(COMPANY_A, PERSON_A)).length;
    // Company B's valid token aimed at company A's person: B has no such lead.
    const read = await panelCall(app, MODAL, { company: COMPANY_B, person: PERSON_A });
    expect(read.status).toBe(404);
    const write = await submit({ verdict: 'bad_fit' }, { company: COMPANY_B, person: PERSON_A });
    expect(write.status).toBe(404);
    // B's token with A's company in the plain query parameter: the token and the URL disagree.
    const smuggled = await submit({ verdict: 'bad_fit' }, { company: COMPANY_B, queryCompany: COMPANY_A });
    expect(smuggled.status).toBe(401);
    expect(((await smuggled.json()) as { error: { message: string } }).error.message).toMatch(`names company ${COMPANY_A} but its signed token is for company ${COMPANY_B}`);
    expect(await feedbackOf(COMPANY_A, PERSON_A)).toHaveLength(beforeA);
    expect(await feedbackOf(COMPANY_B, PERSON_A)).toEqual([]);
    // B's own person works and lands in B only.
    expect((await submit({ verdict: 'bad_fit' }, { company: COMPANY_B, person: PERSON_B })).status).toBe(200);
    expect((await feedbackOf(COMPANY_B, PERSON_B)).map((f) => f.kind)).toEqual(['bad_fit']);
    expect(await feedbackOf(COMPANY_A, PERSON_B)).toEqual([]);
  });

  it.each([
    ['an unknown verdict', { verdict: 'spam' }, 400, /verdict/],
    ['no verdict', { note: 'hm' }, 400, /verdict/],
    ['a note over 500 characters', { verdict: 'good_lead', note: 'x'.repeat(501) }, 400, /note/],
  ])('rejects %s with a clear message', async (_what, body, status, message) => {
    const before = (await feedbackOf(COMPANY_A, PERSON_A)).length;
    const res = await submit(body);
    expect(res.status).toBe(status);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(message);
    expect(await feedbackOf(COMPANY_A, PERSON_A)).toHaveLength(before);
  });

  it('answers for persons only: an organization id would name another record', async () => {
    const res = await submit({ verdict: 'good_lead' }, { resource: 'organization' });
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/scores people/);
  });

  it('rejects a body that is not JSON with 400', async () => {
    const params = new URL((await panelCall(app, MODAL)).url).search;
    const res = await fetch(`${app.url}${MODAL}${params}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"verdict":' });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: { message: expect.stringContaining('Unreadable request body') } });
  });
});

describe('Pipedrive JSON panel', () => {
  it('shows the routing explanation next to the score', async () => {
    const res = await panelCall(app, PIPEDRIVE_APP_PATHS.panel);
    expect(res.status).toBe(200);
    const [object] = ((await res.json()) as { data: Record<string, unknown>[] }).data;
    expect(object).toMatchObject({ id: Number(PERSON_A), header: 'Lead score' });
    const [audit] = await app.store.getAudit(`pipedrive:${COMPANY_A}`, PERSON_A, 1);
    const route = audit!.evaluation.route;
    expect(route.reason).not.toBe('');
    // The engine's sentence and tie-break, markdown-escaped (text fields are markdown, §6).
    expect(object!['decision']).toBe(truncate(md(route.tieBreak ? `${route.reason} (${route.tieBreak})` : route.reason), 255));
    // The default config's pharma team: Max lacks the skill; named as configured, in brief.
    expect(object!['skipped']).toBe('- Max Schmidt: missing skill "pharma"');
  });

  it('refuses a token whose company differs from the URL\'s, and a non-person view', async () => {
    expect((await panelCall(app, PIPEDRIVE_APP_PATHS.panel, { company: COMPANY_B, queryCompany: COMPANY_A })).status).toBe(401);
    const org = await panelCall(app, PIPEDRIVE_APP_PATHS.panel, { resource: 'organization' });
    expect(org.status).toBe(404);
    expect(((await org.json()) as { error: { title: string } }).error.title).toBe('Not scored yet');
  });
});
