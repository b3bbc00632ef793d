// Shared fixtures for scheduler tests.
import type { SchedulerEvent, SchedulerPolicy } from '../../../src/queue/types.ts';
import { CrmError } from '../../../src/errors.ts';

export function testPolicy(over: { limit?: number; intervalMs?: number; concurrency?: number; retry?: Partial<SchedulerPolicy['retry']> } = {}): SchedulerPolicy {
  return {
    lanes: {
      default: { limit: over.limit ?? 10, intervalMs: over.intervalMs ?? 1_000, ...(over.concurrency ? { concurrency: over.concurrency } : {}) },
      search: { limit: 2, intervalMs: 1_000 },
    },
    retry: { maxAttempts: 4, baseDelayMs: 100, maxDelayMs: 1_000, burstPauseMs: 5_000, ...over.retry },
  };
}

export function burst429(retryAfterMs?: number): CrmError {
  return new CrmError('You have reached your ten_secondly_rolling limit.', {
    status: 429,
    retryable: true,
    rateLimit: 'burst',
    ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
  });
}

export function daily429(retryAfterMs?: number): CrmError {
  return new CrmError('You have reached your daily limit.', {
    status: 429,
    retryable: true,
    rateLimit: 'daily',
    ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
  });
}

export function server503(): CrmError {
  return new CrmError('Service Unavailable', { status: 503, retryable: true });
}

/** A CRM call that fails with the given errors in turn, then returns `value`; records start times. */
export function scriptedCall<T>(now: () => number, errors: unknown[], value: T) {
  const starts: number[] = [];
  let i = 0;
  const fn = async (): Promise<T> => {
    starts.push(now());
    const err = errors[i++];
    if (err !== undefined) throw err;
    return value;
  };
  return { fn, starts, errors };
}

export function eventLog() {
  const events: SchedulerEvent[] = [];
  return { events, onEvent: (e: SchedulerEvent) => void events.push(e), ofType: <K extends SchedulerEvent['type']>(type: K) => events.filter((e): e is Extract<SchedulerEvent, { type: K }> => e.type === type) };
}
