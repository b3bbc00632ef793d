// A wake-up for a loop that sleeps: wait(ms) resolves after ms, or as soon as fire() is called
// or the signal aborts (shutdown), whichever comes first.
export interface Wakeup {
  wait(ms: number): Promise<void>;
  fire(): void;
}

export function createWakeup(signal?: AbortSignal): Wakeup {
  const waiters = new Set<() => void>();
  return {
    wait(ms) {
      if (signal?.aborted) return Promise.resolve();
      return new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          waiters.delete(done);
          signal?.removeEventListener('abort', done);
          resolve();
        };
        const timer = setTimeout(done, Math.max(0, ms));
        waiters.add(done);
        signal?.addEventListener('abort', done, { once: true });
      });
    },
    fire() {
      for (const done of [...waiters]) done();
    },
  };
}
