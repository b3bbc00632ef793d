// `lead-router demo --crm pipedrive`: the app + the Pipedrive sandbox end to end through the CLI.
import { describe, expect, it } from '@jest/globals';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli } from '../unit/cli/run-cli.ts';
import { CONFIG } from './pipedrive-harness.ts';

describe('lead-router demo --crm pipedrive', () => {
  it('scores, routes and writes back every sample person, and routes the Leads-Inbox leads', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'lr-pd-demo-'));
    const r = await cli(['--config', CONFIG, 'demo', '--crm', 'pipedrive', '--leads', '40', '--show', '3', '--timeout', '60'], { cwd });
    expect(r.stderr).not.toContain('timed out');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('== pipedrive: 40 leads through Basic-auth v2 webhooks');
    expect(r.stdout).toMatch(/api calls: \d+ \([\d.]+ per lead, \d+ tokens, [\d.]+ tokens per lead\), rate-limited \(429\): 0/);
    expect(r.stdout).toContain('leads inbox: 4/4 leads given their person\'s routed owner');
    expect(r.stdout).toMatch(/demo: 40 leads, 40 assigned, \d+ api calls, 0 rate-limited, 0 lost\n$/);
    // Not silent while it waits (plain lines, not a terminal): leads written / total, and the end state.
    expect(r.stderr).toMatch(/^pipedrive: persons written {2}\d+\/40 {2}\d+%/m);
    expect(r.stderr).toMatch(/^pipedrive: persons written {2}40\/40 {2}100%.* {2}inbox 0$/m);
    // Why API calls can differ between runs with one seed, right above the summary line.
    expect(r.stdout).toMatch(/the API-call count can differ a little between runs:\n.*\n.*\ndemo: 40 leads/);
  }, 90_000);
});
