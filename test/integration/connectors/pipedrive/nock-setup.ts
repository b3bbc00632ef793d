// nock lifecycle and request helpers for the Pipedrive integration tests.
import { afterAll, afterEach, beforeAll, beforeEach, expect } from '@jest/globals';
import nock from 'nock';
import { API } from '../../../unit/connectors/pipedrive/fixtures.ts';

/**
 * nock lifecycle: no real network, and every interceptor a test declares must be used. Jest may
 * run several files in one process, each with its own nock instance patching the same global
 * fetch, so each file activates its instance and restores it when done.
 */
export function useNock(): void {
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
/** nock 15 hands reply callbacks a fetch Request (older nock: the path string). */
export function requestUrl(arg: unknown, base = API): URL {
  return new URL(typeof arg === 'string' ? arg : (arg as Request).url, base);
}

/** nock 15 reply callbacks get the fetch Request only; its JSON body is read from it. */
export async function jsonBody(arg: unknown): Promise<unknown> {
  return (arg as Request).clone().json();
}
