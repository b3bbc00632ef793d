import { describe, expect, it } from '@jest/globals';
import nock from 'nock';
import { createPipedriveClient } from '../../../../connectors/pipedrive/client.ts';
import { API, recordingScheduler, TENANT, testConfig } from '../../../unit/connectors/pipedrive/fixtures.ts';
import { useNock } from './nock-setup.ts';

useNock();

const client = () => createPipedriveClient({ tenant: TENANT, apiBase: API, auth: { kind: 'api_token', token: 't' }, scheduler: recordingScheduler(), config: testConfig() });

describe('listOwners', () => {
  it('reads GET /v1/users; active_flag false or deleted -> inactive', async () => {
    nock(API)
      .get('/v1/users')
      .reply(200, {
        success: true,
        data: [
          { id: 12, name: 'Anna', email: 'anna@acme.test', active_flag: true },
          { id: 13, name: 'Bob', email: 'bob@acme.test', active_flag: false },
          { id: 14, email: 'gone@acme.test', active_flag: true, is_deleted: true },
        ],
      });
    expect(await client().listOwners()).toEqual([
      { id: '12', email: 'anna@acme.test', active: true, name: 'Anna' },
      { id: '13', email: 'bob@acme.test', active: false, name: 'Bob' },
      { id: '14', email: 'gone@acme.test', active: false },
    ]);
  });
});

describe('companyLeadIds', () => {
  it('pages through GET /api/v2/persons?org_id with limit 500 and the cursor', async () => {
    const scope = nock(API)
      .get('/api/v2/persons')
      .query({ org_id: '77', limit: 500 })
      .reply(200, { success: true, data: [{ id: 1 }, { id: 2 }], additional_data: { next_cursor: 'c2' } })
      .get('/api/v2/persons')
      .query({ org_id: '77', limit: 500, cursor: 'c2' })
      .reply(200, { success: true, data: [{ id: 3 }], additional_data: { next_cursor: null } });
    expect(await client().companyLeadIds(['77'])).toEqual(['1', '2', '3']);
    expect(scope.isDone()).toBe(true);
  });
});

describe('listLeadIds', () => {
  it('with since: updated_since (RFC 3339), sorted by update_time, returning the next cursor', async () => {
    nock(API)
      .get('/api/v2/persons')
      .query({ updated_since: '2026-11-01T10:20:00Z', sort_by: 'update_time', limit: 200, cursor: 'abc' })
      .reply(200, { success: true, data: [{ id: 5 }, { id: 6 }], additional_data: { next_cursor: 'def' } });
    expect(await client().listLeadIds({ cursor: 'abc', since: Date.parse('2026-11-01T10:20:00.456Z'), limit: 200 })).toEqual({ ids: ['5', '6'], next: 'def' });
  });

  it('without since: from the start in id order, limit capped at 500, null at the end', async () => {
    nock(API)
      .get('/api/v2/persons')
      .query({ sort_by: 'id', limit: 500 })
      .reply(200, { success: true, data: [{ id: 1 }], additional_data: { next_cursor: null } });
    expect(await client().listLeadIds({ cursor: null, limit: 5000 })).toEqual({ ids: ['1'], next: null });
  });
});

describe('listDeals (backfill --outcomes)', () => {
  it('pages GET /api/v2/deals in id order and reads each deal with a person as an outcome', async () => {
    nock(API)
      .get('/api/v2/deals')
      .query({ sort_by: 'id', limit: 500, cursor: 'c1' })
      .reply(200, {
        success: true,
        data: [
          { id: 7, person_id: 8, status: 'won', value: 1200, currency: 'EUR', add_time: '2026-11-02T09:00:00Z', won_time: '2026-11-20T10:00:00Z', update_time: '2026-11-20T10:00:05Z' },
          { id: 9, person_id: null, org_id: 4, status: 'open', value: 5, currency: 'EUR' },
          { id: 10, person_id: 8, status: 'lost', value: 0, currency: 'USD', lost_time: '2026-11-21T10:00:00Z', lost_reason: 'Price', update_time: '2026-11-21T10:00:00Z' },
        ],
        additional_data: { next_cursor: null },
      });
    const page = await client().listDeals!({ cursor: 'c1', limit: 1000 });
    expect(page.next).toBeNull();
    expect(page.deals).toEqual([
      { dealId: '7', leadIds: ['8'], status: 'won', amount: 1200, currency: 'EUR', createdAt: Date.parse('2026-11-02T09:00:00Z'), closedAt: Date.parse('2026-11-20T10:00:00Z'), lostReason: null, observedAt: Date.parse('2026-11-20T10:00:05Z') },
      { dealId: '10', leadIds: ['8'], status: 'lost', amount: 0, currency: 'USD', createdAt: null, closedAt: Date.parse('2026-11-21T10:00:00Z'), lostReason: 'Price', observedAt: Date.parse('2026-11-21T10:00:00Z') },
    ]);
  });
});

describe('Leads Inbox (§3.6)', () => {
  const lead = { id: 'adf21080-0e10-11eb-879b-05d71fb426ec', title: 'ACME deal', owner_id: 12, label_ids: ['f0dc1d6c'], person_id: 8, organization_id: 77 };

  it('reads a lead by id, null when it does not exist', async () => {
    nock(API).get(`/v1/leads/${lead.id}`).reply(200, { success: true, data: lead }).get('/v1/leads/missing').reply(404, { success: false, error: 'Lead not found' });
    expect(await client().readLeadEntity(lead.id)).toEqual(lead);
    expect(await client().readLeadEntity('missing')).toBeNull();
  });

  it('PATCHes owner_id and label_ids', async () => {
    const scope = nock(API).patch(`/v1/leads/${lead.id}`, { owner_id: 13, label_ids: ['a', 'b'] }).reply(200, { success: true, data: { ...lead, owner_id: 13 } });
    expect(await client().updateLeadEntity(lead.id, { owner_id: 13, label_ids: ['a', 'b'] })).toMatchObject({ owner_id: 13 });
    expect(scope.isDone()).toBe(true);
  });
});
