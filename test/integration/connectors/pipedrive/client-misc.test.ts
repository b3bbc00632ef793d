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
