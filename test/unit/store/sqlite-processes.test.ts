// Several OS processes on one SQLite file: BEGIN IMMEDIATE must serialize routing (no lost
// rotation update) and claims (no row claimed twice), the way it would for `lead-router serve`
// and a `lead-router backfill` running side by side.
import { afterAll, describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { createSqliteStore } from '../../../src/store/sqlite/create-sqlite-store.ts';
import { T0, inboxEvent } from './fixtures.ts';

const run = promisify(execFile);
const WORKER = fileURLToPath(new URL('./helpers/sqlite-worker.ts', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'lead-router-procs-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function spawnWorkers(path: string, mode: 'route' | 'claim', count: number, n: number): Promise<number[][]> {
  const outputs = await Promise.all(
    Array.from({ length: n }, (_, i) => run(process.execPath, [WORKER, path, mode, String(count), `p${i}`], { env: { ...process.env, NODE_OPTIONS: '' } })),
  );
  return outputs.map((o) => JSON.parse(o.stdout) as number[]);
}

describe('sqlite shared by several processes', () => {
  it('routes without losing a rotation update: 3 processes x 20 calls end at pointer 60', async () => {
    const path = join(dir, 'route.db');
    const results = await spawnWorkers(path, 'route', 20, 3);
    expect(results.flat().sort((a, b) => a - b)).toEqual(Array.from({ length: 60 }, (_, i) => i));
    const store = createSqliteStore(path);
    const pointer = await store.routeAtomically('hubspot:1', 'probe', [], ['sales'], ({ state }) => ({ result: state.rotations.sales }));
    expect(pointer).toEqual({ virtualTime: 59, pointers: { 'anna@x.test': 60 } });
    await store.close();
  });

  it('never hands one inbox row to two processes', async () => {
    const path = join(dir, 'claim.db');
    const store = createSqliteStore(path);
    await store.migrate();
    await store.inboxAppend(Array.from({ length: 300 }, (_, i) => inboxEvent({ dedupeKey: `e${i}`, occurredAt: T0 + (i % 7) })), 0);
    await store.close();
    const claimed = (await spawnWorkers(path, 'claim', 10, 3)).flat();
    expect(claimed.length).toBe(300);
    expect(new Set(claimed).size).toBe(300);
  });
});
