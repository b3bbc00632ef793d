import { test } from '@jest/globals';
import assert from 'node:assert/strict';
import { createTurnstile } from '../../../src/pipeline/support/turnstile.ts';
import { createWakeup } from '../../../src/pipeline/support/wakeup.ts';

test('turnstile: one at a time, in order', async () => {
  const t = createTurnstile();
  const log: string[] = [];
  await Promise.all(['a', 'b', 'c'].map(async (n) => {
    const leave = await t.enter();
    log.push(`in ${n}`);
    await new Promise((r) => setTimeout(r, 5));
    log.push(`out ${n}`);
    leave();
  }));
  assert.deepEqual(log, ['in a', 'out a', 'in b', 'out b', 'in c', 'out c']);
});

test('wakeup: fire and abort end a wait early', async () => {
  const ac = new AbortController();
  const w = createWakeup(ac.signal);
  const t0 = performance.now();
  const p = w.wait(10_000);
  w.fire();
  await p;
  const q = w.wait(10_000);
  ac.abort();
  await q;
  await w.wait(10_000); // aborted: resolves at once
  assert.ok(performance.now() - t0 < 1000);
});

test('turnstile: waiting() counts callers queued behind the holder', async () => {
  const t = createTurnstile();
  const leave = await t.enter();
  const second = t.enter();
  const third = t.enter();
  assert.equal(t.waiting(), 2);
  leave();
  (await second)();
  (await third)();
  assert.equal(t.waiting(), 0);
});
