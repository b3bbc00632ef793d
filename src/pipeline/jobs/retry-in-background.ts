// Background job helper: one-time setup work (CRM properties, webhook registration) retried
// until it succeeds, so an unreachable CRM is not a start failure; its state feeds /readyz.
import type { Logger } from '../../logger.ts';

export interface BackgroundTask {
  status(): { ok: boolean; detail: string };
  stop(): void;
}

/**
 * Run `task` in the background until it succeeds (an unreachable CRM is not a start failure),
 * with capped exponential backoff; `status()` feeds /readyz.
 */
export function retryInBackground(name: string, task: () => Promise<void>, logger: Logger, maxDelayMs = 60_000): BackgroundTask {
  let state: { ok: boolean; detail: string } = { ok: false, detail: 'starting' };
  let attempt = 0;
  let timer: NodeJS.Timeout | null = null;
  const run = async () => {
    attempt++;
    try {
      await task();
      state = { ok: true, detail: 'done' };
    } catch (err) {
      const delay = Math.min(maxDelayMs, 1000 * 2 ** Math.min(attempt, 6));
      state = { ok: false, detail: `attempt ${attempt} failed: ${(err as Error).message}; retrying in ${Math.round(delay / 1000)} s` };
      logger.warn(`${name} failed; retrying`, { attempt, error: (err as Error).message });
      timer = setTimeout(run, delay);
      timer.unref();
    }
  };
  void run();
  return {
    status: () => state,
    stop: () => {
      if (timer) clearTimeout(timer);
    },
  };
}
