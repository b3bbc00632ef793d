// The HubSpot client under the real per-tenant scheduler: the CrmErrors it throws make the
// scheduler pause, retry or give up as the reference says (§5), on a fake clock.
import { describe, it, expect } from '@jest/globals';
import nock from 'nock';
import { createHubspotClient } from '../../../../connectors/hubspot/client.ts';
import { createTenantScheduler, hubspotPolicy } from '../../../../src/queue/index.ts';
import { API, TENANT, testConfig } from '../../../unit/connectors/hubspot/fixtures.ts';
import { useNock } from './nock-setup.ts';

useNock();

function setup() {
  const clock = { t: Date.UTC(2026, 10, 23, 12, 0, 0) };
  const scheduler = createTenantScheduler(TENANT, hubspotPolicy({ authMode: 'oauth' }, { retry: { baseDelayMs: 1, maxDelayMs: 10 } }), {
    now: () => clock.t,
    sleep: async (ms) => {
      clock.t += ms;
    },
    random: () => 0,
  });
  const client = createHubspotClient({ tenant: TENANT, basePath: API, getAccessToken: async () => 't', scheduler, config: testConfig(), now: () => clock.t });
  return { client, scheduler, clock };
}

const update = [{ id: '1', values: { score: 1 } }];

describe('HubSpot client under the tenant scheduler', () => {
  it('a TEN_SECONDLY_ROLLING 429 pauses the tenant for the window, then the call succeeds', async () => {
    const { client, scheduler, clock } = setup();
    const start = clock.t;
    nock(API)
      .post('/crm/v3/objects/contacts/batch/update')
      .reply(429, { status: 'error', message: 'You have reached your ten_secondly_rolling limit.', policyName: 'TEN_SECONDLY_ROLLING' }, {
        'X-HubSpot-RateLimit-Interval-Milliseconds': '10000',
      })
      .post('/crm/v3/objects/contacts/batch/update')
      .reply(200, { results: [{ id: '1' }] });
    expect(await client.writeLeads(update)).toEqual([{ id: '1', ok: true }]);
    expect(clock.t - start).toBeGreaterThanOrEqual(10_000);
    expect(scheduler.stats()).toMatchObject({ rateLimited: 1, failures: 0 });
    await scheduler.close();
  });

  it('5xx is retried; a 400 is not', async () => {
    const { client, scheduler } = setup();
    nock(API)
      .post('/crm/v3/objects/contacts/batch/update')
      .times(2)
      .reply(503, 'unavailable')
      .post('/crm/v3/objects/contacts/batch/update')
      .reply(200, { results: [{ id: '1' }] });
    expect(await client.writeLeads(update)).toEqual([{ id: '1', ok: true }]);
    expect(scheduler.stats().retries).toBe(2);

    nock(API).post('/crm/v3/objects/contacts/batch/update').once().reply(400, { message: 'bad', category: 'VALIDATION_ERROR' });
    await expect(client.writeLeads(update)).rejects.toMatchObject({ retryable: false, crmStatus: 400 });
    await scheduler.close();
  });
});
