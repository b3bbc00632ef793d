// The predictive score's property over HTTP (nock): with scoring.predictive enabled, ensureProperties
// creates a number contact property in the lead_router group (not when it is off), the batch
// read asks for it, and the win probability rides the contacts batch update with the scores.
import { describe, expect, it } from '@jest/globals';
import nock from 'nock';
import { API, testConfig } from '../../../unit/connectors/hubspot/fixtures.ts';
import { setupClient, useNock } from './nock-setup.ts';

useNock();

const ON = testConfig({ scoring: { predictive: { enabled: true, property: 'acme_win_probability' } } });
type PropertyBody = { name: string; type: string; fieldType: string; groupName: string };

describe('HubSpot win probability property', () => {
  it('is created as a number property in the lead_router group when scoring.predictive is on', async () => {
    const { client } = setupClient(ON);
    const created: PropertyBody[] = [];
    nock(API)
      .post('/crm/v3/properties/contacts/groups')
      .reply(201, { name: 'lead_router' })
      .post('/crm/v3/properties/contacts/batch/read')
      .reply(200, { status: 'COMPLETE', results: [] })
      .post('/crm/v3/properties/contacts/batch/create', (b: { inputs: PropertyBody[] }) => (b.inputs.forEach((i) => created.push(i)), true))
      .reply(201, { status: 'COMPLETE', results: [] });
    await client.ensureProperties();
    expect(created.map((p) => p.name)).toHaveLength(9);
    expect(created.find((p) => p.name === 'acme_win_probability')).toMatchObject({ type: 'number', fieldType: 'number', groupName: 'lead_router', label: 'Lead Router win probability' });
  });

  it('is not created when the predictive score is off (the default)', async () => {
    const { client } = setupClient(testConfig());
    const created: string[] = [];
    nock(API)
      .post('/crm/v3/properties/contacts/groups')
      .reply(201, { name: 'lead_router' })
      .post('/crm/v3/properties/contacts/batch/read')
      .reply(200, { status: 'COMPLETE', results: [] })
      .post('/crm/v3/properties/contacts/batch/create', (b: { inputs: PropertyBody[] }) => (b.inputs.forEach((i) => created.push(i.name)), true))
      .reply(201, { status: 'COMPLETE', results: [] });
    await client.ensureProperties();
    expect(created).not.toContain('lead_router_win_probability');
    expect(created).toHaveLength(8);
  });

  it('is read with the lead and written in the batch update next to the score', async () => {
    const { client } = setupClient(ON);
    let readBody: { properties: string[] } | undefined;
    let writeBody: unknown;
    nock(API)
      .post('/crm/v3/objects/contacts/batch/read', (b: { properties: string[] }) => ((readBody = b), true))
      .reply(200, { status: 'COMPLETE', results: [{ id: '1', properties: { acme_win_probability: '17', lead_router_score: '40' } }] })
      .post('/crm/v4/associations/contacts/companies/batch/read')
      .reply(200, { status: 'COMPLETE', results: [] })
      .post('/crm/v3/objects/contacts/batch/update', (b) => ((writeBody = b), true))
      .reply(200, { status: 'COMPLETE', results: [{ id: '1' }] });
    const read = await client.readLeads(['1']);
    expect(readBody!.properties).toContain('acme_win_probability');
    expect(read.get('1')!.written).toMatchObject({ winProbability: '17', score: '40' });
    expect(await client.writeLeads([{ id: '1', values: { score: 42, winProbability: '23' } }])).toEqual([{ id: '1', ok: true }]);
    expect(writeBody).toEqual({ inputs: [{ id: '1', properties: { lead_router_score: '42', acme_win_probability: '23' } }] });
  });
});
