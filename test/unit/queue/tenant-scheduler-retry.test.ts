// Retries, 429 pauses and failures, on a fake clock.
import { describe, it, expect } from '@jest/globals';
import { createTenantScheduler } from '../../../src/queue/tenant-scheduler.ts';
import { CrmError } from '../../../src/errors.ts';
import { createFakeClock } from './fake-clock.ts';
import { burst429, daily429, eventLog, scriptedCall, server503, testPolicy } from './helpers.ts';

const HOUR = 3_600_000;

describe('tenant scheduler: 429s', () => {
  it('pauses the whole tenant on a burst 429 for retryAfterMs, then retries and succeeds', async () => {
    const clock = createFakeClock();
    const log = eventLog();
    const s = createTenantScheduler('hubspot:1', testPolicy(), { ...clock, onEvent: log.onEvent });
    const call = scriptedCall(clock.now, [burst429(3_000)], 'ok');
    const result = s.run('default', call.fn);
    await clock.advance(10);
    expect(s.stats()).toMatchObject({ rateLimited: 1, retries: 1, pausedUntil: 3_000 });
    // Another lane of the same tenant is paused too.
    const searchStarts: number[] = [];
    const search = s.run('search', async () => void searchStarts.push(clock.now()));
    await clock.run(Promise.all([result, search]));
    expect(await result).toBe('ok');
    expect(call.starts).toEqual([0, 3_000]);
    expect(searchStarts).toEqual([3_000]);
    expect(s.stats()).toMatchObject({ calls: 3, rateLimited: 1, retries: 1, failures: 0, pausedUntil: null });
    expect(log.ofType('rate_limited')).toEqual([{ type: 'rate_limited', tenant: 'hubspot:1', lane: 'default', policy: 'burst', pausedUntil: 3_000 }]);
    expect(log.ofType('call').map((e) => e.outcome)).toEqual(['rate_limited', 'ok', 'ok']);
  });

  it('uses the policy burstPauseMs when the 429 carries no reset hint', async () => {
    const clock = createFakeClock();
    const s = createTenantScheduler('hubspot:1', testPolicy({ retry: { burstPauseMs: 5_000 } }), clock);
    const call = scriptedCall(clock.now, [burst429()], 'ok');
    await clock.run(s.run('default', call.fn));
    expect(call.starts).toEqual([0, 5_000]);
  });

  it('treats an unlabelled 429 CrmError as a burst limit', async () => {
    const clock = createFakeClock();
    const s = createTenantScheduler('hubspot:1', testPolicy({ retry: { burstPauseMs: 2_000 } }), clock);
    const call = scriptedCall(clock.now, [new CrmError('Too Many Requests', { status: 429, retryable: false })], 'ok');
    await clock.run(s.run('default', call.fn));
    expect(call.starts).toEqual([0, 2_000]);
  });

  it('keeps other tenants flowing while one tenant is paused', async () => {
    const clock = createFakeClock();
    const a = createTenantScheduler('hubspot:a', testPolicy(), clock);
    const b = createTenantScheduler('hubspot:b', testPolicy(), clock);
    const aCall = scriptedCall(clock.now, [burst429(10_000)], 'a');
    const aDone = a.run('default', aCall.fn);
    await clock.advance(100);
    expect(a.stats().pausedUntil).toBe(10_000);
    const bStarts: number[] = [];
    const bDone = Promise.all(Array.from({ length: 25 }, () => b.run('default', async () => void bStarts.push(clock.now()))));
    await clock.run(bDone);
    // b ran at its own pace (10 per second) while a was still paused.
    expect(bStarts).toEqual([...Array(10).fill(100), ...Array(10).fill(1_100), ...Array(5).fill(2_100)]);
    expect(b.stats().pausedUntil).toBeNull();
    expect(a.stats()).toMatchObject({ queued: 1, pausedUntil: 10_000 });
    await clock.run(aDone);
    expect(aCall.starts).toEqual([0, 10_000]);
  });

  it('pauses until the reset on a daily 429, then retries', async () => {
    const clock = createFakeClock();
    const s = createTenantScheduler('pipedrive:1', testPolicy(), clock);
    const call = scriptedCall(clock.now, [daily429(6 * HOUR)], 'ok');
    const done = s.run('default', call.fn);
    await clock.advance(5 * HOUR);
    expect(s.stats()).toMatchObject({ queued: 1, pausedUntil: 6 * HOUR });
    expect(call.starts).toEqual([0]);
    expect(await clock.run(done)).toBe('ok');
    expect(call.starts).toEqual([0, 6 * HOUR]);
  });

  it('probes once per dailyPauseMs when a daily 429 has no reset time', async () => {
    const clock = createFakeClock();
    const s = createTenantScheduler('pipedrive:1', testPolicy({ retry: { dailyPauseMs: HOUR } }), clock);
    const call = scriptedCall(clock.now, [daily429(), daily429()], 'ok');
    await clock.run(s.run('default', call.fn));
    expect(call.starts).toEqual([0, HOUR, 2 * HOUR]);
  });

  it('does not spend the attempt budget on 429s, but caps them separately', async () => {
    const clock = createFakeClock();
    const policy = testPolicy({ retry: { maxAttempts: 2, maxRateLimitRetries: 3 } });
    const s = createTenantScheduler('hubspot:1', policy, clock);
    const ok = scriptedCall(clock.now, [burst429(100), burst429(100), burst429(100)], 'ok');
    expect(await clock.run(s.run('default', ok.fn))).toBe('ok'); // 3 429s > maxAttempts 2: still fine
    const last = burst429(100);
    const tooMany = scriptedCall(clock.now, [burst429(100), burst429(100), burst429(100), last], 'never');
    await expect(clock.run(s.run('default', tooMany.fn))).rejects.toBe(last);
    expect(tooMany.starts).toHaveLength(4);
    // giving up on this call does not ignore the 429: the tenant still waits
    expect(s.stats().pausedUntil).toBe((tooMany.starts[3] as number) + 100);
    expect(s.stats()).toMatchObject({ failures: 1, rateLimited: 7 });
  });
});

