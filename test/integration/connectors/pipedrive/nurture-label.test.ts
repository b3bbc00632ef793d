// Nurture label against Pipedrive (nock): the person's labels are read with their names from the
// label_ids field's options; the write PATCHes label_ids keeping the labels the person has; an
// unknown label re-reads the field catalog once, then fails the row for good with a clear error;
// a re-engaged lead's label is taken off by PATCHing the labels kept.
import { describe, expect, it } from '@jest/globals';
import nock from 'nock';
import { createPipedriveClient } from '../../../../connectors/pipedrive/client.ts';
import type { PipedriveField } from '../../../../connectors/pipedrive/types.ts';
import { configSchema } from '../../../../src/config/schema.ts';
import { API, OWN_FIELDS, PERSON_FIELDS, recordingScheduler, TENANT } from '../../../unit/connectors/pipedrive/fixtures.ts';
import { jsonBody, useNock } from './nock-setup.ts';

useNock();

const config = configSchema.parse({
  version: 1,
  scoring: {},
  tiers: { priority: [{ name: 'hot', min: 70 }, { name: 'warm', min: 40 }, { name: 'cold' }] },
  owners: [{ email: 'anna@acme.test' }],
  routing: {},
  nurture: { reengageAt: 40, programs: [{ name: 'cold', tiers: ['cold'], pipedrive: { label: 'Hot lead' } }] },
});

function personFields(scope: nock.Scope, fields: PipedriveField[] = [...PERSON_FIELDS, ...OWN_FIELDS]) {
  return scope.get('/api/v2/personFields').query({ limit: 500 }).reply(200, { success: true, data: fields, additional_data: { next_cursor: null } });
}

const client = () => createPipedriveClient({ tenant: TENANT, apiBase: API, auth: { kind: 'api_token', token: 't' }, scheduler: recordingScheduler(), config });

describe('Pipedrive nurture label', () => {
  it('reads the person labels with their names', async () => {
    personFields(nock(API));
    nock(API).get('/v1/users').reply(200, { success: true, data: [{ id: 99, email: 'integration@acme.test', active_flag: true, is_you: true }] });
    nock(API).get('/api/v2/persons').query(true).reply(200, { success: true, data: [{ id: 8, owner_id: 5, label_ids: [1] }, { id: 9, owner_id: 5 }] });
    const leads = await client().readLeads(['8', '9']);
    expect(leads.get('8')!.nurture).toEqual({ labels: [{ id: '1', name: 'Customer' }] });
    expect(leads.get('9')!.nurture).toEqual({ labels: [] });
  });

  it('PATCHes label_ids with the labels kept and the nurture label added', async () => {
    personFields(nock(API));
    let body: unknown;
    nock(API).patch('/api/v2/persons/8').reply(200, (_path: string, sent: nock.Body) => ((body = jsonBody(sent)), { success: true, data: {} }));
    const results = await client().writeLeads([{ id: '8', values: {}, nurture: { label: { name: 'hot LEAD', keepIds: ['1'] } } }]);
    expect(results).toEqual([{ id: '8', ok: true }]);
    expect(body).toEqual({ label_ids: [1, 2] });
  });

  it('takes the nurture label off a re-engaged lead: label_ids = the labels kept (none left: empty)', async () => {
    personFields(nock(API)); // the write plan's field catalog (read once; no fresh re-read for a label taken off)
    const bodies: unknown[] = [];
    nock(API).patch('/api/v2/persons/8').reply(200, (_path: string, sent: nock.Body) => (bodies.push(jsonBody(sent)), { success: true, data: {} }));
    nock(API).patch('/api/v2/persons/9').reply(200, (_path: string, sent: nock.Body) => (bodies.push(jsonBody(sent)), { success: true, data: {} }));
    const results = await client().writeLeads([
      { id: '8', values: {}, nurture: { unlabel: { name: 'Hot lead', keepIds: ['1', '3'] } } },
      { id: '9', values: {}, nurture: { unlabel: { name: 'Hot lead', keepIds: [] } } },
    ]);
    expect(results).toEqual([{ id: '8', ok: true }, { id: '9', ok: true }]);
    expect(bodies).toEqual([{ label_ids: [1, 3] }, { label_ids: [] }]);
  });

  it('an unknown label: the catalog is re-read once, then the row fails for good naming the config path', async () => {
    personFields(nock(API));
    personFields(nock(API)); // the fresh re-read
    const [r] = await client().writeLeads([{ id: '8', values: {}, nurture: { label: { name: 'Nurture', keepIds: [] } } }]);
    expect(r).toMatchObject({ id: '8', ok: false, retryable: false });
    expect(r!.error).toBe('Pipedrive person label "Nurture" (nurture.programs[].pipedrive.label) does not exist (labels: customer, hot lead); add it in Pipedrive or name an existing one');
  });
});
