// Wait until every lead the demo created carries its score in the sandbox CRM, no webhook is
// undelivered and the inbox is drained; report progress on the way. Gives up (reporting why)
// after the timeout: the caller then counts what was not written as lost.
import type { Store } from '../store/types.ts';

export async function waitFor(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`timed out after ${Math.round(timeoutMs / 1000)} s waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

export async function waitUntilScored(opts: {
  total: number;
  scored: () => number;
  sandbox: { flushWebhooks(): Promise<void>; stats(): { webhooks: { pendingEvents: number } } };
  store: Store;
  timeoutMs: number;
  what: string;
  progress: (s: string) => void;
}): Promise<void> {
  await waitFor(
    async () => {
      await opts.sandbox.flushWebhooks();
      const stats = await opts.store.inboxStats();
      const n = opts.scored();
      opts.progress(`scored ${n}/${opts.total}, inbox pending ${stats.pending + stats.processing}`);
      return n === opts.total && stats.pending + stats.processing === 0 && opts.sandbox.stats().webhooks.pendingEvents === 0;
    },
    opts.timeoutMs,
    opts.what,
  ).catch((err: Error) => opts.progress(err.message));
}