describe('tenant scheduler: retryable errors', () => {
  it('backs off exponentially with full jitter and stops at maxAttempts, rethrowing the last error', async () => {
    const clock = createFakeClock();
    const log = eventLog();
    const jitter = [0.5, 0.9, 0.25, 0.999, 0.1];
    let j = 0;
    const policy = testPolicy({ retry: { maxAttempts: 6, baseDelayMs: 100, maxDelayMs: 1_000 } });
    const s = createTenantScheduler('hubspot:1', policy, { ...clock, random: () => jitter[j++] as number, onEvent: log.onEvent });
    const errors = Array.from({ length: 6 }, server503);
    const call = scriptedCall(clock.now, errors, 'never');
    await expect(clock.run(s.run('default', call.fn))).rejects.toBe(errors[5]);
    // caps 100, 200, 400, 800, 1000 (1600 capped), each scaled by the jitter draw
    const expectedDelays = [50, 180, 100, 799, 100];
    expect(log.ofType('retry').map((e) => e.delayMs)).toEqual(expectedDelays);
    const gaps = call.starts.slice(1).map((t, i) => t - (call.starts[i] as number));
    expect(gaps).toEqual(expectedDelays);
    expect(call.starts).toHaveLength(6);
    expect(s.stats()).toMatchObject({ calls: 6, retries: 5, failures: 1, queued: 0 });
    expect(log.ofType('failure')).toMatchObject([{ reason: 'attempts_exhausted', attempts: 6, error: errors[5] }]);
  });

  it('backoff grows with the attempt number when jitter is fixed', async () => {
    const clock = createFakeClock();
    const policy = testPolicy({ retry: { maxAttempts: 5, baseDelayMs: 100, maxDelayMs: 30_000 } });
    const s = createTenantScheduler('hubspot:1', policy, { ...clock, random: () => 0.75 });
    const call = scriptedCall(clock.now, [server503(), server503(), server503(), server503()], 'ok');
    expect(await clock.run(s.run('default', call.fn))).toBe('ok');
    const gaps = call.starts.slice(1).map((t, i) => t - (call.starts[i] as number));
    expect(gaps).toEqual([75, 150, 300, 600]);
  });

  it('honours a server-given wait (423 / 477 retryAfterMs) as a floor under the jitter', async () => {
    const clock = createFakeClock();
    const s = createTenantScheduler('hubspot:1', testPolicy(), { ...clock, random: () => 0 });
    const locked = new CrmError('Locked', { status: 423, retryable: true, retryAfterMs: 2_000 });
    const call = scriptedCall(clock.now, [locked], 'ok');
    await clock.run(s.run('default', call.fn));
    expect(call.starts).toEqual([0, 2_000]);
    expect(s.stats().pausedUntil).toBeNull(); // a retryable error backs off this call only
  });

  it('retries network errors that never reached the CRM', async () => {
    const clock = createFakeClock();
    const s = createTenantScheduler('hubspot:1', testPolicy(), { ...clock, random: () => 0.5 });
    const errors = [
      new TypeError('fetch failed', { cause: Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }) }),
      Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:443'), { code: 'ECONNREFUSED' }),
      new DOMException('The operation was aborted due to timeout', 'TimeoutError'),
    ];
    const call = scriptedCall(clock.now, errors, 'ok');
    expect(await clock.run(s.run('default', call.fn))).toBe('ok');
    expect(call.starts).toHaveLength(4);
    expect(s.stats()).toMatchObject({ retries: 3, failures: 0 });
  });

  it('lets other calls use the slot while one call backs off', async () => {
    const clock = createFakeClock();
    const s = createTenantScheduler('hubspot:1', testPolicy({ concurrency: 1, retry: { baseDelayMs: 1_000 } }), { ...clock, random: () => 0.5 });
    const flaky = scriptedCall(clock.now, [server503()], 'flaky');
    const other = scriptedCall(clock.now, [], 'other');
    const done = Promise.all([s.run('default', flaky.fn), s.run('default', other.fn)]);
    expect(await clock.run(done)).toEqual(['flaky', 'other']);
    expect(other.starts).toEqual([0]); // did not wait for the 500 ms backoff
    expect(flaky.starts).toEqual([0, 500]);
  });
});

