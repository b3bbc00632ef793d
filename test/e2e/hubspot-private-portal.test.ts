// Private-app mode without HUBSPOT_PORTAL_ID (issue 9, tenant safety): the app secret signs
// deliveries for every portal, so a correctly signed event for another portal used to be stored
// under a made-up tenant and written into the token's portal. The app now learns its portal
// from the token at start (the sandbox emulates HubSpot's private-app token info) and refuses
// every other portal.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hubspotV3Headers } from '../../connectors/hubspot/signature.ts';
import type { HubspotSandbox } from '../../connectors/hubspot/sandbox/index.ts';
import { readEnv } from '../../src/env.ts';
import { createSilentLogger } from '../../src/logger.ts';
import { startApp, type RunningApp } from '../../src/main.ts';
import { envFor, PORTAL, sandboxFor, SECRET, waitUntil } from './hubspot-harness.ts';

let sandbox: HubspotSandbox;
let app: RunningApp;

beforeAll(async () => {
  sandbox = sandboxFor();
  const { url } = await sandbox.listen(0);
  const env = envFor(url, sandbox.privateAppToken, mkdtempSync(join(tmpdir(), 'lr-private-')));
  delete env.HUBSPOT_PORTAL_ID;
  app = await startApp({ env: readEnv(env), port: 0, host: '127.0.0.1', logger: createSilentLogger() });
  app.worker.stop(); // keep the inbox as the route left it
  await waitUntil(async () => (await fetch(`${app.url}/readyz`)).ok, 10_000, 'ready');
});
afterAll(async () => {
  await app?.close();
  await sandbox?.close();
});

function post(events: unknown[]) {
  const url = `${app.url}/webhooks/hubspot`;
  const body = JSON.stringify(events);
  return fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...hubspotV3Headers({ method: 'POST', url, body, clientSecret: SECRET, timestamp: Date.now() }) }, body });
}

const event = (portalId: number, objectId: number) => ({
  eventId: objectId, subscriptionId: 1, portalId, appId: 54321, occurredAt: Date.now(), subscriptionType: 'contact.creation', attemptNumber: 0, objectId, changeSource: 'CRM_UI',
});

describe('private-app mode without HUBSPOT_PORTAL_ID', () => {
  it('stores events of the token portal and refuses a signed event for any other portal', async () => {
    const res = await post([event(PORTAL, 1), event(999, 2)]);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ stored: 1, ignored: [{ reason: 'unknown_portal', kind: 'contact.creation', count: 1 }] });
    expect((await app.store.inboxStats(`hubspot:${PORTAL}`)).pending).toBe(1);
    expect((await app.store.inboxStats('hubspot:999')).pending).toBe(0);
  });
});
