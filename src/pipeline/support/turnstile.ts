// One at a time, in arrival order: enter() resolves when the previous holder left, with the
// function that lets the next one in.
export interface Turnstile {
  enter(): Promise<() => void>;
  /** Callers waiting to enter (not counting the one inside). */
  waiting(): number;
}

export function createTurnstile(): Turnstile {
  let tail: Promise<void> = Promise.resolve();
  let queued = 0; // callers not inside yet
  return {
    async enter() {
      const previous = tail;
      let leave!: () => void;
      tail = new Promise<void>((resolve) => (leave = resolve));
      queued++;
      await previous;
      queued--;
      return leave;
    },
    waiting: () => queued,
  };
}
