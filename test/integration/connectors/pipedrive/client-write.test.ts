import { describe, expect, it } from '@jest/globals';
import nock from 'nock';
import { createPipedriveClient } from '../../../../connectors/pipedrive/client.ts';
import type { PipedriveField } from '../../../../connectors/pipedrive/types.ts';
import { API, H, OWN_FIELDS, FEEDBACK_FIELDS, PERSON_FIELDS, recordingScheduler, TENANT, testConfig } from '../../../unit/connectors/pipedrive/fixtures.ts';
import { jsonBody, requestUrl, useNock } from './nock-setup.ts';

useNock();

const config = testConfig({ industry: 'Industry' });

function personFields(scope: nock.Scope, fields: PipedriveField[]) {
  return scope.get('/api/v2/personFields').query({ limit: 500 }).reply(200, { success: true, data: fields, additional_data: { next_cursor: null } });
}

function client(extra: Partial<Parameters<typeof createPipedriveClient>[0]> = {}) {
  return createPipedriveClient({ tenant: TENANT, apiBase: API, auth: { kind: 'api_token', token: 't' }, scheduler: recordingScheduler(), config, ...extra });
}

describe('writeLeads', () => {
  it('sends one PATCH per person with owner_id and custom_fields by hash (priority as option id)', async () => {
    const bodies: Record<string, unknown> = {};
    personFields(nock(API), [...PERSON_FIELDS, ...OWN_FIELDS]);
    nock(API)
      .patch(/\/api\/v2\/persons\/\d+/)
      .times(2)
      .reply(200, (path: string, body: nock.Body) => {
        bodies[requestUrl(path).pathname] = jsonBody(body);
        return { success: true, data: {} };
      });
    const results = await client().writeLeads([
      { id: '8', ownerId: '12', values: { score: 82, fit: '50', priority: 'hot', grade: 'A1', reasons: '+30 size 1000+' } },
      { id: '9', values: { priority: 'Cold' } },
    ]);
    expect(results).toEqual([
      { id: '8', ok: true },
      { id: '9', ok: true },
    ]);
    expect(bodies['/api/v2/persons/8']).toEqual({
      owner_id: 12,
      custom_fields: { [H.score]: 82, [H.fit]: 50, [H.priority]: 41, [H.grade]: 'A1', [H.reasons]: '+30 size 1000+' },
    });
    expect(bodies['/api/v2/persons/9']).toEqual({ custom_fields: { [H.priority]: 43 } });
  });

  it('reports a deleted person (404) as a non-retryable row failure and a 5xx as retryable', async () => {
    personFields(nock(API), [...PERSON_FIELDS, ...OWN_FIELDS]);
    nock(API)
      .patch('/api/v2/persons/8')
      .reply(404, { success: false, error: 'Person not found' })
      .patch('/api/v2/persons/9')
      .reply(502, { success: false, error: 'Bad gateway' })
      .patch('/api/v2/persons/10')
      .reply(200, { success: true, data: {} });
    const results = await client().writeLeads([
      { id: '8', values: { score: 1 } },
      { id: '9', values: { score: 2 } },
      { id: '10', values: { score: 3 } },
    ]);
    expect(results[0]).toEqual({ id: '8', ok: false, retryable: false, error: 'person 8 not found (deleted or merged)' });
    expect(results[1]).toMatchObject({ id: '9', ok: false, retryable: true, error: expect.stringContaining('(502): Bad gateway') });
    expect(results[2]).toEqual({ id: '10', ok: true });
  });

  it('writes even when a read alias does not resolve (the write path needs only write fields)', async () => {
    personFields(nock(API), [...PERSON_FIELDS, ...OWN_FIELDS]);
    nock(API).patch('/api/v2/persons/8', { custom_fields: { [H.score]: 5 } }).reply(200, { success: true, data: {} });
    expect(await client({ config: testConfig({ typo: 'Industri' }) }).writeLeads([{ id: '8', values: { score: 5 } }])).toEqual([{ id: '8', ok: true }]);
  });

  it('makes no call for an update without changes, and rejects a non-numeric id', async () => {
    personFields(nock(API), [...PERSON_FIELDS, ...OWN_FIELDS]);
    expect(await client().writeLeads([{ id: '8', values: {} }, { id: 'abc', values: { score: 1 } }])).toEqual([
      { id: '8', ok: true },
      { id: 'abc', ok: false, retryable: false, error: '"abc" is not a Pipedrive person id' },
    ]);
  });

  it('creates missing fields first, then writes (lazy ensureProperties)', async () => {
    const created: unknown[] = [];
    const withoutOwn = nock(API).get('/api/v2/personFields').query({ limit: 500 }).times(2).reply(200, { success: true, data: PERSON_FIELDS });
    nock(API)
      .post('/api/v2/personFields')
      .times(6)
      .reply(200, (_path: string, sent: nock.Body) => {
        const body = jsonBody(sent);
        created.push(body);
        const b = body as { field_name: string };
        const own = OWN_FIELDS.find((f) => f.field_name === b.field_name)!;
        return { success: true, data: own };
      });
    const afterCreate = nock(API).get('/api/v2/personFields').query({ limit: 500 }).reply(200, { success: true, data: [...PERSON_FIELDS, ...OWN_FIELDS] });
    const patch = nock(API).patch('/api/v2/persons/8', { custom_fields: { [H.score]: 70, [H.priority]: 41 } }).reply(200, { success: true, data: {} });
    const codes: unknown[] = [];
    const results = await client({ onFieldCodes: (c) => void codes.push(c) }).writeLeads([{ id: '8', values: { score: 70, priority: 'hot' } }]);
    expect(results).toEqual([{ id: '8', ok: true }]);
    expect(withoutOwn.isDone() && afterCreate.isDone() && patch.isDone()).toBe(true);
    expect(created).toContainEqual({ field_name: 'lead_router_priority', field_type: 'enum', options: [{ label: 'hot' }, { label: 'warm' }, { label: 'cold' }] });
    expect(codes).toEqual([{ score: H.score, fit: H.fit, engagement: H.engagement, priority: H.priority, grade: H.grade, reasons: H.reasons }]);
  });

  it('writes a verdict to the feedback option field (option id) and the note field', async () => {
    personFields(nock(API), [...PERSON_FIELDS, ...OWN_FIELDS]);
    const patch = nock(API)
      .patch('/api/v2/persons/8', { custom_fields: { [H.feedback]: 93, [H.feedbackNote]: 'EMEA' } })
      .reply(200, { success: true, data: {} })
      .patch('/api/v2/persons/9', { custom_fields: { [H.score]: 12, [H.feedback]: 94, [H.feedbackNote]: null } })
      .reply(200, { success: true, data: {} });
    expect(
      await client().writeLeads([
        { id: '8', values: {}, feedback: { kind: 'wrong_owner', note: 'EMEA' } },
        { id: '9', values: { score: 12 }, feedback: { kind: 'duplicate', note: null } },
      ]),
    ).toEqual([{ id: '8', ok: true }, { id: '9', ok: true }]);
    expect(patch.isDone()).toBe(true);
  });

  it('adds a tier option the priority field lacks before writing it', async () => {
    const noCold = OWN_FIELDS.map((f) => (f.field_code === H.priority ? { ...f, options: f.options!.slice(0, 2) } : f));
    personFields(nock(API), [...PERSON_FIELDS, ...noCold]);
    const options = nock(API).post(`/api/v2/personFields/${H.priority}/options`, [{ label: 'cold' }]).reply(200, { success: true, data: [{ id: 43, label: 'cold' }] });
    personFields(nock(API), [...PERSON_FIELDS, ...OWN_FIELDS]);
    const patch = nock(API).patch('/api/v2/persons/8', { custom_fields: { [H.priority]: 43 } }).reply(200, { success: true, data: {} });
    expect(await client().writeLeads([{ id: '8', values: { priority: 'cold' } }])).toEqual([{ id: '8', ok: true }]);
    expect(options.isDone() && patch.isDone()).toBe(true);
  });
});

