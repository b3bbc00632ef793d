// Associations v4 batch reads at HubSpot's real batch size (1,000 inputs, hubspot.md §6): reads
// queued in the tenant's scheduler at the same time share one call, each caller gets only its
// own results, and no call ever carries more than 1,000 inputs.
import { describe, expect, it } from '@jest/globals';
import nock from 'nock';
import { readAssociations, readPrimaryCompanies } from '../../../../connectors/hubspot/associations.ts';
import { coalesceAssociationReads } from '../../../../connectors/hubspot/coalesce-association-reads.ts';
import { createHubspotHttp } from '../../../../connectors/hubspot/http.ts';
import type { Lane, TenantScheduler } from '../../../../src/queue/types.ts';
import { API, TENANT } from '../../../unit/connectors/hubspot/fixtures.ts';
import { jsonOf, useNock } from './nock-setup.ts';

useNock();

type Inputs = { inputs: { id: string; after?: string }[] };
const PATH = '/crm/v4/associations/contacts/companies/batch/read';
const ids = (from: number, n: number) => Array.from({ length: n }, (_, i) => String(from + i));

/** A scheduler whose calls wait until `release()` (as they wait for rate-limit budget). */
function gatedScheduler() {
  const waiting: (() => void)[] = [];
  const scheduler: TenantScheduler = {
    tenant: TENANT,
    run<T>(_lane: Lane, fn: () => Promise<T>): Promise<T> {
      return new Promise<void>((resolve) => waiting.push(resolve)).then(fn);
    },
    observe() {},
    stats: () => ({ tenant: TENANT, queued: waiting.length, running: 0, calls: 0, rateLimited: 0, retries: 0, failures: 0, pausedUntil: null }),
    async close() {},
  };
  return { scheduler, release: () => waiting.splice(0).forEach((go) => go()) };
}

function setup() {
  const gate = gatedScheduler();
  const http = coalesceAssociationReads(createHubspotHttp({ basePath: API, getAccessToken: async () => 't', scheduler: gate.scheduler }));
  const sent: string[][] = [];
  // every contact N is associated with company "c<N>" (primary); contacts >= 9000 have none (207 row)
  nock(API).persist().post(PATH).reply((_path: string, body: nock.Body) => {
    const { inputs } = jsonOf<Inputs>(body);
    sent.push(inputs.map((i) => i.id));
    const mine = inputs.filter((i) => Number(i.id) < 9000);
    const none = inputs.filter((i) => Number(i.id) >= 9000);
    const results = mine.map(({ id }) => ({ from: { id }, to: [{ toObjectId: `c${id}`, associationTypes: [{ category: 'HUBSPOT_DEFINED', typeId: 1 }] }] }));
    const errors = none.map(({ id }) => ({ status: 'error', category: 'OBJECT_NOT_FOUND', context: { fromObjectId: [id] } }));
    return errors.length ? [207, { status: 'COMPLETE', results, errors, numErrors: errors.length }] : [200, { status: 'COMPLETE', results }];
  });
  return { http, sent, release: gate.release };
}

describe('association batch reads', () => {
  it('reads queued together share one call; each caller gets its own companies', async () => {
    const { http, sent, release } = setup();
    const a = readPrimaryCompanies(http, ids(1, 100));
    const b = readPrimaryCompanies(http, [...ids(101, 99), '9001']);
    const c = readPrimaryCompanies(http, ids(201, 100));
    release();
    const [ra, rb, rc] = await Promise.all([a, b, c]);
    expect(sent.map((s) => s.length)).toEqual([300]);
    expect([...ra.keys()]).toEqual(ids(1, 100));
    expect(ra.get('7')).toBe('c7');
    expect(rb.size).toBe(99);
    expect(rb.has('9001')).toBe(false); // its 207 error row: no company
    expect([...rc.keys()]).toEqual(ids(201, 100));
  });

  it('never sends more than 1,000 inputs: a read that would overflow the queued call opens another', async () => {
    const { http, sent, release } = setup();
    const a = readPrimaryCompanies(http, ids(1, 600));
    const b = readPrimaryCompanies(http, ids(1001, 600)); // 1,200 together: too many
    const c = readPrimaryCompanies(http, ids(2001, 400)); // fits beside b
    release();
    const results = await Promise.all([a, b, c]);
    expect(sent.map((s) => s.length)).toEqual([600, 1000]);
    expect(results.map((r) => r.size)).toEqual([600, 600, 400]);
  });

  it('splits one read of 2,500 ids into calls of 1,000, 1,000 and 500', async () => {
    const { http, sent, release } = setup();
    const read = readAssociations(http, 'contacts', 'companies', ids(1, 2500));
    // each chunk is awaited before the next is queued: release them one by one
    for (let i = 0; i < 3; i++) {
      while (sent.length === i) {
        release();
        await new Promise((r) => setImmediate(r));
      }
    }
    expect((await read).size).toBe(2500);
    expect(sent.map((s) => s.length)).toEqual([1000, 1000, 500]);
  });

  it('a read arriving after the call started goes in a call of its own', async () => {
    const { http, sent, release } = setup();
    const a = readPrimaryCompanies(http, ids(1, 10));
    release();
    while (sent.length === 0) await new Promise((r) => setImmediate(r));
    const b = readPrimaryCompanies(http, ids(11, 10));
    release();
    expect((await a).size).toBe(10);
    expect((await b).size).toBe(10);
    expect(sent).toEqual([ids(1, 10), ids(11, 10)]);
  });

  it('paging follow-ups (inputs with after) are sent as they are', async () => {
    const gate = gatedScheduler();
    const http = coalesceAssociationReads(createHubspotHttp({ basePath: API, getAccessToken: async () => 't', scheduler: gate.scheduler }));
    const bodies: Inputs[] = [];
    nock(API).post(PATH).times(2).reply((_path: string, body: nock.Body) => (bodies.push(jsonOf<Inputs>(body)), [200, { results: [] }]));
    const first = http.call({ method: 'POST', path: PATH, body: { inputs: [{ id: '1' }] } });
    const page = http.call({ method: 'POST', path: PATH, body: { inputs: [{ id: '2', after: 'MjAw' }] } });
    gate.release();
    await Promise.all([first, page]);
    expect(bodies).toEqual(expect.arrayContaining([{ inputs: [{ id: '1' }] }, { inputs: [{ id: '2', after: 'MjAw' }] }]));
    expect(bodies).toHaveLength(2);
  });
});
