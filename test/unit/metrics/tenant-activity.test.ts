// Per-tenant recent write-back latency and 429s for the console's Health page: bounded, per tenant.
import { describe, expect, it } from '@jest/globals';
import { LATENCY_SAMPLES, createTenantActivity } from '../../../src/metrics/tenant-activity.ts';

describe('tenant activity', () => {
  it('summarizes write-back latency and 429s per tenant over a window', () => {
    const a = createTenantActivity();
    for (let i = 1; i <= 10; i++) a.writeBackDone('hubspot:1', i * 100, 1000 + i);
    a.writeBackDone('hubspot:2', 5, 2000);
    a.rateLimited('hubspot:1', 'burst', 1_000);
    a.rateLimited('hubspot:1', 'burst', 50_000);
    a.rateLimited('hubspot:1', 'daily', 60_000);
    const s = a.summary('hubspot:1', 61_000, 20_000);
    expect(s.writeBack).toEqual({ samples: 10, p50Ms: 500, p90Ms: 900, maxMs: 1000, lastAt: 1010 });
    expect(s.rateLimited).toEqual({ count: 2, burst: 1, daily: 1, lastAt: 60_000, windowMs: 20_000 });
    expect(a.summary('hubspot:3', 61_000, 20_000)).toEqual({
      writeBack: { samples: 0, p50Ms: null, p90Ms: null, maxMs: null, lastAt: null },
      rateLimited: { count: 0, burst: 0, daily: 0, lastAt: null, windowMs: 20_000 },
    });
    a.forget('hubspot:1');
    expect(a.summary('hubspot:1', 61_000, 20_000).writeBack.samples).toBe(0);
  });

  it('keeps a bounded number of samples, newest first', () => {
    const a = createTenantActivity();
    for (let i = 0; i < LATENCY_SAMPLES + 100; i++) a.writeBackDone('t', i < 100 ? 1_000_000 : 10, i);
    expect(a.summary('t', 0, 1).writeBack).toMatchObject({ samples: LATENCY_SAMPLES, maxMs: 10 });
  });
});
