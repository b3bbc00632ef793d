// Wait until every lead the demo created carries its score in the sandbox CRM, no webhook is
// undelivered and the inbox is drained; report progress on the way. Gives up (reporting why)
// after the timeout: the caller then counts what was not written as lost.
import type { Store } from '../store/types.ts';
import type { StepProgress } from './types.ts';

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
  step: StepProgress;
  note: (s: string) => void;
}): Promise<void> {
  let pending = 0;
  // Also between checks: a check waits for the sandbox to deliver its webhooks, which can take long.
  const tick = setInterval(() => {
    void opts.store.inboxStats().then((s) => {
      pending = s.pending + s.processing;
      opts.step.update(opts.scored(), `inbox ${pending}`);
    }, () => undefined);
  }, 1000);
  await waitFor(
    async () => {
      await opts.sandbox.flushWebhooks();
      const stats = await opts.store.inboxStats();
      const n = opts.scored();
      pending = stats.pending + stats.processing;
      opts.step.update(n, `inbox ${pending}`);
      return n === opts.total && pending === 0 && opts.sandbox.stats().webhooks.pendingEvents === 0;
    },
    opts.timeoutMs,
    opts.what,
  )
    .then(
      () => opts.step.done(`inbox ${pending}`),
      (err: Error) => {
        opts.step.done(`inbox ${pending}`);
        opts.note(err.message);
      },
    )
    .finally(() => clearInterval(tick));
}
