// The HubSpot connector follows each tenant's active config: its client is rebuilt when the
// config the getter returns changes (a publish), and the echo guard uses the tenant's own
// written property names.
import { describe, expect, it } from '@jest/globals';
import nock from 'nock';
import { createHubspotConnector } from '../../../../connectors/hubspot/connector.ts';
import { hubspotV3Headers } from '../../../../connectors/hubspot/signature.ts';
import type { LeadRouterConfig } from '../../../../src/config/schema.ts';
import { API, PORTAL, SECRET, TENANT, asStore, memoryInstallStore, recordingScheduler, testConfig } from '../../../unit/connectors/hubspot/fixtures.ts';
import { useNock } from './nock-setup.ts';

useNock();

const NOW = Date.UTC(2026, 10, 23, 12, 0, 0);
const URL_ = 'https://leads.example.com/webhooks/hubspot';

function setup(configOf: (tenant: string) => LeadRouterConfig) {
  return createHubspotConnector({
    clientSecret: SECRET,
    appId: '54321',
    config: configOf,
    apiBaseUrl: API,
    auth: { mode: 'private', accessToken: 'pat-na1-private', portalId: PORTAL },
    schedulers: { get: (tenant: string) => recordingScheduler(tenant) },
    store: asStore(memoryInstallStore()),
    now: () => NOW,
  });
}

function propertyChange(propertyName: string) {
  const body = Buffer.from(JSON.stringify([{ eventId: 1, subscriptionId: 1, portalId: Number(PORTAL), appId: 54321, occurredAt: NOW - 1000, subscriptionType: 'contact.propertyChange', propertyName, propertyValue: '1', attemptNumber: 0, objectId: 123, changeSource: 'CRM' }]));
  const headers = hubspotV3Headers({ method: 'POST', url: URL_, body, clientSecret: SECRET, timestamp: NOW });
  return { method: 'POST', url: URL_, headers: { 'content-type': 'application/json', ...headers }, body, receivedAt: NOW, tenant: null };
}

describe('HubSpot connector: per-tenant config', () => {
  it('rebuilds the tenant client when its config changes and writes the new config\'s properties', async () => {
    const v1 = testConfig();
    const v2 = testConfig({ writeBack: { owner: true, properties: { ...v1.writeBack.properties, score: 'acme_score' } } });
    let current = v1;
    const connector = setup((tenant) => (tenant === TENANT ? current : v1));
    const first = await connector.client(TENANT);
    expect(await connector.client(TENANT)).toBe(first); // same config: cached
    current = v2;
    const second = await connector.client(TENANT);
    expect(second).not.toBe(first);
    let sent: unknown;
    nock(API).post('/crm/v3/objects/contacts/batch/update', (b) => ((sent = b), true)).reply(200, { results: [{ id: '1' }] });
    expect(await second!.writeLeads([{ id: '1', values: { score: 7 } }])).toEqual([{ id: '1', ok: true }]);
    expect(sent).toEqual({ inputs: [{ id: '1', properties: { acme_score: '7' } }] });
  });

  it('echo guard: a change to a property the tenant\'s own config writes is ignored', async () => {
    const base = testConfig();
    const mine = testConfig({ writeBack: { owner: true, properties: { ...base.writeBack.properties, score: 'acme_score' } } });
    const connector = setup(() => mine);
    const own = await connector.parse(propertyChange('acme_score'));
    expect(own.events).toHaveLength(0);
    expect(own.ignored).toEqual([expect.objectContaining({ reason: 'own_property' })]);
    const file = await connector.parse(propertyChange(base.writeBack.properties.score));
    expect(file.events).toHaveLength(1); // the file's name is not this tenant's property
  });
});