describe('tenant scheduler: non-retryable errors', () => {
  it('throws a 4xx at once and counts it', async () => {
    const clock = createFakeClock();
    const log = eventLog();
    const s = createTenantScheduler('hubspot:1', testPolicy(), { ...clock, onEvent: log.onEvent });
    const bad = new CrmError('Property "lr_score" does not exist', { status: 400, retryable: false });
    const call = scriptedCall(clock.now, [bad], 'never');
    await expect(clock.run(s.run('default', call.fn))).rejects.toBe(bad);
    expect(call.starts).toEqual([0]);
    expect(s.stats()).toMatchObject({ calls: 1, retries: 0, failures: 1, rateLimited: 0 });
    expect(log.ofType('call')).toMatchObject([{ outcome: 'error', status: 400, attempt: 1 }]);
    expect(log.ofType('failure')).toMatchObject([{ reason: 'non_retryable', attempts: 1 }]);
  });

  it('does not retry programming errors', async () => {
    const clock = createFakeClock();
    const s = createTenantScheduler('hubspot:1', testPolicy(), clock);
    const bug = new TypeError("Cannot read properties of undefined (reading 'id')");
    const call = scriptedCall(clock.now, [bug], 'never');
    await expect(clock.run(s.run('default', call.fn))).rejects.toBe(bug);
    expect(call.starts).toHaveLength(1);
  });

  it('survives an onEvent listener that throws', async () => {
    const clock = createFakeClock();
    const s = createTenantScheduler('hubspot:1', testPolicy(), {
      ...clock,
      onEvent: () => {
        throw new Error('metrics exploded');
      },
    });
    expect(await clock.run(s.run('default', async () => 7))).toBe(7);
  });
});
