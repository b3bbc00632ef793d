// Crash test: kill -9 the app in the middle of a burst, restart it on the same store, and
// every acknowledged event is processed: every contact ends with its final values.
import { afterAll, describe, expect, it } from '@jest/globals';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config/load.ts';
import { createSqliteStore } from '../../src/store/sqlite/create-sqlite-store.ts';
import { CONFIG, envFor, sampleContacts, sandboxFor, waitUntil } from './hubspot-harness.ts';
import { freePort, startServe } from '../helpers/processes.ts';

const props = loadConfig(CONFIG).config.writeBack.properties;



const children: ChildProcess[] = [];
afterAll(() => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
});

describe('crash recovery', () => {
  it('processes every acknowledged event after kill -9 mid-burst', async () => {
    const sandbox = sandboxFor({ rateLimit: { max: 110, intervalMs: 10_000 } });
    const { url } = await sandbox.listen(0);
    const dir = mkdtempSync(join(tmpdir(), 'lr-crash-'));
    const port = await freePort();
    const env = envFor(url, sandbox.privateAppToken, dir, { PORT: String(port) });
    sandbox.setWebhookUrl(`http://127.0.0.1:${port}/webhooks/hubspot`);

    let app = startServe(env);
    children.push(app);
    await waitUntil(async () => (await fetch(`http://127.0.0.1:${port}/readyz`).catch(() => null))?.ok === true, 20_000, 'first start');

    const created = sandbox.createContacts(sampleContacts(400));
    const scored = () => created.filter((c) => sandbox.getContact(c.id)?.properties[props.score] !== undefined).length;
    await waitUntil(() => scored() > 0, 20_000, 'the first write-backs');
    app.kill('SIGKILL');
    await new Promise((r) => app.once('exit', r));
    const before = scored();
    expect(before).toBeLessThan(created.length); // really mid-burst

    // What the dead process acknowledged is in the store, not yet done.
    const store = createSqliteStore(env.DATABASE_URL!);
    await store.migrate();
    const mid = await store.inboxStats();
    await store.close();
    expect(mid.pending + mid.processing).toBeGreaterThan(0);

    app = startServe(env);
    children.push(app);
    // Rows the dead process had claimed come back when their lease expires; the default lease is
    // 5 minutes, so here the restart must at least finish everything that was still pending.
    await waitUntil(() => scored() === created.length, 60_000, 'every contact written after restart');
    for (const c of created) {
      const p = sandbox.getContact(c.id)!.properties;
      expect(p[props.priority]).toMatch(/^(hot|warm|cold)$/);
      expect(p['hubspot_owner_id']).toBeDefined();
    }
    app.kill('SIGTERM');
    await new Promise((r) => app.once('exit', r));
    await sandbox.close();
  }, 120_000);
});
