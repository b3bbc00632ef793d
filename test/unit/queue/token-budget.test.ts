import { describe, it, expect } from '@jest/globals';
import { createTokenBudget, nextMidnightUtc } from '../../../src/queue/token-budget.ts';

const at = (iso: string) => Date.parse(iso);

describe('createTokenBudget', () => {
  it('counts down from the daily budget as tokens are spent', () => {
    const b = createTokenBudget({ dailyBudget: 1_000, now: () => at('2025-03-04T10:00:00Z') });
    b.spend(300);
    b.spend(40);
    expect(b.spent()).toBe(340);
    expect(b.remaining()).toBe(660);
    expect(b.exhausted()).toBe(false);
    b.spend(700);
    expect(b.remaining()).toBe(0);
    expect(b.exhausted()).toBe(true);
  });

  it("trusts the CRM's remaining count over its own, then keeps counting from it", () => {
    const b = createTokenBudget({ dailyBudget: 1_000, now: () => at('2025-03-04T10:00:00Z') });
    b.spend(100);
    b.observe(250, 300_000); // other integrations spent most of the budget
    expect(b.remaining()).toBe(250);
    b.spend(50);
    expect(b.remaining()).toBe(200);
    expect(b.spent()).toBe(150);
  });

  it('resets at the next midnight UTC', () => {
    let now = at('2025-03-04T23:30:00Z');
    const b = createTokenBudget({ dailyBudget: 100, now: () => now });
    expect(b.resetsAt()).toBe(at('2025-03-05T00:00:00Z'));
    b.spend(100);
    b.observe(0);
    expect(b.exhausted()).toBe(true);
    now = at('2025-03-05T00:00:00Z');
    expect(b.exhausted()).toBe(false);
    expect(b.spent()).toBe(0);
    expect(b.remaining()).toBe(100);
    expect(b.resetsAt()).toBe(at('2025-03-06T00:00:00Z'));
  });

  it('is unbounded until a budget is known, then uses the observed limit', () => {
    const b = createTokenBudget({ now: () => 0 });
    b.spend(10);
    expect(b.remaining()).toBe(Number.POSITIVE_INFINITY);
    expect(b.exhausted()).toBe(false);
    b.observe(500, 1_000);
    b.spend(500);
    expect(b.remaining()).toBe(0);
    expect(b.exhausted()).toBe(true);
  });

  it.each([-1, Number.NaN, Number.POSITIVE_INFINITY])('rejects spending %p tokens', (n) => {
    const b = createTokenBudget({ now: () => 0 });
    expect(() => b.spend(n)).toThrow(/tokens/);
  });
});

describe('nextMidnightUtc', () => {
  it('is strictly after now, even exactly at midnight', () => {
    expect(nextMidnightUtc(at('2025-01-01T00:00:00Z'))).toBe(at('2025-01-02T00:00:00Z'));
    expect(nextMidnightUtc(at('2024-12-31T23:59:59.999Z'))).toBe(at('2025-01-01T00:00:00Z'));
  });
});
