// Background job helper: one-time setup work (CRM properties, webhook registration) retried
// until it succeeds, so an unreachable CRM is not a start failure; its state feeds /readyz.
import { CrmError } from '../../errors.ts';
import type { Logger } from '../../logger.ts';

export interface BackgroundTaskStatus {
  ok: boolean;
  detail: string;
  /** false: failed, but the app serves anyway (the CRM answered and refused our credentials or
   *  scopes: that tenant is degraded, see tenant-health; /readyz stays 200). */
  blocking?: boolean;
}

export interface BackgroundTask {
  status(): BackgroundTaskStatus;
  stop(): void;
}

/**
 * Run `task` in the background until it succeeds (an unreachable CRM is not a start failure),
 * with capped exponential backoff; `status()` feeds /readyz.
 */
export function retryInBackground(name: string, task: () => Promise<void>, logger: Logger, maxDelayMs = 60_000): BackgroundTask {
  let state: BackgroundTaskStatus = { ok: false, detail: 'starting' };
  let attempt = 0;
  let timer: NodeJS.Timeout | null = null;
  const run = async () => {
    attempt++;
    try {
      await task();
      state = { ok: true, detail: 'done' };
    } catch (err) {
      const delay = Math.min(maxDelayMs, 1000 * 2 ** Math.min(attempt, 6));
      // Unreachable / failing CRM: still waiting. A CRM that answered 401 / 403 (install lost its
      // scopes, token revoked) does not make the app unready: the tenant is reported degraded.
      const refused = err instanceof CrmError && (err.crmStatus === 401 || err.crmStatus === 403);
      state = { ok: false, detail: `attempt ${attempt} failed: ${(err as Error).message}; retrying in ${Math.round(delay / 1000)} s`, ...(refused ? { blocking: false } : {}) };
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
