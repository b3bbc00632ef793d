import { test } from '@jest/globals';
import assert from 'node:assert/strict';
import { createTimeSlice } from '../../../src/pipeline/support/time-slice.ts';

const busy = (ms: number) => { const end = performance.now() + ms; while (performance.now() < end); };

test('yields once the slice is used up; short slices when contended unless behind', async () => {
  let yields = 0;
  const pause = createTimeSlice(() => false);
  const t0 = performance.now();
  // contention: a timer-free competing macrotask each time we yield
  let competing = 0;
  for (let i = 0; i < 40; i++) {
    busy(1);
    setImmediate(() => { busy(3); competing++; });
    const before = performance.now();
    await pause();
    if (performance.now() - before > 0.5) yields++;
  }
  assert.ok(yields >= 10, `expected frequent yields under contention, got ${yields}`);
  let longYields = 0;
  const behind = createTimeSlice(() => true);
  for (let i = 0; i < 40; i++) {
    busy(1);
    setImmediate(() => busy(3));
    const before = performance.now();
    await behind();
    if (performance.now() - before > 0.5) longYields++;
  }
  assert.ok(longYields < yields, `behind: fewer yields (${longYields} vs ${yields})`);
  assert.ok(performance.now() - t0 < 5000 && competing > 0);
});
