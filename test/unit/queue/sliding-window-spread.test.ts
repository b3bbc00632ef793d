import { describe, expect, it } from '@jest/globals';
import { createSlidingWindow } from '../../../src/queue/sliding-window.ts';

/** Start as soon as allowed from `t`, n times; returns the start times. */
function drive(w: ReturnType<typeof createSlidingWindow>, n: number, t = 0, lateMs = 0): number[] {
  const starts: number[] = [];
  for (let i = 0; i < n; i++) {
    const wait = w.waitMs(t);
    t += wait > 0 ? wait + lateMs : 0;
    w.record(t);
    starts.push(t);
  }
  return starts;
}

describe('createSlidingWindow with spread', () => {
  it('paces starts evenly instead of bursting a whole window at once', () => {
    const starts = drive(createSlidingWindow({ limit: 10, intervalMs: 1_000, spread: true }), 30);
    // At most 2 back to back (catch-up), then one per 100 ms.
    expect(starts.slice(0, 4)).toEqual([0, 0, 100, 200]);
    for (let i = 0; i < starts.length; i++) expect(starts.filter((s) => s > starts[i]! - 1_000 && s <= starts[i]!).length).toBeLessThanOrEqual(10);
    // Same rate as without spread: 30 starts within ~3 windows.
    expect(starts[29]).toBeLessThanOrEqual(2_900);
  });

  it('catches up on starts delayed by a busy event loop (no drift)', () => {
    const starts = drive(createSlidingWindow({ limit: 100, intervalMs: 2_000, spread: true }), 300, 0, 5);
    // Each wake-up 5 ms late: without catch-up 300 starts would take 300 * 25 ms.
    expect(starts[299]! / 300).toBeLessThan(21);
  });

  it('without spread keeps bursting (the default)', () => {
    expect(drive(createSlidingWindow({ limit: 3, intervalMs: 1_000 }), 6)).toEqual([0, 0, 0, 1_000, 1_000, 1_000]);
  });
});
