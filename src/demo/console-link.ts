// The demo's last lines: a one-time admin console link for the demo tenant. With `--serve` the
// link points at the app still running; without it, at `lead-router serve` (port 3000 unless
// PORT says otherwise) started on the demo's store, and the command to do so is printed with it.
import { issueAdminLink } from '../server/console/admin-link.ts';
import { createStore } from '../store/create-store.ts';
import type { DemoRun } from './types.ts';

export async function demoConsoleLink(run: DemoRun, opts: { databaseUrl: string; storeLabel: string; port: number; now: number }): Promise<string> {
  if (run.served) {
    const link = await issueAdminLink({ store: run.served.store, now: opts.now }, run.tenant, run.served.url);
    return `console (${run.tenant}, one-time link, 10 minutes): ${link.url}\n`;
  }
  const store = createStore(opts.databaseUrl);
  try {
    await store.migrate();
    const link = await issueAdminLink({ store, now: opts.now }, run.tenant, `http://localhost:${opts.port}`);
    return (
      `console (${run.tenant}, one-time link, 10 minutes): ${link.url}\n` +
      `  it opens once lead-router serves the demo's store: DATABASE_URL=${opts.storeLabel} npm start\n` +
      '  (or run `npm run demo -- --serve` to keep the demo app and sandboxes running)\n'
    );
  } finally {
    await store.close();
  }
}