describe('ensureProperties', () => {
  it('creates each missing field with its type, once (idempotent)', async () => {
    const posted: { field_name: string; field_type: string; options?: { label: string }[] }[] = [];
    const noFeedback = OWN_FIELDS.filter((f) => !FEEDBACK_FIELDS.includes(f));
    personFields(nock(API), PERSON_FIELDS);
    personFields(nock(API), PERSON_FIELDS); // stale-cache check before creating
    // then the rep feedback fields: cached catalog invalidated by the creations, fresh check again
    personFields(nock(API), [...PERSON_FIELDS, ...noFeedback]);
    personFields(nock(API), [...PERSON_FIELDS, ...noFeedback]);
    nock(API)
      .post('/api/v2/personFields')
      .times(8)
      .reply(200, (_path: string, sent: nock.Body) => {
        const body = jsonBody(sent);
        posted.push(body as { field_name: string; field_type: string });
        return { success: true, data: OWN_FIELDS.find((f) => f.field_name === (body as { field_name: string }).field_name) };
      });
    const c = client();
    await c.ensureProperties();
    expect(posted.map((b) => [b.field_name, b.field_type])).toEqual([
      ['lead_router_score', 'double'],
      ['lead_router_fit', 'double'],
      ['lead_router_engagement', 'double'],
      ['lead_router_priority', 'enum'],
      ['lead_router_grade', 'varchar'],
      ['lead_router_reasons', 'text'],
      ['Lead Router feedback', 'enum'],
      ['Lead Router feedback note', 'text'],
    ]);
    expect(posted[6]!.options).toEqual([{ label: 'Good lead' }, { label: 'Bad fit' }, { label: 'Wrong owner' }, { label: 'Duplicate' }]);
    expect(c.ownFieldCodes()).toEqual(new Set([H.score, H.fit, H.engagement, H.priority, H.grade, H.reasons]));

    personFields(nock(API), [...PERSON_FIELDS, ...OWN_FIELDS]);
    await c.ensureProperties(); // nothing to create: no POST interceptor left, so a POST would fail
    expect(nock.pendingMocks()).toEqual([]);
  });

  it('adds the feedback options an older option field lacks (Duplicate)', async () => {
    const old = OWN_FIELDS.map((f) => (f.field_code === H.feedback ? { ...f, options: f.options!.slice(0, 3) } : f));
    personFields(nock(API), [...PERSON_FIELDS, ...old]);
    personFields(nock(API), [...PERSON_FIELDS, ...old]);
    const options = nock(API).post(`/api/v2/personFields/${H.feedback}/options`, [{ label: 'Duplicate' }]).reply(200, { success: true, data: [{ id: 94, label: 'Duplicate' }] });
    await client().ensureProperties();
    expect(options.isDone()).toBe(true);
    expect(nock.pendingMocks()).toEqual([]);
  });

  it('uses the names from writeBack.properties', async () => {
    const cfg = testConfig();
    cfg.writeBack.properties.score = 'Lead score';
    const named = OWN_FIELDS.map((f) => (f.field_code === H.score ? { ...f, field_name: 'Lead Score' } : f));
    personFields(nock(API), [...PERSON_FIELDS, ...named]);
    await client({ config: cfg }).ensureProperties();
    expect(nock.pendingMocks()).toEqual([]);
  });
});
