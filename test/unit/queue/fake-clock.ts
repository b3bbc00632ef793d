// Virtual time for scheduler tests: `sleep` registers a timer, and the driver jumps the clock
// to the next timer only once every pending promise has settled. Hours of CRM pauses run in
// milliseconds of real time, deterministically.

export interface FakeClock {
  now(): number;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  /** Let all ready promise callbacks run (no virtual time passes). */
  settle(): Promise<void>;
  /** Move virtual time forward by ms, firing timers in order. */
  advance(ms: number): Promise<void>;
  /** Fire timers until `p` settles; throws if it can never settle (no timers left). */
  run<T>(p: Promise<T>): Promise<T>;
  pendingTimers(): number;
}

interface Timer {
  at: number;
  seq: number;
  resolve: () => void;
}

export function createFakeClock(start = 0): FakeClock {
  let t = start;
  let seq = 0;
  const timers: Timer[] = [];

  function remove(timer: Timer): void {
    const i = timers.indexOf(timer);
    if (i >= 0) timers.splice(i, 1);
  }

  function earliest(): Timer | undefined {
    let best: Timer | undefined;
    for (const timer of timers) {
      if (!best || timer.at < best.at || (timer.at === best.at && timer.seq < best.seq)) best = timer;
    }
    return best;
  }

  function fire(timer: Timer): void {
    t = Math.max(t, timer.at);
    remove(timer);
    timer.resolve();
  }

  async function settle(): Promise<void> {
    for (let i = 0; i < 3; i++) await new Promise<void>((resolve) => setImmediate(resolve));
  }

  return {
    now: () => t,
    sleep(ms, signal) {
      return new Promise<void>((resolve) => {
        const onAbort = (): void => {
          remove(timer);
          resolve();
        };
        const timer: Timer = {
          at: t + Math.max(0, ms),
          seq: seq++,
          resolve: () => {
            signal?.removeEventListener('abort', onAbort);
            resolve();
          },
        };
        timers.push(timer);
        signal?.addEventListener('abort', onAbort, { once: true });
      });
    },
    settle,
    async advance(ms) {
      const target = t + ms;
      for (;;) {
        await settle();
        const next = earliest();
        if (!next || next.at > target) break;
        fire(next);
      }
      t = target;
      await settle();
    },
    async run<T>(p: Promise<T>): Promise<T> {
      let done = false;
      p.then(
        () => (done = true),
        () => (done = true),
      );
      for (;;) {
        await settle();
        if (done) return p;
        const next = earliest();
        if (!next) throw new Error(`fake clock: promise still pending at t=${t} and no timers left (deadlock)`);
        fire(next);
      }
    },
    pendingTimers: () => timers.length,
  };
}

/** Largest number of starts inside any rolling window (t - windowMs, t]. */
export function maxStartsInRollingWindow(starts: number[], windowMs: number): number {
  const sorted = [...starts].sort((a, b) => a - b);
  let max = 0;
  let lo = 0;
  for (let hi = 0; hi < sorted.length; hi++) {
    while ((sorted[hi] as number) - (sorted[lo] as number) >= windowMs) lo++;
    max = Math.max(max, hi - lo + 1);
  }
  return max;
}

/** Deterministic PRNG (mulberry32) for reproducible "random" durations and jitter. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let r = Math.imul(a ^ (a >>> 15), 1 | a);
    r = (r + Math.imul(r ^ (r >>> 7), 61 | r)) ^ r;
    return ((r ^ (r >>> 14)) >>> 0) / 4294967296;
  };
}
