import { describe, it, expect } from '@jest/globals';
import { hubspotPolicy, pipedriveDailyTokenBudget, pipedrivePolicy } from '../../../src/queue/policies.ts';

describe('hubspotPolicy', () => {
  it.each([
    [{ authMode: 'oauth' } as const, 99], // 110 / 10 s per installing account, minus 10%
    [{ authMode: 'oauth', tier: 'api_add_on' } as const, 99], // the add-on does not apply to OAuth apps
    [{ authMode: 'private' } as const, 90], // unknown tier: the lowest published limit (100)
    [{ authMode: 'private', tier: 'starter' } as const, 90],
    [{ authMode: 'private', tier: 'pro' } as const, 171],
    [{ authMode: 'private', tier: 'enterprise' } as const, 171],
    [{ authMode: 'private', tier: 'api_add_on' } as const, 225],
    [{ authMode: 'oauth', headroom: 0 } as const, 110],
    [{ authMode: 'private', tier: 'pro', headroom: 0.25 } as const, 142],
  ])('%j -> %d per rolling 10 s', (opts, limit) => {
    const p = hubspotPolicy(opts);
    expect(p.lanes.default).toMatchObject({ limit, intervalMs: 10_000 });
  });

  it('has a separate search lane (5 / s minus headroom) and HubSpot retry defaults', () => {
    const p = hubspotPolicy({ authMode: 'oauth' });
    expect(p.lanes.search).toMatchObject({ limit: 4, intervalMs: 1_000 });
    expect(p.retry).toEqual({ maxAttempts: 6, baseDelayMs: 500, maxDelayMs: 30_000, burstPauseMs: 10_000 });
  });

  it('takes partial overrides (tests and benchmarks use tiny numbers)', () => {
    const p = hubspotPolicy({ authMode: 'oauth' }, { lanes: { default: { limit: 3, intervalMs: 50 } }, retry: { baseDelayMs: 1 } });
    expect(p.lanes.default).toMatchObject({ limit: 3, intervalMs: 50 });
    expect(p.lanes.search.limit).toBe(4);
    expect(p.retry).toMatchObject({ baseDelayMs: 1, maxAttempts: 6, burstPauseMs: 10_000 });
  });

  it.each([-0.1, 1, Number.NaN])('rejects headroom %p with the expected range', (headroom) => {
    expect(() => hubspotPolicy({ authMode: 'oauth', headroom })).toThrow(/headroom.*\[0, 1\)/);
  });
});

describe('pipedrivePolicy', () => {
  it.each([
    ['api_token', 'lite', 18],
    ['api_token', 'growth', 36],
    ['api_token', 'premium', 90],
    ['api_token', 'ultimate', 108],
    ['oauth', 'lite', 72],
    ['oauth', 'growth', 144],
    ['oauth', 'premium', 360],
    ['oauth', 'ultimate', 432],
  ] as const)('%s / %s -> %d per rolling 2 s', (authMode, plan, limit) => {
    expect(pipedrivePolicy({ authMode, plan }).lanes.default).toMatchObject({ limit, intervalMs: 2_000 });
  });

  it('has a search lane of 10 / 2 s minus headroom and a 2 s burst pause', () => {
    const p = pipedrivePolicy({ authMode: 'oauth', plan: 'growth' });
    expect(p.lanes.search).toMatchObject({ limit: 9, intervalMs: 2_000 });
    expect(p.retry.burstPauseMs).toBe(2_000);
  });
});

describe('pipedriveDailyTokenBudget', () => {
  it('is 30,000 x plan multiplier x seats (+ top-ups)', () => {
    expect(pipedriveDailyTokenBudget({ plan: 'growth', seats: 5 })).toBe(300_000); // the doc's worked example
    expect(pipedriveDailyTokenBudget({ plan: 'ultimate', seats: 2, topUpTokens: 1_000 })).toBe(421_000);
    expect(() => pipedriveDailyTokenBudget({ plan: 'lite', seats: 0 })).toThrow(/seats/);
  });
});
