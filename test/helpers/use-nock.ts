// nock lifecycle for integration tests: no real network, and every interceptor a test declares
// must be used. Jest may run several files in one process, each with its own nock instance
// patching the same global fetch, so each file activates its instance and restores it when done.
import { afterAll, afterEach, beforeAll, beforeEach, expect } from '@jest/globals';
import nock from 'nock';

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

/**
 * The JSON body of an intercepted request. nock 14 calls a reply function with (path, body):
 * the body already parsed when the request said `Content-Type: application/json`, else the text.
 */
export function jsonOf<T = unknown>(body: nock.Body): T {
  return (typeof body === 'string' ? JSON.parse(body) : body) as T;
}
