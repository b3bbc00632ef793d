// The rolling-window guarantee and throughput of the scheduler, on a fake clock.
import { describe, it, expect } from '@jest/globals';
import { createTenantScheduler } from '../../../src/queue/tenant-scheduler.ts';
import { createFakeClock, maxStartsInRollingWindow, seededRandom } from './fake-clock.ts';
import { testPolicy } from './helpers.ts';

describe('maxStartsInRollingWindow (the checker the proofs rely on)', () => {
  it.each([
    [[0, 999, 1000, 1999], 1000, 2],
    [[0, 0, 0, 999], 1000, 4],
    [[0, 1000, 2000], 1000, 1],
    [[500, 0, 1499, 1000], 1000, 3],
    [[], 1000, 0],
  ])('starts %j, window %d -> %d', (starts, windowMs, expected) => {
    expect(maxStartsInRollingWindow(starts, windowMs)).toBe(expected);
  });
});

describe('tenant scheduler: rolling window', () => {
  it('never starts more than `limit` calls in any rolling window under a burst of 500 calls', async () => {
    const clock = createFakeClock();
    const rand = seededRandom(42);
    const s = createTenantScheduler('hubspot:1', testPolicy({ limit: 10, intervalMs: 1_000, concurrency: 4 }), clock);
    const starts: number[] = [];
    // Calls take 0-400 ms, so completions land at arbitrary offsets inside windows.
    const calls = Array.from({ length: 500 }, (_, i) =>
      s.run('default', async () => {
        starts.push(clock.now());
        await clock.sleep(Math.floor(rand() * 400));
        return i;
      }),
    );
    const results = await clock.run(Promise.all(calls));
    expect(results).toEqual(Array.from({ length: 500 }, (_, i) => i)); // every call ran, in order of results
    expect(starts).toHaveLength(500);
    expect(maxStartsInRollingWindow(starts, 1_000)).toBe(10); // saturated, never over
    expect(s.stats()).toMatchObject({ queued: 0, running: 0, calls: 500 });
  });

  it('holds back calls submitted just before a window boundary (a fixed window would let 2x through)', async () => {
    const clock = createFakeClock();
    const s = createTenantScheduler('hubspot:1', testPolicy({ limit: 10, intervalMs: 1_000 }), clock);
    const starts: number[] = [];
    const call = () => s.run('default', async () => void starts.push(clock.now()));
    await clock.advance(900);
    const first = Array.from({ length: 10 }, call); // start at t=900
    await clock.advance(200); // t=1100: a new fixed window would have opened at 1000
    const second = Array.from({ length: 10 }, call);
    await clock.run(Promise.all([...first, ...second]));
    expect(starts.slice(0, 10)).toEqual(Array(10).fill(900));
    expect(starts.slice(10)).toEqual(Array(10).fill(1_900));
    expect(maxStartsInRollingWindow(starts, 1_000)).toBe(10);
  });

  it('drains N calls in about (N / limit) * interval: the floor the limit allows', async () => {
    const clock = createFakeClock();
    const s = createTenantScheduler('pipedrive:1', testPolicy({ limit: 10, intervalMs: 1_000 }), clock);
    const starts: number[] = [];
    const calls = Array.from({ length: 500 }, () =>
      s.run('default', async () => {
        starts.push(clock.now());
        await clock.sleep(200);
      }),
    );
    await clock.run(Promise.all(calls));
    // 50 windows of 10: the last batch can start no earlier than 49 intervals in.
    const floor = (500 / 10 - 1) * 1_000;
    expect(Math.max(...starts)).toBe(floor);
    expect(clock.now()).toBe(floor + 200); // + one call's duration, nothing else
  });

  it('keeps lanes apart: search calls have their own window', async () => {
    const clock = createFakeClock();
    const s = createTenantScheduler('hubspot:1', testPolicy({ limit: 10, intervalMs: 1_000 }), clock);
    const searchStarts: number[] = [];
    const defaultStarts: number[] = [];
    const calls = [
      ...Array.from({ length: 6 }, () => s.run('search', async () => void searchStarts.push(clock.now()))),
      ...Array.from({ length: 10 }, () => s.run('default', async () => void defaultStarts.push(clock.now()))),
    ];
    await clock.run(Promise.all(calls));
    expect(searchStarts).toEqual([0, 0, 1_000, 1_000, 2_000, 2_000]); // 2 / s
    expect(defaultStarts).toEqual(Array(10).fill(0)); // not slowed by the search lane
  });

  it('bounds calls in flight by the lane concurrency', async () => {
    const clock = createFakeClock();
    const s = createTenantScheduler('hubspot:1', testPolicy({ limit: 100, intervalMs: 1_000, concurrency: 3 }), clock);
    let inFlight = 0;
    let peak = 0;
    const calls = Array.from({ length: 12 }, () =>
      s.run('default', async () => {
        peak = Math.max(peak, ++inFlight);
        await clock.sleep(50);
        inFlight--;
      }),
    );
    await clock.settle();
    expect(s.stats()).toMatchObject({ running: 3, queued: 9 });
    await clock.run(Promise.all(calls));
    expect(peak).toBe(3);
    expect(clock.now()).toBe(200); // 4 rounds of 50 ms
  });

  it('rejects an unknown lane with the valid ones named', async () => {
    const s = createTenantScheduler('hubspot:1', testPolicy());
    await expect(s.run('bulk' as 'default', async () => 1)).rejects.toThrow(/Unknown lane `bulk`.*default, search/);
  });
});
