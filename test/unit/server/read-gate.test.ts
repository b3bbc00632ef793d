import { describe, expect, it } from '@jest/globals';
import { createReadGate } from '../../../src/server/read-gate.ts';

describe('createReadGate', () => {
  it('grants up to `slots`, queues the next ones, and passes a released slot on in order', async () => {
    const gate = createReadGate({ slots: 2, maxWaitMs: 1000, maxWaiting: 5 });
    const a = (await gate.acquire())!;
    const b = (await gate.acquire())!;
    const order: string[] = [];
    const c = gate.acquire().then((r) => (order.push('c'), r));
    const d = gate.acquire().then((r) => (order.push('d'), r));
    expect(gate.stats()).toEqual({ active: 2, waiting: 2 });
    a();
    a(); // releasing twice frees one slot only
    expect(typeof (await c)).toBe('function');
    expect(gate.stats()).toEqual({ active: 2, waiting: 1 });
    b();
    (await d)!();
    (await c)!();
    expect(order).toEqual(['c', 'd']);
    expect(gate.stats()).toEqual({ active: 0, waiting: 0 });
  });

  it('gives null after maxWaitMs, and at once when the waiting line is full', async () => {
    const gate = createReadGate({ slots: 1, maxWaitMs: 20, maxWaiting: 1 });
    const held = (await gate.acquire())!;
    const waiting = gate.acquire();
    expect(await gate.acquire()).toBeNull(); // line full
    expect(await waiting).toBeNull(); // timed out
    expect(gate.stats()).toEqual({ active: 1, waiting: 0 });
    held();
    expect(gate.stats().active).toBe(0);
  });
});
