// Test helpers for end-to-end tests that run the real `lead-router serve` as a child process.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';

export const ROOT = join(import.meta.dirname, '../..');

/** A port nobody listens on right now (the app's public URL must be known before it starts). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

/** `node src/cli/bin.ts serve` on Node 24 with exactly this environment (quiet logs). */
export function startServe(env: Record<string, string>): ChildProcess {
  return spawn(join(ROOT, 'node_modules/.bin/node'), ['src/cli/bin.ts', 'serve'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', ...env, LOG_LEVEL: 'error' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
}
