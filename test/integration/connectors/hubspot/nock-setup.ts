// Shared nock lifecycle for the HubSpot integration tests: no real network, and every
// interceptor a test declares must have been called.
import { createHubspotClient } from '../../../../connectors/hubspot/client.ts';
import type { LeadRouterConfig } from '../../../../src/config/schema.ts';
import { API, TENANT, recordingScheduler, testConfig } from '../../../unit/connectors/hubspot/fixtures.ts';

export { jsonOf, useNock } from '../../../helpers/use-nock.ts';

export function setupClient(config: LeadRouterConfig = testConfig()) {
  const scheduler = recordingScheduler();
  const calls: { path: string; status: number }[] = [];
  const client = createHubspotClient({
    tenant: TENANT,
    basePath: API,
    getAccessToken: async () => 'token-1',
    scheduler,
    config,
    onCall: (c) => calls.push(c),
  });
  return { client, scheduler, calls };
}
