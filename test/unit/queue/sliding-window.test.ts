import { describe, it, expect } from '@jest/globals';
import { createSlidingWindow } from '../../../src/queue/sliding-window.ts';

describe('createSlidingWindow', () => {
  it('admits `limit` starts, then waits until the oldest leaves the rolling window', () => {
    const w = createSlidingWindow({ limit: 3, intervalMs: 1_000 });
    for (const t of [0, 100, 200]) {
      expect(w.waitMs(t)).toBe(0);
      w.record(t);
    }
    expect(w.waitMs(300)).toBe(700); // the start at 0 still counts until t=1000
    expect(w.waitMs(999)).toBe(1);
    expect(w.waitMs(1_000)).toBe(0);
    w.record(1_000);
    expect(w.waitMs(1_000)).toBe(100); // now the start at 100 is the one in the way
    expect(w.count(1_000)).toBe(3);
    expect(w.count(5_000)).toBe(0);
  });

  it('applies a lowered limit to starts already in the window', () => {
    const w = createSlidingWindow({ limit: 4, intervalMs: 1_000 });
    for (const t of [0, 10, 20, 30]) w.record(t);
    w.setLimit(2);
    expect(w.limit()).toBe(2);
    expect(w.waitMs(500)).toBe(520); // two must expire: wait for the one at 20
  });

  it('restamps a reservation to the real start time, keeping the log in order', () => {
    const w = createSlidingWindow({ limit: 2, intervalMs: 1_000 });
    w.record(0);
    w.record(3);
    w.restamp(0, 5); // the call reserved at 0 really started at 5
    expect(w.waitMs(10)).toBe(993); // the oldest start is now 3
    expect(w.waitMs(1_003)).toBe(0);
    w.record(1_003);
    expect(w.waitMs(1_003)).toBe(2); // 5 (not the stale 0) is now the one in the way
    w.restamp(7, 9); // unknown reservation: ignored
    w.restamp(5, 4); // never moves a start earlier
    expect(w.waitMs(1_004)).toBe(1);
  });

  it('keeps its log ordered when the clock steps backwards', () => {
    const w = createSlidingWindow({ limit: 2, intervalMs: 1_000 });
    w.record(5_000);
    w.record(4_000); // NTP step: recorded as 5000
    expect(w.waitMs(5_500)).toBe(500);
  });

  it('admits a steady stream at exactly the limit, window after window', () => {
    const w = createSlidingWindow({ limit: 5, intervalMs: 100 });
    for (let t = 0; t < 100_000; t += 20) {
      expect(w.waitMs(t)).toBe(0);
      w.record(t);
    }
    expect(w.count(99_980)).toBe(5); // 99900..99980
    expect(w.count(100_000)).toBe(4); // 99900 has left
  });

  it.each([
    [{ limit: 0, intervalMs: 1_000 }, /limit.*got `0`/],
    [{ limit: 1.5, intervalMs: 1_000 }, /limit.*got `1.5`/],
    [{ limit: 1, intervalMs: 0 }, /intervalMs.*got `0`/],
  ])('rejects %j with a message naming the option', (opts, message) => {
    expect(() => createSlidingWindow(opts)).toThrow(message);
  });
});
