// The predictive score's person field over HTTP (nock): with scoring.predictive enabled, the
// missing "lead_router_win_probability" double field is created with the others, its hash is
// reported with the written codes, and the probability is PATCHed as a number.
import { describe, expect, it } from '@jest/globals';
import nock from 'nock';
import { createPipedriveClient } from '../../../../connectors/pipedrive/client.ts';
import { configSchema } from '../../../../src/config/schema.ts';
import type { PipedriveField } from '../../../../connectors/pipedrive/types.ts';
import { API, H, OWN_FIELDS, PERSON_FIELDS, recordingScheduler, TENANT, testConfig } from '../../../unit/connectors/pipedrive/fixtures.ts';
import { jsonBody, useNock } from './nock-setup.ts';

useNock();

const WIN = 'f'.repeat(40);
const WIN_FIELD: PipedriveField = { ...OWN_FIELDS[0]!, field_code: WIN, field_name: 'lead_router_win_probability', field_type: 'double' };
const base = testConfig();
const config = configSchema.parse({ ...base, scoring: { ...base.scoring, predictive: { enabled: true } } });

function client(extra: Partial<Parameters<typeof createPipedriveClient>[0]> = {}) {
  return createPipedriveClient({ tenant: TENANT, apiBase: API, auth: { kind: 'api_token', token: 't' }, scheduler: recordingScheduler(), config, ...extra });
}

describe('Pipedrive win probability field', () => {
  it('creates the double field when missing, reports its hash, then writes the probability as a number', async () => {
    const created: unknown[] = [];
    nock(API).get('/api/v2/personFields').query({ limit: 500 }).times(2).reply(200, { success: true, data: [...PERSON_FIELDS, ...OWN_FIELDS] });
    nock(API)
      .post('/api/v2/personFields')
      .reply(200, (_path: string, body: nock.Body) => {
        created.push(jsonBody(body));
        return { success: true, data: WIN_FIELD };
      });
    nock(API).get('/api/v2/personFields').query({ limit: 500 }).reply(200, { success: true, data: [...PERSON_FIELDS, ...OWN_FIELDS, WIN_FIELD] });
    const patch = nock(API).patch('/api/v2/persons/8', { custom_fields: { [H.score]: 70, [WIN]: 23 } }).reply(200, { success: true, data: {} });
    const codes: Record<string, string>[] = [];
    const results = await client({ onFieldCodes: (c) => void codes.push(c as Record<string, string>) }).writeLeads([{ id: '8', values: { score: 70, winProbability: '23' } }]);
    expect(results).toEqual([{ id: '8', ok: true }]);
    expect(patch.isDone()).toBe(true);
    expect(created).toEqual([{ field_name: 'lead_router_win_probability', field_type: 'double' }]);
    expect(codes[0]).toMatchObject({ score: H.score, winProbability: WIN });
  });

  it('clears the probability (null) when the model is gone', async () => {
    nock(API).get('/api/v2/personFields').query({ limit: 500 }).reply(200, { success: true, data: [...PERSON_FIELDS, ...OWN_FIELDS, WIN_FIELD] });
    const patch = nock(API).patch('/api/v2/persons/8', { custom_fields: { [WIN]: null } }).reply(200, { success: true, data: {} });
    expect(await client().writeLeads([{ id: '8', values: { winProbability: '' } }])).toEqual([{ id: '8', ok: true }]);
    expect(patch.isDone()).toBe(true);
  });
});
