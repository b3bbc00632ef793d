// Primary companies read ahead (connectors/hubspot/association-read-ahead.ts): a batch's
// associations call also reads the next leads' (up to 1,000 inputs), their batches use those
// results once, and a lead with a newer event, an old result or a failed read is read again.
import { describe, expect, it } from '@jest/globals';
import nock from 'nock';
import { createAssociationReadAhead } from '../../../../connectors/hubspot/association-read-ahead.ts';
import { createHubspotHttp } from '../../../../connectors/hubspot/http.ts';
import type { Lane, TenantScheduler } from '../../../../src/queue/types.ts';
import { API, TENANT } from '../../../unit/connectors/hubspot/fixtures.ts';
import { jsonOf, useNock } from './nock-setup.ts';

useNock();

type Inputs = { inputs: { id: string }[] };
const PATH = '/crm/v4/associations/contacts/companies/batch/read';
const ids = (from: number, n: number) => Array.from({ length: n }, (_, i) => String(from + i));

/** Calls run when `release()` is called (as they wait for rate-limit budget), or at once. */
function scheduler(gated: boolean) {
  const waiting: (() => void)[] = [];
  const s: TenantScheduler = {
    tenant: TENANT,
    run<T>(_lane: Lane, fn: () => Promise<T>): Promise<T> {
      return gated ? new Promise<void>((resolve) => waiting.push(resolve)).then(fn) : fn();
    },
    observe() {},
    stats: () => ({ tenant: TENANT, queued: waiting.length, running: 0, calls: 0, rateLimited: 0, retries: 0, failures: 0, pausedUntil: null }),
    async close() {},
  };
  return { scheduler: s, release: () => waiting.splice(0).forEach((go) => go()) };
}

function setup(opts: { gated?: boolean; maxAgeMs?: number } = {}) {
  const gate = scheduler(opts.gated ?? false);
  const http = createHubspotHttp({ basePath: API, getAccessToken: async () => 't', scheduler: gate.scheduler });
  let clock = 1_000_000;
  const ahead = createAssociationReadAhead(http, { now: () => clock, ...(opts.maxAgeMs !== undefined ? { maxAgeMs: opts.maxAgeMs } : {}) });
  const company = new Map<string, string>(); // contact -> its company in the "CRM"; none: no company
  for (const id of ids(1, 3000)) company.set(id, `c${id}`);
  const sent: string[][] = [];
  let failNext = false;
  nock(API).persist().post(PATH).reply((_path: string, body: nock.Body) => {
    const { inputs } = jsonOf<Inputs>(body);
    sent.push(inputs.map((i) => i.id));
    if (failNext) {
      failNext = false;
      return [400, { status: 'error', message: 'bad request', category: 'VALIDATION_ERROR' }];
    }
    const results = inputs
      .filter(({ id }) => company.has(id))
      .map(({ id }) => ({ from: { id }, to: [{ toObjectId: company.get(id), associationTypes: [{ category: 'HUBSPOT_DEFINED', typeId: 1 }] }] }));
    return [200, { status: 'COMPLETE', results }];
  });
  return { ahead, company, sent, release: gate.release, tick: (ms: number) => (clock += ms), failNextCall: () => (failNext = true) };
}

describe('association read-ahead', () => {
  it("reads the next leads' companies in the same call, up to 1,000 inputs, and their batches make no call", async () => {
    const { ahead, sent } = setup();
    const first = await ahead.primaryCompanies(ids(1, 100), ids(1, 1500)); // its own ids among the next are skipped
    expect(sent.map((s) => s.length)).toEqual([1000]);
    expect([...first.keys()]).toEqual(ids(1, 100));
    expect(first.get('42')).toBe('c42');
    for (let b = 101; b < 1000; b += 100) {
      const batch = await ahead.primaryCompanies(ids(b, 100), ids(b + 100, 1000));
      expect(batch.get(String(b))).toBe(`c${b}`);
      expect(batch.size).toBe(100);
    }
    expect(sent.length).toBe(1); // batches 2..9 were read ahead
    const tenth = await ahead.primaryCompanies(ids(1001, 100), ids(1101, 1200));
    expect(tenth.get('1001')).toBe('c1001');
    expect(sent.map((s) => s.length)).toEqual([1000, 1000]); // the tenth batch reads the next 900 too
    expect(ahead.size()).toBe(900);
  });

  it('uses a result once, and reads a lead again after forget() (a newer event) or once the result is old', async () => {
    const { ahead, company, sent, tick } = setup({ maxAgeMs: 10_000 });
    await ahead.primaryCompanies(['1'], ids(2, 9));
    company.set('2', 'moved'); // an association change the read-ahead predates...
    company.delete('3');
    ahead.forget(['2', '3']); // ...and its webhook arrived
    const batch = await ahead.primaryCompanies(['2', '3', '4']);
    expect(Object.fromEntries(batch)).toEqual({ '2': 'moved', '4': 'c4' });
    expect(sent).toEqual([ids(1, 10), ['2', '3']]);
    await ahead.primaryCompanies(['4']); // taken already: read again
    expect(sent.at(-1)).toEqual(['4']);
    tick(10_001);
    company.set('5', 'later');
    expect((await ahead.primaryCompanies(['5'])).get('5')).toBe('later'); // too old: read again
    expect(sent.at(-1)).toEqual(['5']);
  });

  it('a batch whose leads are being read ahead waits for that call instead of reading them twice', async () => {
    const { ahead, sent, release } = setup({ gated: true });
    const first = ahead.primaryCompanies(ids(1, 100), ids(101, 200));
    const second = ahead.primaryCompanies(ids(101, 100)); // all in the first call, still queued
    release();
    const [a, b] = await Promise.all([first, second]);
    expect(sent.map((s) => s.length)).toEqual([300]);
    expect(a.size).toBe(100);
    expect(b.get('150')).toBe('c150');
    expect(b.size).toBe(100);
  });

  it("reads a lead itself when the call that read it ahead failed (the failing batch sees the error)", async () => {
    const { ahead, sent, failNextCall } = setup();
    failNextCall();
    await expect(ahead.primaryCompanies(ids(1, 10), ids(11, 10))).rejects.toThrow();
    const retry = await ahead.primaryCompanies(ids(11, 10));
    expect(retry.get('15')).toBe('c15');
    expect(sent).toEqual([ids(1, 20), ids(11, 10)]);
  });

  it('keeps at most twice a call of results: the oldest are dropped first', async () => {
    const { ahead, sent } = setup();
    await ahead.primaryCompanies(['1'], ids(2, 999));
    await ahead.primaryCompanies(['1001'], ids(1002, 999));
    await ahead.primaryCompanies(['2001'], ids(2002, 999));
    expect(sent.length).toBe(3);
    expect(ahead.size()).toBe(2000);
    await ahead.primaryCompanies(['2']); // dropped: read again
    expect(sent.at(-1)).toEqual(['2']);
    await ahead.primaryCompanies(['2002']); // kept
    expect(sent.length).toBe(4);
  });
});
