// close() and the per-tenant registry.
import { describe, it, expect } from '@jest/globals';
import { createTenantScheduler } from '../../../src/queue/tenant-scheduler.ts';
import { createSchedulerRegistry } from '../../../src/queue/scheduler-registry.ts';
import { SchedulerClosedError } from '../../../src/queue/scheduler-closed-error.ts';
import { createFakeClock } from './fake-clock.ts';
import { daily429, eventLog, scriptedCall, testPolicy } from './helpers.ts';

describe('tenant scheduler: close()', () => {
  it('lets in-flight calls finish, rejects queued ones, and refuses new work', async () => {
    const clock = createFakeClock();
    const log = eventLog();
    const s = createTenantScheduler('hubspot:1', testPolicy({ limit: 2 }), { ...clock, onEvent: log.onEvent });
    let finished = 0;
    const calls = Array.from({ length: 5 }, (_, i) =>
      s.run('default', async () => {
        await clock.sleep(300);
        finished++;
        return i;
      }),
    );
    const outcomes = Promise.allSettled(calls);
    await clock.settle();
    expect(s.stats()).toMatchObject({ running: 2, queued: 3 });
    const closing = s.close();
    await clock.run(closing);
    const settled = await outcomes;
    expect(settled.slice(0, 2)).toEqual([
      { status: 'fulfilled', value: 0 },
      { status: 'fulfilled', value: 1 },
    ]);
    for (const r of settled.slice(2)) {
      expect(r.status).toBe('rejected');
      expect((r as PromiseRejectedResult).reason).toBeInstanceOf(SchedulerClosedError);
    }
    expect(finished).toBe(2);
    expect(log.ofType('failure').map((e) => e.reason)).toEqual(['closed', 'closed', 'closed']);
    await expect(s.run('default', async () => 1)).rejects.toThrow(/closed/);
    expect(s.stats()).toMatchObject({ queued: 0, running: 0 });
  });

  it('does not wait out a long pause (fake clock: no virtual time passes)', async () => {
    const clock = createFakeClock();
    const s = createTenantScheduler('pipedrive:1', testPolicy(), clock);
    const call = scriptedCall(clock.now, [daily429(10 * 3_600_000)], 'never');
    const pending = s.run('default', call.fn);
    const rejected = expect(pending).rejects.toMatchObject({ name: 'SchedulerClosedError', cause: call.errors[0] });
    await clock.settle();
    await s.close();
    await rejected;
    expect(call.starts).toEqual([0]);
    expect(clock.now()).toBe(0);
    expect(clock.pendingTimers()).toBe(0);
  });

  it('with real timers: close() cuts a 1 h pause short and leaves no timer behind', async () => {
    const s = createTenantScheduler('pipedrive:1', testPolicy());
    let calls = 0;
    const pending = s.run('default', async () => {
      calls++;
      throw daily429(3_600_000);
    });
    const rejected = expect(pending).rejects.toBeInstanceOf(SchedulerClosedError);
    await new Promise((r) => setTimeout(r, 5));
    expect(s.stats().pausedUntil).toBeGreaterThan(Date.now() + 3_000_000);
    const started = Date.now();
    await s.close();
    await rejected;
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(calls).toBe(1);
  });

  it('rejects a call closed during its backoff with SchedulerClosedError caused by the last error', async () => {
    const clock = createFakeClock();
    const s = createTenantScheduler('hubspot:1', testPolicy({ retry: { baseDelayMs: 10_000 } }), { ...clock, random: () => 0.9 });
    const boom = Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
    const pending = s.run('default', async () => {
      throw boom;
    });
    const rejected = expect(pending).rejects.toMatchObject({ name: 'SchedulerClosedError', cause: boom, message: /failed and was not retried/ });
    await clock.settle();
    await s.close();
    await rejected;
    expect(s.stats()).toMatchObject({ calls: 1, retries: 1, failures: 0 }); // closing is not a CRM failure
  });
});

describe('scheduler registry', () => {
  it('creates one scheduler per tenant with its own policy, lazily', () => {
    const asked: string[] = [];
    const registry = createSchedulerRegistry((tenant) => {
      asked.push(tenant);
      return testPolicy({ limit: tenant.startsWith('hubspot') ? 99 : 18 });
    });
    const a = registry.get('hubspot:1');
    expect(registry.get('hubspot:1')).toBe(a);
    const b = registry.get('pipedrive:1');
    expect(b).not.toBe(a);
    expect(asked).toEqual(['hubspot:1', 'pipedrive:1']);
    expect(registry.all().map((s) => s.tenant)).toEqual(['hubspot:1', 'pipedrive:1']);
    expect(registry.has('hubspot:2')).toBe(false);
  });

  it('delete() closes the tenant (queued work rejected) and forgets it; others are untouched', async () => {
    const clock = createFakeClock();
    const registry = createSchedulerRegistry(() => testPolicy({ limit: 1 }), clock);
    const gone = registry.get('hubspot:gone');
    const stays = registry.get('hubspot:stays');
    const first = gone.run('default', async () => 'first');
    const queued = gone.run('default', async () => 'queued'); // waits for the next window
    const queuedRejected = expect(queued).rejects.toBeInstanceOf(SchedulerClosedError);
    await clock.settle();
    await registry.delete('hubspot:gone');
    expect(await first).toBe('first');
    await queuedRejected;
    expect(registry.has('hubspot:gone')).toBe(false);
    expect(registry.all()).toEqual([stays]);
    const fresh = registry.get('hubspot:gone');
    expect(fresh).not.toBe(gone);
    expect(await clock.run(fresh.run('default', async () => 'again'))).toBe('again');
    expect(await clock.run(stays.run('default', async () => 'still here'))).toBe('still here');
    await registry.delete('hubspot:never-installed'); // no-op
  });

  it('closeAll() closes every scheduler and empties the registry', async () => {
    const clock = createFakeClock();
    const registry = createSchedulerRegistry(() => testPolicy(), clock);
    const a = registry.get('hubspot:1');
    const b = registry.get('pipedrive:1');
    await registry.closeAll();
    expect(registry.all()).toEqual([]);
    await expect(a.run('default', async () => 1)).rejects.toBeInstanceOf(SchedulerClosedError);
    await expect(b.run('search', async () => 1)).rejects.toBeInstanceOf(SchedulerClosedError);
  });
});
