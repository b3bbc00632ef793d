// Bounds how many request bodies are read at once before they are authenticated (HubSpot
// signs the body, so its bodies can only be checked after reading). Memory held by readers is
// then at most `slots` x the body cap, whatever a flood sends. A request that finds every slot
// taken waits its turn, briefly; a caller that cannot get one in `maxWaitMs` (or finds the
// queue full) is answered 503 + Retry-After by the route, and the CRM retries.
export interface ReadGate {
  /** A release function, or null when no slot became free in time. */
  acquire(): Promise<(() => void) | null>;
  stats(): { active: number; waiting: number };
}

export function createReadGate(opts: { slots: number; maxWaitMs: number; maxWaiting: number }): ReadGate {
  let active = 0;
  const waiting: { grant: (r: (() => void) | null) => void; timer: NodeJS.Timeout }[] = [];

  function release(): void {
    const next = waiting.shift();
    if (next) {
      clearTimeout(next.timer);
      next.grant(once()); // the slot passes straight on
    } else active--;
  }
  function once(): () => void {
    let done = false;
    return () => {
      if (!done) {
        done = true;
        release();
      }
    };
  }

  return {
    acquire() {
      if (active < opts.slots) {
        active++;
        return Promise.resolve(once());
      }
      if (waiting.length >= opts.maxWaiting) return Promise.resolve(null);
      return new Promise((resolve) => {
        const entry = {
          grant: resolve,
          timer: setTimeout(() => {
            waiting.splice(waiting.indexOf(entry), 1);
            resolve(null);
          }, opts.maxWaitMs),
        };
        entry.timer.unref();
        waiting.push(entry);
      });
    },
    stats: () => ({ active, waiting: waiting.length }),
  };
}
