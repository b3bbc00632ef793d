// A tenant publishes a config with new tier names: the first write names a priority option the
// portal's enumeration lacks. The client creates the missing options (ensureProperties,
// idempotent) and sends the refused rows again, once.
import { describe, expect, it } from '@jest/globals';
import nock from 'nock';
import { CrmError } from '../../../../src/errors.ts';
import { API, testConfig } from '../../../unit/connectors/hubspot/fixtures.ts';
import { setupClient, useNock } from './nock-setup.ts';

type UpdateBody = { inputs: { id: string; properties: Record<string, string> }[] };
type PropertyBody = { name: string; options?: { value: string; hidden: boolean }[] };

useNock();

const config = testConfig({ tiers: { priority: [{ name: 'core', min: 10 }, { name: 'other' }] } });
const invalidOption = (id: string) => ({
  status: 'error',
  category: 'VALIDATION_ERROR',
  message: `Property values were not valid: [{"isValid":false,"message":"core was not one of the allowed options: [hot, warm, cold]","error":"INVALID_OPTION","name":"lead_router_priority"}]`,
  context: { ids: [id] },
  errors: [{ code: 'INVALID_OPTION', message: 'core was not one of the allowed options', context: { propertyName: ['lead_router_priority'] } }],
});

/** ensureProperties against a portal whose properties exist with the old tiers' options. */
function portalWithOldTiers(patched: PropertyBody[]): void {
  const names = ['lead_router_score', 'lead_router_fit', 'lead_router_engagement', 'lead_router_grade', 'lead_router_reasons', 'lead_router_feedback_note'];
  nock(API)
    .post('/crm/v3/properties/contacts/groups').reply(409, { message: 'group already exists' })
    .post('/crm/v3/properties/contacts/batch/read')
    .reply(200, {
      status: 'COMPLETE',
      results: [
        ...names.map((name) => ({ name })),
        { name: 'lead_router_priority', options: ['hot', 'warm', 'cold'].map((v) => ({ label: v, value: v, hidden: false })) },
        // the rep feedback enumeration already has every kind: no PATCH
        { name: 'lead_router_feedback', options: [['Good lead', 'good_lead'], ['Bad fit', 'bad_fit'], ['Wrong owner', 'wrong_owner'], ['Duplicate', 'duplicate']].map(([label, value]) => ({ label, value, hidden: false })) },
      ],
    })
    .patch('/crm/v3/properties/contacts/lead_router_priority', (b: PropertyBody) => (patched.push(b), true))
    .reply(200, {});
}

describe('writeLeads: a priority option the portal lacks', () => {
  it('207 row refused with INVALID_OPTION: creates the options, resends only that row', async () => {
    const { client } = setupClient(config);
    const sent: UpdateBody[] = [];
    const patched: PropertyBody[] = [];
    nock(API)
      .post('/crm/v3/objects/contacts/batch/update', (b: UpdateBody) => (sent.push(b), true))
      .reply(207, { status: 'COMPLETE', results: [{ id: '1' }], errors: [invalidOption('2')] });
    portalWithOldTiers(patched);
    nock(API)
      .post('/crm/v3/objects/contacts/batch/update', (b: UpdateBody) => (sent.push(b), true))
      .reply(200, { status: 'COMPLETE', results: [{ id: '2' }] });

    const results = await client.writeLeads([
      { id: '1', values: { score: 5 } },
      { id: '2', values: { score: 50, priority: 'core' } },
    ]);

    expect(results).toEqual([{ id: '1', ok: true }, { id: '2', ok: true }]);
    expect(sent[1]).toEqual({ inputs: [{ id: '2', properties: { lead_router_score: '50', lead_router_priority: 'core' } }] });
    // The new tiers become the options; the old ones stay, hidden (records may hold them).
    expect(patched[0]!.options!.map((o) => [o.value, o.hidden])).toEqual([['core', false], ['other', false], ['hot', true], ['warm', true], ['cold', true]]);
  });

  it('400 for the whole batch: creates the options and resends the batch', async () => {
    const { client } = setupClient(config);
    const patched: PropertyBody[] = [];
    nock(API).post('/crm/v3/objects/contacts/batch/update').reply(400, { ...invalidOption('1'), context: {} });
    portalWithOldTiers(patched);
    nock(API).post('/crm/v3/objects/contacts/batch/update').reply(200, { status: 'COMPLETE', results: [{ id: '1' }] });
    expect(await client.writeLeads([{ id: '1', values: { priority: 'core' } }])).toEqual([{ id: '1', ok: true }]);
    expect(patched).toHaveLength(1);
  });

  it('still refused after the options were created: the row fails permanently (no loop)', async () => {
    const { client } = setupClient(config);
    nock(API).post('/crm/v3/objects/contacts/batch/update').reply(207, { status: 'COMPLETE', results: [], errors: [invalidOption('1')] });
    portalWithOldTiers([]);
    nock(API).post('/crm/v3/objects/contacts/batch/update').reply(207, { status: 'COMPLETE', results: [], errors: [invalidOption('1')] });
    const [result] = await client.writeLeads([{ id: '1', values: { priority: 'core' } }]);
    expect(result).toMatchObject({ id: '1', ok: false, retryable: false });
  });

  it('a 400 that is not about our properties is thrown, with no property calls', async () => {
    const { client } = setupClient(config);
    nock(API).post('/crm/v3/objects/contacts/batch/update').reply(400, { status: 'error', category: 'VALIDATION_ERROR', message: 'Duplicate IDs found in batch input' });
    await expect(client.writeLeads([{ id: '1', values: { priority: 'core' } }])).rejects.toBeInstanceOf(CrmError);
  });
});
