import { describe, it, expect } from '@jest/globals';
import { readObservation } from '../../../src/queue/read-observation.ts';
import type { LanePolicy } from '../../../src/queue/types.ts';

const hubspot: LanePolicy = { limit: 99, intervalMs: 10_000, headroom: 0.1 };

describe('readObservation', () => {
  it.each([
    ['nothing known', {}, {}],
    ['comfortable window', { limit: 110, remaining: 80, resetMs: 3_000 }, { limit: 99 }],
    ['1 left', { limit: 110, remaining: 1, resetMs: 3_000 }, { limit: 99, holdUntil: 1_003_000 }],
    ['under 5% left', { limit: 110, remaining: 5, resetMs: 3_000 }, { limit: 99, holdUntil: 1_003_000 }],
    ['exactly 5% is fine', { limit: 100, remaining: 5, resetMs: 3_000 }, { limit: 90 }],
    ['lower reported limit, headroom re-applied', { limit: 100 }, { limit: 90 }],
    ['higher reported limit capped at configured', { limit: 250 }, { limit: 99 }],
    ['reset hint capped at the window', { remaining: 0, resetMs: 60_000 }, { holdUntil: 1_010_000 }],
    ['low remaining without a reset time', { remaining: 0 }, {}],
    ['daily budget gone', { dailyRemaining: 0, dailyResetAt: 5_000_000 }, { pauseUntil: 5_000_000 }],
    ['daily reset already past', { dailyRemaining: 0, dailyResetAt: 999_999 }, {}],
    ['nonsense values', { limit: Number.NaN, remaining: 0, resetMs: -5 }, {}],
  ])('%s', (_name, obs, effect) => {
    expect(readObservation(obs, hubspot, 1_000_000)).toEqual(effect);
  });
});
