// Crash test: kill -9 `lead-router serve` in the middle of a Pipedrive burst, restart it on the
// same store, and every acknowledged event is processed: every person ends with its values and
// owner. Deliveries that fail while the app is down are retried by the sandbox after 3 s, as
// Pipedrive does (pipedrive.md §1.4); the restarted app keeps its webhooks (same URL and user).
import { WEBHOOK_EVENTS } from '../../connectors/pipedrive/webhooks.ts';
import { afterAll, describe, expect, it } from '@jest/globals';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSqliteStore } from '../../src/store/sqlite/create-sqlite-store.ts';
import { envFor, isScored, samplePersons, sandboxFor, userId, waitUntil, written } from './pipedrive-harness.ts';
import { freePort, startServe } from '../helpers/processes.ts';



const children: ChildProcess[] = [];
afterAll(() => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
});

describe('Pipedrive crash recovery', () => {
  it('writes every person after kill -9 mid-burst and a restart', async () => {
    // Real retry delays (3 s, 30 s, 150 s): deliveries refused during the restart come again.
    const sandbox = sandboxFor({ plan: 'ultimate', timeScale: 1 });
    const { url } = await sandbox.listen(0);
    const dir = mkdtempSync(join(tmpdir(), 'lr-pd-crash-'));
    const port = await freePort();
    const env = envFor(url, port, dir, { PIPEDRIVE_PLAN: 'ultimate' });
    const ready = async () => (await fetch(`http://127.0.0.1:${port}/readyz`).catch(() => null))?.ok === true;

    let app = startServe(env);
    children.push(app);
    await waitUntil(ready, 20_000, 'first start');
    expect(sandbox.webhooks()).toHaveLength(WEBHOOK_EVENTS.length);

    const ids = sandbox.createPersons(samplePersons(300)).map((p) => p['id'] as number);
    const scored = () => ids.filter((id) => isScored(sandbox, id)).length;
    await waitUntil(() => scored() > 20 && sandbox.stats().webhooks.eventsDelivered >= ids.length, 20_000, 'the first write-backs');
    app.kill('SIGKILL');
    await new Promise((r) => app.once('exit', r));
    const before = scored();
    expect(before).toBeLessThan(ids.length); // really mid-burst

    // What the dead process acknowledged is in the store, not yet done.
    const store = createSqliteStore(env.DATABASE_URL!);
    await store.migrate();
    const mid = await store.inboxStats();
    await store.close();
    expect(mid.pending + mid.processing).toBeGreaterThan(0);

    app = startServe(env);
    children.push(app);
    await waitUntil(() => scored() === ids.length, 60_000, 'every person written after the restart');
    const admin = userId(sandbox, 'admin@acme.test');
    for (const id of ids) {
      const w = written(sandbox, id);
      expect(w.priority).toMatch(/^(hot|warm|cold)$/);
      expect(w.ownerId).not.toBe(admin);
    }
    expect(sandbox.webhooks()).toHaveLength(WEBHOOK_EVENTS.length); // kept, not duplicated, by the restarted app
    await waitUntil(ready, 10_000, 'the restarted app to be ready');
    app.kill('SIGTERM');
    await new Promise((r) => app.once('exit', r));
    const end = createSqliteStore(env.DATABASE_URL!);
    const stats = await end.inboxStats();
    await end.close();
    expect(stats).toMatchObject({ failed: 0, pending: 0, processing: 0 });
    await sandbox.close();
  }, 120_000);
});
