// Rep feedback properties over HTTP (nock): a verdict rides the contacts batch update with the
// other written values (enumeration option value = the kind; "" clears the note), and the
// current verdicts are read back with one batch read of the two properties.
import { describe, expect, it } from '@jest/globals';
import nock from 'nock';
import { API } from '../../../unit/connectors/hubspot/fixtures.ts';
import { setupClient, useNock } from './nock-setup.ts';

useNock();

describe('HubSpot rep feedback properties', () => {
  it('writes verdicts in the batch update, next to the scores', async () => {
    const { client } = setupClient();
    let body: unknown;
    nock(API)
      .post('/crm/v3/objects/contacts/batch/update', (b) => ((body = b), true))
      .reply(200, { status: 'COMPLETE', results: [{ id: '1' }, { id: '2' }] });
    const results = await client.writeLeads([
      { id: '1', values: {}, feedback: { kind: 'wrong_owner', note: 'EMEA' } },
      { id: '2', values: { score: 40 }, feedback: { kind: 'duplicate', note: null } },
    ]);
    expect(body).toEqual({
      inputs: [
        { id: '1', properties: { lead_router_feedback: 'wrong_owner', lead_router_feedback_note: 'EMEA' } },
        { id: '2', properties: { lead_router_score: '40', lead_router_feedback: 'duplicate', lead_router_feedback_note: '' } },
      ],
    });
    expect(results).toEqual([{ id: '1', ok: true }, { id: '2', ok: true }]);
  });

  it('reads the current verdicts of contacts in one batch read (unset or unknown option: null; deleted: absent)', async () => {
    const { client } = setupClient();
    let body: unknown;
    nock(API)
      .post('/crm/v3/objects/contacts/batch/read', (b) => ((body = b), true))
      .reply(200, {
        status: 'COMPLETE',
        results: [
          { id: '1', properties: { lead_router_feedback: 'bad_fit', lead_router_feedback_note: ' student ' } },
          { id: '2', properties: { lead_router_feedback: null, lead_router_feedback_note: 'x' } },
          { id: '3', properties: { lead_router_feedback: 'spam', lead_router_feedback_note: null } },
        ],
      });
    const read = await client.readFeedback!(['1', '2', '3', '4']);
    expect(body).toEqual({ properties: ['lead_router_feedback', 'lead_router_feedback_note'], inputs: [{ id: '1' }, { id: '2' }, { id: '3' }, { id: '4' }] });
    expect([...read]).toEqual([
      ['1', { kind: 'bad_fit', note: 'student' }],
      ['2', null],
      ['3', null],
    ]);
  });
});
