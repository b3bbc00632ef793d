// One rate limit per tenant across processes: three schedulers, each with its own store
// connection (as three app processes have) on one database, send a burst to a fake CRM that
// counts arrivals in a rolling window and answers 429 above its limit. Together they stay under
// it (0 429s) and still drain at the pace the limit allows. Runs on PostgreSQL and on a shared
// SQLite file (same contract); the control shows the same burst without sharing earns 429s.
import { afterAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { createTenantScheduler } from '../../../src/queue/tenant-scheduler.ts';
import type { TenantScheduler } from '../../../src/queue/types.ts';
import { createPostgresStore } from '../../../src/store/postgres/create-postgres-store.ts';
import { createSqliteStore } from '../../../src/store/sqlite/create-sqlite-store.ts';
import type { Store } from '../../../src/store/types.ts';
import { POSTGRES_URL, dropSchemas, freshSchema } from '../../helpers/postgres.ts';
import { maxStartsInRollingWindow } from '../../unit/queue/fake-clock.ts';
import { burst429, testPolicy } from '../../unit/queue/helpers.ts';

const CRM_LIMIT = 33; // the CRM's own limit per rolling second
const LANE_LIMIT = 30; // what we plan for: the limit minus 10% headroom (src/queue/policies.ts)
const WINDOW_MS = 1_000;
const CALLS = 180; // 60 per scheduler
const PROCESSES = 3;

const dir = mkdtempSync(join(tmpdir(), 'lr-shared-limit-'));
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await dropSchemas();
});

/** A CRM endpoint with a rolling-window limit, counting what it sees as the sandboxes do. */
function rollingWindowCrm() {
  const arrivals: number[] = [];
  const stats = { rejected: 0 };
  async function call(): Promise<void> {
    const t = Date.now();
    if (arrivals.filter((a) => t - a < WINDOW_MS).length >= CRM_LIMIT) {
      stats.rejected++;
      throw burst429();
    }
    arrivals.push(t);
    await sleep(5); // a little network time
  }
  return { call, arrivals, stats };
}

async function burst(schedulers: TenantScheduler[], crm: ReturnType<typeof rollingWindowCrm>) {
  const calls = Array.from({ length: CALLS }, (_, i) => schedulers[i % schedulers.length]!.run('default', crm.call));
  return Promise.allSettled(calls);
}

const policy = testPolicy({ limit: LANE_LIMIT, intervalMs: WINDOW_MS, retry: { burstPauseMs: WINDOW_MS, baseDelayMs: 10 } });

const backends: [string, () => Store][] = [
  ['postgres', (() => {
    const schema = freshSchema('lr_shared_limit');
    return () => createPostgresStore(POSTGRES_URL, { schema, poolSize: 3 });
  })()],
  ['sqlite file', () => createSqliteStore(join(dir, 'shared.db'))],
];

describe.each(backends)('one rate limit per tenant across %s processes', (_name, open) => {
  it(`${PROCESSES} schedulers never exceed the tenant's limit and each does its share`, async () => {
    const stores = Array.from({ length: PROCESSES }, open);
    for (const s of stores) await s.migrate();
    const schedulers = stores.map((store) => createTenantScheduler('hubspot:1', policy, { shared: store }));
    const crm = rollingWindowCrm();
    try {
      const results = await burst(schedulers, crm);
      expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
      expect(crm.stats.rejected).toBe(0);
      expect(crm.arrivals).toHaveLength(CALLS);
      expect(maxStartsInRollingWindow(crm.arrivals, WINDOW_MS)).toBeLessThanOrEqual(LANE_LIMIT);
      // The floor: CALLS / LANE_LIMIT windows, the first starting at once.
      const floorMs = (Math.ceil(CALLS / LANE_LIMIT) - 1) * WINDOW_MS;
      const spanMs = Math.max(...crm.arrivals) - Math.min(...crm.arrivals);
      expect(spanMs).toBeGreaterThanOrEqual(floorMs);
      // How close to the floor they drain is a timing figure: measured by `npm run bench:scale`
      // (docs/benchmarks.md), not asserted here (it depends on the machine's load).
      // Every scheduler did its share of the work.
      for (const s of schedulers) expect(s.stats().calls).toBe(CALLS / PROCESSES);
    } finally {
      await Promise.all(schedulers.map((s) => s.close()));
      for (const s of stores) await s.close();
    }
  }, 30_000);

  it('shares a 429 pause: a hold written by one process holds the others', async () => {
    const stores = Array.from({ length: 2 }, open);
    for (const s of stores) await s.migrate();
    const [a, b] = stores.map((store) => createTenantScheduler('hubspot:2', policy, { shared: store })) as [TenantScheduler, TenantScheduler];
    const starts: number[] = [];
    try {
      let first = true;
      const pausedAt = Date.now();
      await expect(
        a.run('default', async () => {
          if (first) {
            first = false;
            throw burst429(); // a's 429: pause the tenant for burstPauseMs
          }
          starts.push(Date.now());
        }),
      ).resolves.toBeUndefined();
      await b.run('default', async () => void starts.push(Date.now()));
      expect(starts.every((t) => t - pausedAt >= WINDOW_MS)).toBe(true);
    } finally {
      await a.close();
      await b.close();
      for (const s of stores) await s.close();
    }
  }, 30_000);
});

describe('control: the same burst without the shared log', () => {
  it('three independent schedulers send three times the limit and earn 429s', async () => {
    const schedulers = Array.from({ length: PROCESSES }, () => createTenantScheduler('hubspot:1', policy));
    const crm = rollingWindowCrm();
    const calls = Array.from({ length: PROCESSES * LANE_LIMIT }, (_, i) => schedulers[i % PROCESSES]!.run('default', crm.call));
    await sleep(100); // the first window's starts are in
    await Promise.all(schedulers.map((s) => s.close()));
    await Promise.allSettled(calls);
    expect(crm.stats.rejected).toBeGreaterThan(0);
  });
});

describe('when the shared log cannot be reached', () => {
  it('starts no call (never over the limit), and close() still ends the waiting ones', async () => {
    const unreachable = createPostgresStore('postgres://postgres@127.0.0.1:1/test');
    const s = createTenantScheduler('hubspot:1', policy, { shared: unreachable });
    let started = 0;
    const call = s.run('default', async () => void started++);
    await sleep(300);
    expect(started).toBe(0);
    await s.close();
    await expect(call).rejects.toMatchObject({ name: 'SchedulerClosedError' });
    await unreachable.close();
  });
});
