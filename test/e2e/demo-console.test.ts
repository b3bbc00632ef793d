// The two-command start reaches the console: `lead-router demo` ends with a one-time console
// link for the demo tenant, and `demo --serve` keeps the app and the sandbox running (the link
// signs in, the console lists what was just routed) until Ctrl-C, which stops them cleanly.
import { describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readEnv } from '../../src/env.ts';
import { createSilentLogger } from '../../src/logger.ts';
import { startApp } from '../../src/main.ts';
import { cli, repoRoot } from '../unit/cli/run-cli.ts';
import { CONFIG } from './pipedrive-harness.ts';

const LINK = /console \((pipedrive:\d+), one-time link, 10 minutes\): (\S+)/;

async function signIn(link: string): Promise<{ base: string; cookie: string }> {
  const res = await fetch(link, { redirect: 'manual' });
  expect(res.status).toBe(303);
  return { base: new URL(link).origin, cookie: res.headers.get('set-cookie')!.split(';')[0]! };
}

describe('lead-router demo and the console', () => {
  it('prints a console link that opens on `npm start` with the demo store', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'lr-demo-link-'));
    const r = await cli(['--config', CONFIG, 'demo', '--crm', 'pipedrive', '--leads', '8', '--show', '1', '--timeout', '60'], { cwd });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/demo: 8 leads, 8 assigned, \d+ api calls, 0 rate-limited, 0 lost\n$/); // still stdout's last line
    const [, tenant, link] = LINK.exec(r.stderr)!;
    expect(tenant).toBe('pipedrive:8087566');
    expect(link).toMatch(/^http:\/\/localhost:3000\/admin\/login\?token=/);
    expect(r.stderr).toContain('DATABASE_URL=data/demo-pipedrive.db npm start');
    // what `npm start` does with that store (on a free port instead of 3000)
    const app = await startApp({ env: readEnv({ DATABASE_URL: join(cwd, 'data/demo-pipedrive.db'), LEAD_ROUTER_CONFIG: CONFIG }), port: 0, host: '127.0.0.1', logger: createSilentLogger() });
    try {
      const { cookie } = await signIn(link!.replace('http://localhost:3000', app.url));
      const decisions = (await (await fetch(`${app.url}/admin/api/decisions`, { headers: { cookie } })).json()) as { items: unknown[] };
      expect(decisions.items.length).toBeGreaterThanOrEqual(8);
    } finally {
      await app.close();
    }
  }, 120_000);

  it('--serve keeps the app running for the console until Ctrl-C, then stops cleanly', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'lr-demo-serve-'));
    const child = spawn(join(repoRoot, 'node_modules/.bin/node'), [join(repoRoot, 'src/cli/bin.ts'), '--config', CONFIG, 'demo', '--crm', 'pipedrive', '--leads', '8', '--show', '1', '--timeout', '60', '--serve'], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    // Serving once stderr says so and stdout has the report: the child writes the report first,
    // but two pipes are read independently, so stderr's chunk may be handled before stdout's.
    const serving = new Promise<void>((resolve, reject) => {
      const check = () => stderr.includes('Ctrl-C stops them.') && /demo: \d+ leads/.test(stdout) && resolve();
      child.stdout.on('data', (d: Buffer) => ((stdout += d.toString()), check()));
      child.stderr.on('data', (d: Buffer) => ((stderr += d.toString()), check()));
      child.on('exit', (code) => reject(new Error(`demo exited early (${code}): ${stderr}`)));
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      await serving;
      expect(stdout).toMatch(/demo: 8 leads, 8 assigned/);
      const [, tenant, link] = LINK.exec(stderr)!;
      expect(link).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/admin\/login\?token=/);
      const { base, cookie } = await signIn(link!);
      const session = (await (await fetch(`${base}/admin/api/session`, { headers: { cookie } })).json()) as { tenant: string };
      expect(session.tenant).toBe(tenant);
      const decisions = (await (await fetch(`${base}/admin/api/decisions`, { headers: { cookie } })).json()) as { items: unknown[] };
      expect(decisions.items.length).toBeGreaterThanOrEqual(8);
      expect((await fetch(`${base}/admin/api/team`, { headers: { cookie } })).status).toBe(200);
      child.kill('SIGINT');
      expect(await exited).toBe(0);
      expect(stderr).toMatch(/SIGINT: stopping the demo apps and sandboxes\ndemo stopped\n$/);
      await expect(fetch(`${base}/healthz`)).rejects.toThrow(); // nothing listens any more
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  }, 120_000);
});
