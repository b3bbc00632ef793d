import { afterAll, describe, it, expect } from '@jest/globals';
import PQueue from 'p-queue';
import nock from 'nock';
import { DatabaseSync } from 'node:sqlite';
afterAll(() => {
  nock.cleanAll();
  nock.restore();
});

describe('toolchain', () => {
  it('runs node 24 with ESM deps', async () => {
    expect(Number(process.versions.node.split('.')[0])).toBeGreaterThanOrEqual(24);
    const q = new PQueue({ concurrency: 1 });
    expect(await q.add(async () => 2)).toBe(2);
    nock('http://x.test').get('/a').reply(200, { ok: true });
    expect(await (await fetch('http://x.test/a')).json()).toEqual({ ok: true });
    const db = new DatabaseSync(':memory:');
    expect(db.prepare('select 1 as v').get()).toEqual({ v: 1 });
  });
});
