import { describe, it, expect } from '@jest/globals';
import nock from 'nock';
import type { LeadUpdate } from '../../../../src/crm/types.ts';
import { CrmError } from '../../../../src/errors.ts';
import { API } from '../../../unit/connectors/hubspot/fixtures.ts';
import { setupClient, useNock } from './nock-setup.ts';

type UpdateBody = { inputs: { id: string; properties: Record<string, string> }[] };

useNock();

async function crmError(p: Promise<unknown>): Promise<CrmError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(CrmError);
    return e as CrmError;
  }
  throw new Error('expected a CrmError');
}

describe('writeLeads', () => {
  it('200: sends changed values by property name (+ owner) and reports every row ok', async () => {
    const { client } = setupClient();
    let body: UpdateBody | undefined;
    nock(API)
      .matchHeader('authorization', 'Bearer token-1')
      .post('/crm/v3/objects/contacts/batch/update', (b: UpdateBody) => ((body = b), true))
      .reply(200, { status: 'COMPLETE', results: [{ id: '1' }, { id: '2' }] });
    const results = await client.writeLeads([
      { id: '1', ownerId: '501', values: { score: 82, priority: 'Hot', reasons: 'title CFO +20' } },
      { id: '2', values: { grade: 'A1' } },
    ]);
    expect(body).toEqual({
      inputs: [
        { id: '1', properties: { lead_router_score: '82', lead_router_priority: 'hot', lead_router_reasons: 'title CFO +20', hubspot_owner_id: '501' } },
        { id: '2', properties: { lead_router_grade: 'A1' } },
      ],
    });
    expect(results).toEqual([{ id: '1', ok: true }, { id: '2', ok: true }]);
  });

  it('207: per-row failures; validation errors are permanent, others retryable', async () => {
    const { client } = setupClient();
    nock(API)
      .post('/crm/v3/objects/contacts/batch/update')
      .reply(207, {
        status: 'COMPLETE',
        results: [{ id: '1' }],
        numErrors: 2,
        errors: [
          { status: 'error', category: 'VALIDATION_ERROR', message: 'Property values were not valid: hubspot_owner_id', context: { ids: ['2'] } },
          { status: 'error', category: 'INTERNAL_ERROR', message: 'Something went wrong', context: { ids: ['3'] } },
        ],
      });
    const results = await client.writeLeads([
      { id: '1', values: { score: 1 } },
      { id: '2', ownerId: 'user-42', values: {} },
      { id: '3', values: { score: 3 } },
    ]);
    expect(results).toEqual([
      { id: '1', ok: true },
      { id: '2', ok: false, retryable: false, error: 'VALIDATION_ERROR: Property values were not valid: hubspot_owner_id' },
      { id: '3', ok: false, retryable: true, error: 'INTERNAL_ERROR: Something went wrong' },
    ]);
  });

  it('207 with an error tied to no row: rows HubSpot did not confirm fail', async () => {
    const { client } = setupClient();
    nock(API)
      .post('/crm/v3/objects/contacts/batch/update')
      .reply(207, { results: [{ id: '1' }], errors: [{ category: 'INTERNAL_ERROR', message: 'partial outage' }] });
    const results = await client.writeLeads([{ id: '1', values: { score: 1 } }, { id: '2', values: { score: 2 } }]);
    expect(results).toEqual([{ id: '1', ok: true }, { id: '2', ok: false, retryable: true, error: 'INTERNAL_ERROR: partial outage' }]);
  });

  it('at most 100 inputs per call; duplicate ids merged; nothing-to-write rows cost no call', async () => {
    const { client } = setupClient();
    const sizes: number[] = [];
    let second: UpdateBody | undefined;
    nock(API)
      .post('/crm/v3/objects/contacts/batch/update', (b: UpdateBody) => (sizes.push(b.inputs.length), (second = b), true))
      .times(2)
      .reply(200, { results: [] });
    const updates: LeadUpdate[] = Array.from({ length: 150 }, (_, i) => ({ id: String(i + 1), values: { score: i } }));
    updates.push({ id: '150', values: { priority: 'warm' } });
    updates.push({ id: 'noop', values: {} });
    const results = await client.writeLeads(updates);
    expect(sizes).toEqual([100, 50]);
    expect(second?.inputs.at(-1)).toEqual({ id: '150', properties: { lead_router_score: '149', lead_router_priority: 'warm' } });
    expect(results).toHaveLength(151);
    expect(results.every((r) => r.ok)).toBe(true);
  });

  it('400 for the whole batch: a non-retryable CrmError with HubSpot message', async () => {
    const { client } = setupClient();
    nock(API)
      .post('/crm/v3/objects/contacts/batch/update')
      .reply(400, { status: 'error', message: 'Property "lead_router_score" does not exist', category: 'VALIDATION_ERROR', correlationId: 'c-9' });
    const e = await crmError(client.writeLeads([{ id: '1', values: { score: 1 } }]));
    expect(e).toMatchObject({ retryable: false, crmStatus: 400 });
    expect(e.message).toMatch(/VALIDATION_ERROR: Property "lead_router_score" does not exist \(correlationId c-9\)/);
  });

  it('429 TEN_SECONDLY_ROLLING and DAILY are translated, and the headers observed', async () => {
    const { client, scheduler } = setupClient();
    nock(API)
      .post('/crm/v3/objects/contacts/batch/update')
      .reply(
        429,
        { status: 'error', message: 'You have reached your ten_secondly_rolling limit.', errorType: 'RATE_LIMIT', policyName: 'TEN_SECONDLY_ROLLING' },
        { 'X-HubSpot-RateLimit-Max': '110', 'X-HubSpot-RateLimit-Remaining': '0', 'X-HubSpot-RateLimit-Interval-Milliseconds': '10000' },
      )
      .post('/crm/v3/objects/contacts/batch/update')
      .reply(429, { status: 'error', message: 'You have reached your daily limit.', policyName: 'DAILY' }, {
        'X-HubSpot-RateLimit-Daily': '250000',
        'X-HubSpot-RateLimit-Daily-Remaining': '0',
      });
    const burst = await crmError(client.writeLeads([{ id: '1', values: { score: 1 } }]));
    expect(burst).toMatchObject({ rateLimit: 'burst', retryable: true, retryAfterMs: 10_000, crmStatus: 429 });
    const daily = await crmError(client.writeLeads([{ id: '1', values: { score: 1 } }]));
    expect(daily).toMatchObject({ rateLimit: 'daily', retryable: true, crmStatus: 429 });
    expect(daily.retryAfterMs).toBeGreaterThan(0);
    expect(daily.retryAfterMs).toBeLessThanOrEqual(86_400_000);
    expect(scheduler.observed).toEqual([
      { lane: 'default', limit: 110, remaining: 0, intervalMs: 10_000 },
      { lane: 'default', dailyRemaining: 0, dailyResetAt: expect.any(Number) },
    ]);
  });

  it('5xx and network failures are retryable CrmErrors', async () => {
    const { client, calls } = setupClient();
    nock(API).post('/crm/v3/objects/contacts/batch/update').reply(502, '<html>Bad Gateway</html>');
    nock(API).post('/crm/v3/objects/contacts/batch/update').replyWithError(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }));
    expect(await crmError(client.writeLeads([{ id: '1', values: { score: 1 } }]))).toMatchObject({ retryable: true, crmStatus: 502 });
    const net = await crmError(client.writeLeads([{ id: '1', values: { score: 1 } }]));
    expect(net).toMatchObject({ retryable: true, crmStatus: undefined });
    expect(calls).toEqual([
      { path: '/crm/v3/objects/contacts/batch/update', status: 502 },
      { path: '/crm/v3/objects/contacts/batch/update', status: 0 },
    ]);
  });
});
