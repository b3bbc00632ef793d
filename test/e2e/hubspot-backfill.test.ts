// `lead-router backfill` and `install-properties` against the sandbox: existing contacts that
// never produced a webhook are scored through the same queue.
import { afterEach, describe, expect, it } from '@jest/globals';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { memoryIo } from '../../src/cli/io.ts';
import { run } from '../../src/cli/program.ts';
import { envFor, sampleContacts, sandboxFor } from './hubspot-harness.ts';

const ROOT = join(import.meta.dirname, '../..');
let cleanup: (() => Promise<void>) | null = null;
afterEach(async () => {
  await cleanup?.();
  cleanup = null;
});

async function cli(args: string[], env: Record<string, string>) {
  const io = memoryIo({ env, cwd: ROOT });
  const code = await run(['node', 'lead-router', ...args], io);
  return { code, out: io.out(), err: io.err() };
}

describe('backfill', () => {
  it('installs properties, counts in a dry run, then scores every existing contact once', async () => {
    const sandbox = sandboxFor();
    const { url } = await sandbox.listen(0);
    cleanup = () => sandbox.close();
    const created = sandbox.createContacts(sampleContacts(150, 900)); // no webhook URL: nobody told us
    const env = envFor(url, sandbox.privateAppToken, mkdtempSync(join(tmpdir(), 'lr-backfill-')));

    const props = await cli(['install-properties', '--crm', 'hubspot'], env);
    expect(props.code).toBe(0);
    expect(props.out).toContain('hubspot:62515: properties ready');

    const dry = await cli(['backfill', '--crm', 'hubspot', '--dry-run'], env);
    expect(dry.code).toBe(0);
    expect(dry.out).toContain('150 hubspot records would be rescored');
    expect(created.every((c) => sandbox.getContact(c.id)?.properties['lead_router_score'] === undefined)).toBe(true);

    const real = await cli(['backfill', '--crm', 'hubspot'], env);
    expect(real.code).toBe(0);
    expect(real.out).toContain('backfill hubspot:62515: 150 queued, 0 failed');
    // Progress on stderr (plain lines: not a terminal): the pages queued, then rows processed / total.
    expect(real.err).toMatch(/^queued {2}150\b/m);
    expect(real.err).toMatch(/^processed {2}0\/150 {2}0%/m);
    expect(real.err).toMatch(/^processed {2}150\/150 {2}100%.* {2}0 left, 0 failed\n$/m);
    expect(created.every((c) => sandbox.getContact(c.id)?.properties['lead_router_score'] !== undefined)).toBe(true);

    // Finished runs resume nothing; --restart runs again without rewriting unchanged values.
    const updates = sandbox.stats().calls['POST /crm/v3/objects/contacts/batch/update'] ?? 0;
    const again = await cli(['backfill', '--crm', 'hubspot'], env);
    expect(again.out).toContain('nothing to queue');
    const restart = await cli(['backfill', '--crm', 'hubspot', '--restart'], env);
    expect(restart.code).toBe(0);
    expect(restart.out).toContain('150 queued');
    expect(sandbox.stats().calls['POST /crm/v3/objects/contacts/batch/update'] ?? 0).toBe(updates);
  }, 60_000);

  it('fails with a clear message for a bad --since', async () => {
    const r = await cli(['backfill', '--crm', 'hubspot', '--since', 'yesterday'], {});
    expect(r.code).toBe(1);
    expect(r.err).toContain('--since must be a date');
  });
});
