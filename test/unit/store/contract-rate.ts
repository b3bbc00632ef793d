// Store contract, part 6: the shared rate limit (one log of call starts per tenant lane, holds).
// Exact numbers: time is passed in, the grant replays the scheduler's own sliding window.
import { describe, expect, it } from '@jest/globals';
import type { RateTake } from '../../../src/queue/types.ts';
import type { ContractContext } from './contract.ts';
import { OTHER, T0, TENANT } from './fixtures.ts';

function take(over: Partial<Omit<RateTake, 'now'>> & { now?: number } = {}): RateTake {
  const at = over.now ?? T0;
  return { tenant: TENANT, lane: 'default', limit: 5, intervalMs: 1_000, spread: false, want: 1, ...over, now: () => at };
}

export function runRateContract(ctx: ContractContext): void {
  describe('shared rate limit', () => {
    it('grants up to the limit per rolling window, then says when the oldest start leaves it', async () => {
      const store = ctx.store();
      expect(await store.rateTake(take({ want: 3 }))).toEqual({ granted: 3, waitMs: 0 });
      expect(await store.rateTake(take({ want: 4, now: T0 + 400 }))).toEqual({ granted: 2, waitMs: 600 });
      expect(await store.rateTake(take({ now: T0 + 999 }))).toEqual({ granted: 0, waitMs: 1 });
      // T0's three starts left the window; T0+400's two still count
      expect(await store.rateTake(take({ want: 5, now: T0 + 1_000 }))).toEqual({ granted: 3, waitMs: 400 });
      expect(await store.rateTake(take({ want: 0, now: T0 + 1_000 }))).toEqual({ granted: 0, waitMs: 0 });
    });

    it('keeps one budget for every process on the database', async () => {
      const stores = await ctx.stores();
      const a = stores[0]!;
      const b = stores[stores.length - 1]!;
      expect(await a.rateTake(take({ want: 3 }))).toEqual({ granted: 3, waitMs: 0 });
      expect(await b.rateTake(take({ want: 3, now: T0 + 10 }))).toEqual({ granted: 2, waitMs: 0 + 990 });
      expect(await a.rateTake(take({ now: T0 + 20 }))).toEqual({ granted: 0, waitMs: 980 });
    });

    it('never grants more than the limit to concurrent takes', async () => {
      const stores = await ctx.stores();
      const takes = Array.from({ length: 24 }, (_, i) => stores[i % stores.length]!.rateTake(take({ limit: 7, want: 1 + (i % 2) })));
      const grants = await Promise.all(takes);
      expect(grants.reduce((sum, g) => sum + g.granted, 0)).toBe(7);
    });

    it('spreads starts evenly when the lane asks for it', async () => {
      const store = ctx.store();
      // limit 10 per 1 s: one start per 100 ms, up to 2 back to back to catch up
      expect(await store.rateTake(take({ limit: 10, spread: true, want: 5 }))).toEqual({ granted: 2, waitMs: 100 });
      expect(await store.rateTake(take({ limit: 10, spread: true, want: 5, now: T0 + 100 }))).toEqual({ granted: 1, waitMs: 100 });
    });

    it('holds a lane or the whole tenant; holds only extend', async () => {
      const store = ctx.store();
      await store.rateHold(TENANT, 'search', T0 + 300);
      expect(await store.rateTake(take({ lane: 'search' }))).toEqual({ granted: 0, waitMs: 300 });
      expect(await store.rateTake(take())).toEqual({ granted: 1, waitMs: 0 });
      await store.rateHold(TENANT, '*', T0 + 10_000);
      await store.rateHold(TENANT, '*', T0 + 5_000); // an earlier hold does not shorten it
      expect(await store.rateTake(take({ now: T0 + 1 }))).toEqual({ granted: 0, waitMs: 9_999 });
      expect(await store.rateTake(take({ lane: 'search', now: T0 + 1 }))).toEqual({ granted: 0, waitMs: 9_999 });
      expect(await store.rateTake(take({ now: T0 + 10_000 }))).toEqual({ granted: 1, waitMs: 0 });
    });

    it('keeps tenants and lanes apart', async () => {
      const store = ctx.store();
      await store.rateHold(OTHER, '*', T0 + 1_000);
      expect(await store.rateTake(take({ want: 5 }))).toEqual({ granted: 5, waitMs: 0 });
      expect(await store.rateTake(take({ lane: 'search', want: 5 }))).toEqual({ granted: 5, waitMs: 0 });
      expect(await store.rateTake(take({ tenant: 'pipedrive:1', want: 5 }))).toEqual({ granted: 5, waitMs: 0 });
      expect(await store.rateTake(take({ tenant: OTHER }))).toEqual({ granted: 0, waitMs: 1_000 });
    });
  });
}
