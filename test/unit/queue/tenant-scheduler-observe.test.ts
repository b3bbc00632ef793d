// Adaptive throttling from rate-limit headers (observe), on a fake clock.
import { describe, it, expect } from '@jest/globals';
import { createTenantScheduler } from '../../../src/queue/tenant-scheduler.ts';
import { createFakeClock, maxStartsInRollingWindow } from './fake-clock.ts';
import { eventLog, testPolicy } from './helpers.ts';
import type { SchedulerPolicy } from '../../../src/queue/types.ts';

function startsOf(s: ReturnType<typeof createTenantScheduler>, clock: ReturnType<typeof createFakeClock>, lane: 'default' | 'search', n: number) {
  const starts: number[] = [];
  const done = Promise.all(Array.from({ length: n }, () => s.run(lane, async () => void starts.push(clock.now()))));
  return { starts, done };
}

describe('tenant scheduler: observe()', () => {
  it('holds new starts on the lane until the window resets when remaining is <= 1', async () => {
    const clock = createFakeClock();
    const log = eventLog();
    const s = createTenantScheduler('hubspot:1', testPolicy({ limit: 10 }), { ...clock, onEvent: log.onEvent });
    s.observe({ limit: 10, remaining: 1, resetMs: 700 });
    const d = startsOf(s, clock, 'default', 2);
    const search = startsOf(s, clock, 'search', 1);
    await clock.run(Promise.all([d.done, search.done]));
    expect(d.starts).toEqual([700, 700]);
    expect(search.starts).toEqual([0]); // the header was about the default lane only
    expect(log.ofType('throttled')).toMatchObject([{ reason: 'remaining_low', until: 700 }]);
  });

  it('holds when remaining is under 5% of the reported window, not when it is comfortable', async () => {
    const clock = createFakeClock();
    const s = createTenantScheduler('hubspot:1', testPolicy({ limit: 100, intervalMs: 10_000 }), clock);
    s.observe({ limit: 110, remaining: 50, resetMs: 4_000 });
    const a = startsOf(s, clock, 'default', 1);
    await clock.run(a.done);
    expect(a.starts).toEqual([0]);
    s.observe({ limit: 110, remaining: 5, resetMs: 4_000 }); // 5 < 5.5
    const b = startsOf(s, clock, 'default', 1);
    await clock.run(b.done);
    expect(b.starts).toEqual([4_000]);
  });

  it('caps an absurd reset hint at the window length', async () => {
    const clock = createFakeClock();
    const s = createTenantScheduler('pipedrive:1', testPolicy({ limit: 10, intervalMs: 2_000 }), clock);
    s.observe({ remaining: 0, resetMs: 2_000_000 }); // seconds read as ms by mistake, say
    const a = startsOf(s, clock, 'default', 1);
    await clock.run(a.done);
    expect(a.starts).toEqual([2_000]);
  });

  it('lowers the lane limit when the CRM reports a lower one (with the lane headroom)', async () => {
    const clock = createFakeClock();
    const log = eventLog();
    const policy: SchedulerPolicy = {
      ...testPolicy(),
      lanes: { default: { limit: 9, intervalMs: 1_000, headroom: 0.1 }, search: { limit: 2, intervalMs: 1_000 } },
    };
    const s = createTenantScheduler('hubspot:1', policy, { ...clock, onEvent: log.onEvent });
    s.observe({ limit: 5, intervalMs: 1_000 }); // 5 * 0.9 -> 4
    const a = startsOf(s, clock, 'default', 12);
    await clock.run(a.done);
    expect(a.starts).toEqual([0, 0, 0, 0, 1_000, 1_000, 1_000, 1_000, 2_000, 2_000, 2_000, 2_000]);
    expect(log.ofType('throttled')).toMatchObject([{ reason: 'limit_lowered', limit: 4 }]);
  });

  it('never raises the limit above the configured one, and recovers up to it', async () => {
    const clock = createFakeClock();
    const s = createTenantScheduler('hubspot:1', testPolicy({ limit: 3 }), clock);
    s.observe({ limit: 1 });
    s.observe({ limit: 500 }); // a bigger plan is reported: back to the configured 3, not 500
    const a = startsOf(s, clock, 'default', 6);
    await clock.run(a.done);
    expect(a.starts).toEqual([0, 0, 0, 1_000, 1_000, 1_000]);
  });

  it('scales a limit reported over a longer window down to the lane window', async () => {
    const clock = createFakeClock();
    const s = createTenantScheduler('hubspot:1', testPolicy({ limit: 10, intervalMs: 1_000 }), clock);
    s.observe({ limit: 40, intervalMs: 10_000 }); // 40 / 10 s -> 4 / 1 s
    const a = startsOf(s, clock, 'default', 8);
    await clock.run(a.done);
    expect(maxStartsInRollingWindow(a.starts, 1_000)).toBe(4);
  });

  it('pauses the tenant until dailyResetAt when the daily budget is gone', async () => {
    const clock = createFakeClock(1_000);
    const s = createTenantScheduler('pipedrive:1', testPolicy(), clock);
    s.observe({ dailyRemaining: 0, dailyResetAt: 50_000 });
    expect(s.stats().pausedUntil).toBe(50_000);
    const d = startsOf(s, clock, 'default', 1);
    const search = startsOf(s, clock, 'search', 1);
    await clock.run(Promise.all([d.done, search.done]));
    expect(d.starts).toEqual([50_000]);
    expect(search.starts).toEqual([50_000]);
  });

  it('ignores a daily exhaustion without a reset time, and unknown lanes', async () => {
    const clock = createFakeClock();
    const s = createTenantScheduler('pipedrive:1', testPolicy(), clock);
    s.observe({ dailyRemaining: 0 });
    s.observe({ lane: 'bulk' as 'default', remaining: 0, resetMs: 1_000 });
    expect(s.stats().pausedUntil).toBeNull();
    const a = startsOf(s, clock, 'default', 1);
    await clock.run(a.done);
    expect(a.starts).toEqual([0]);
  });
});
