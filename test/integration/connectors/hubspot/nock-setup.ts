// Shared nock lifecycle for the HubSpot integration tests: no real network, and every
// interceptor a test declares must have been called.
import { beforeAll, beforeEach, afterAll, afterEach, expect } from '@jest/globals';
import nock from 'nock';
import { createHubspotClient } from '../../../../connectors/hubspot/client.ts';
import type { LeadRouterConfig } from '../../../../src/config/schema.ts';
import { API, TENANT, recordingScheduler, testConfig } from '../../../unit/connectors/hubspot/fixtures.ts';

export function useNock(): void {
  // Jest may run several test files in one process, each with its own nock module instance
  // patching the same global fetch: activate ours for this file only.
  beforeAll(() => {
    if (!nock.isActive()) nock.activate();
  });
  afterAll(() => {
    nock.restore();
  });
  beforeEach(() => {
    nock.disableNetConnect();
  });
  afterEach(() => {
    const pending = nock.pendingMocks();
    nock.cleanAll();
    nock.enableNetConnect();
    expect(pending).toEqual([]);
  });
}

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

/** nock 15 hands a one-argument reply function the fetch Request. */
export async function jsonOf<T>(req: Request): Promise<T> {
  return (await req.json()) as T;
}
