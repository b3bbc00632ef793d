// Failover on PostgreSQL: three `lead-router serve` processes on one database behind one port,
// one HubSpot portal in the sandbox with a tight rate limit. Mid-burst the process holding the
// most claimed events is killed with SIGKILL; the other two take over its claimed rows when
// their lease expires and keep the portal's one rate limit between them: every contact ends
// written with its final values, and the sandbox counts 0 429s.
import { afterAll, describe, expect, it } from '@jest/globals';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { loadConfig } from '../../src/config/load.ts';
import { CONFIG, envFor, sampleContacts, sandboxFor, waitUntil } from './hubspot-harness.ts';
import { freePort, startServe } from '../helpers/processes.ts';
import { POSTGRES_URL, databaseUrl, dropSchemas, freshSchema } from '../helpers/postgres.ts';
import { startRoundRobinProxy } from '../../scripts/bench/scale/round-robin-proxy.ts';

const props = loadConfig(CONFIG).config.writeBack.properties;
const CONTACTS = 600;
const LEASE_MS = 10_000;

const children: ChildProcess[] = [];
afterAll(async () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  await dropSchemas();
});

describe('failover: 3 processes on PostgreSQL, kill -9 one mid-burst', () => {
  it('loses nothing, writes every lead with its final values, and stays under the shared rate limit', async () => {
    const schema = freshSchema('lr_failover');
    const db = new pg.Client({ connectionString: POSTGRES_URL });
    await db.connect();
    // The portal allows 33 calls per rolling 10 s; each process plans for 30 (10% headroom), so
    // three unshared schedulers could send 90 in one window.
    const sandbox = sandboxFor({ rateLimit: { max: 33, intervalMs: 10_000 } });
    const { url } = await sandbox.listen(0);
    const dir = mkdtempSync(join(tmpdir(), 'lr-failover-'));
    const ports = await Promise.all([freePort(), freePort(), freePort()]);
    const live = new Map<number, ChildProcess>();
    const proxy = await startRoundRobinProxy(() => [...live.keys()].map((p) => `http://127.0.0.1:${p}`));
    try {
      for (const port of ports) {
        const env = envFor(url, sandbox.privateAppToken, dir, {
          PORT: String(port),
          DATABASE_URL: databaseUrl(schema),
          PUBLIC_BASE_URL: proxy.url,
          HUBSPOT_RATE_LIMIT: '30',
          INBOX_LEASE_MS: String(LEASE_MS),
          PGAPPNAME: `lead-router-${port}`, // node-postgres names its connections after it
        });
        const child = startServe(env);
        children.push(child);
        live.set(port, child);
      }
      for (const port of ports) {
        await waitUntil(async () => (await fetch(`http://127.0.0.1:${port}/readyz`).catch(() => null))?.ok === true, 90_000, `process on ${port} ready`);
      }
      sandbox.setWebhookUrl(`${proxy.url}/webhooks/hubspot`);

      const created = sandbox.createContacts(sampleContacts(CONTACTS));
      const scored = () => created.filter((c) => sandbox.getContact(c.id)?.properties[props.score] !== undefined).length;
      await waitUntil(() => scored() > 0, 60_000, 'the first write-backs');

      // The victim: the live process holding the most claimed (processing) rows right now.
      let victim: { port: number; worker: string } | undefined;
      await waitUntil(async () => {
        const { rows } = await db.query<{ worker: string }>(
          `SELECT worker FROM "${schema}".inbox WHERE status = 'processing' GROUP BY worker ORDER BY count(*) DESC`,
        );
        for (const r of rows) {
          const port = [...live.keys()].find((p) => r.worker.includes(`-${live.get(p)!.pid}-`));
          if (port !== undefined) {
            victim = { port, worker: r.worker };
            return true;
          }
        }
        return false;
      }, 30_000, 'a process holding claimed rows');
      const connectionsOf = async (port: number) =>
        (await db.query(`SELECT pid FROM pg_stat_activity WHERE application_name = $1`, [`lead-router-${port}`])).rows.length;
      expect(await connectionsOf(victim!.port)).toBeGreaterThan(0);
      const dead = live.get(victim!.port)!;
      live.delete(victim!.port);
      dead.kill('SIGKILL');
      await new Promise((r) => dead.once('exit', r));
      expect(scored()).toBeLessThan(created.length); // really mid-burst
      // What it held when it died: claimed, not done; nobody else may touch them before the lease
      // ends. A statement the process had already sent may still commit after its exit, so look
      // once the server has dropped its connections.
      await waitUntil(async () => (await connectionsOf(victim!.port)) === 0, 10_000, "the server dropping the dead process's connections");
      const { rows: orphaned } = await db.query<{ id: string }>(`SELECT id FROM "${schema}".inbox WHERE status = 'processing' AND worker = $1`, [victim!.worker]);
      expect(orphaned.length).toBeGreaterThan(0);

      // After the kill the students become CFOs: the survivors must write the final values.
      const promoted = created.filter((_, i) => i % 5 === 2);
      for (const c of promoted) sandbox.updateContact(c.id, { jobtitle: 'CFO' });
      const isFinal = (id: string) => {
        const p = sandbox.getContact(id)?.properties ?? {};
        return p[props.score] !== undefined && String(p[props.reasons]).includes('C-level') && !String(p[props.reasons]).includes('student');
      };
      await waitUntil(() => scored() === created.length && promoted.every((c) => isFinal(c.id)), 120_000, 'every contact written with its final values');
      await sandbox.flushWebhooks();
      await waitUntil(async () => {
        const { rows } = await db.query<{ open: string }>(`SELECT count(*) AS open FROM "${schema}".inbox WHERE status IN ('pending', 'processing')`);
        return Number(rows[0]!.open) === 0;
      }, 60_000, 'the inbox drained');
      // One rate limit for the portal across all three processes, the dead one included.
      expect(sandbox.stats().rateLimited).toBe(0);

      for (const c of created) {
        const p = sandbox.getContact(c.id)!.properties;
        expect(p[props.priority]).toMatch(/^(hot|warm|cold)$/);
        expect(p['hubspot_owner_id']).toBeDefined();
      }
      // The dead process's claimed rows were finished by the survivors. (Not always under their
      // own claim: a survivor whose lease ran out while it waited for the rate limit may finish
      // a row the dead process had claimed again: leases are not renewed yet. Processing is
      // idempotent, so the values stay right; it costs calls.)
      const ids = orphaned.map((r) => Number(r.id));
      const { rows: taken } = await db.query<{ status: string }>(`SELECT status FROM "${schema}".inbox WHERE id = ANY($1)`, [ids]);
      expect(taken.map((r) => r.status)).toEqual(ids.map(() => 'done'));
      const { rows: failed } = await db.query(`SELECT id FROM "${schema}".inbox WHERE status = 'failed'`);
      expect(failed).toEqual([]);
    } finally {
      for (const c of live.values()) c.kill('SIGTERM');
      await Promise.all([...live.values()].map((c) => (c.exitCode === null ? new Promise((r) => c.once('exit', r)) : null)));
      await proxy.close();
      await sandbox.close();
      await db.end();
    }
  }, 240_000);
});
