// SQLite has one writer at a time. With the pipeline on its own thread (LEAD_ROUTER_PIPELINE=
// thread) the intake connection (webhook inserts, acknowledged only after their commit) and
// the pipeline connection take turns on the write lock, and a webhook that finds the lock held
// waits inside busy_timeout, synchronously, on the event loop that answers webhooks. Both
// connections share one counter (a SharedArrayBuffer): intake counts itself in while it waits
// for and holds the lock; the pipeline starts no statement while the count is above zero, so
// an insert waits for at most the one pipeline transaction already running, never a queue of them.
// The pipeline thread may block: nothing else runs on it.

export interface WritePriority {
  role: 'intake' | 'pipeline';
  /** Int32Array over a SharedArrayBuffer of 4 bytes: intake writers waiting or writing. */
  shared: SharedArrayBuffer;
}

/** The pipeline waits at most this long for intake per statement, so intake cannot starve it. */
export const MAX_YIELD_MS = 250;

export function createWritePriorityBuffer(): SharedArrayBuffer {
  return new SharedArrayBuffer(4);
}

export interface WriteGate {
  /** Intake: around a write transaction (count in, count out, wake the pipeline). */
  intake<T>(fn: () => T): T;
  /** Pipeline: before a statement or transaction, let waiting intake writers go first. */
  yieldToIntake(): void;
}

export function createWriteGate(p: WritePriority | undefined): WriteGate {
  if (!p) return { intake: (fn) => fn(), yieldToIntake: () => {} };
  const count = new Int32Array(p.shared);
  if (p.role === 'intake') {
    return {
      intake(fn) {
        Atomics.add(count, 0, 1);
        try {
          return fn();
        } finally {
          Atomics.sub(count, 0, 1);
          Atomics.notify(count, 0);
        }
      },
      yieldToIntake: () => {},
    };
  }
  return {
    intake: (fn) => fn(),
    yieldToIntake() {
      const deadline = performance.now() + MAX_YIELD_MS;
      for (;;) {
        const n = Atomics.load(count, 0);
        const left = deadline - performance.now();
        if (n <= 0 || left <= 0) return;
        Atomics.wait(count, 0, n, left);
      }
    },
  };
}
