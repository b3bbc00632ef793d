// lead-router admin-link: prints one link (stdout only) for the named or the single configured
// tenant; the link is stored hashed and signs in once; bad input names the fix.
import { afterAll, describe, expect, it } from '@jest/globals';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hashSecret } from '../../../src/server/console/tokens.ts';
import { createSqliteStore } from '../../../src/store/sqlite/create-sqlite-store.ts';
import { cli } from './run-cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'lr-admin-link-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const db = join(dir, 'lead-router.db');
const hubspotPrivate = { HUBSPOT_ACCESS_TOKEN: 'pat-x', HUBSPOT_CLIENT_SECRET: 'secret-0123456789', HUBSPOT_PORTAL_ID: '62515', DATABASE_URL: db };

async function consume(url: string, now = Date.now()) {
  const token = new URL(url).searchParams.get('token')!;
  const store = createSqliteStore(db);
  await store.migrate();
  try {
    return await store.consumeAdminLink(hashSecret(token), now);
  } finally {
    await store.close();
  }
}

describe('lead-router admin-link', () => {
  it("prints a one-time link for the configured portal, at PUBLIC_BASE_URL", async () => {
    const run = await cli(['admin-link'], { env: { ...hubspotPrivate, PUBLIC_BASE_URL: 'https://leads.example.test' } });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^https:\/\/leads\.example\.test\/admin\/login\?token=[\w-]{43}\n$/);
    expect(run.stderr).toMatch(/hubspot:62515.*works once/);
    const token = new URL(run.stdout.trim()).searchParams.get('token')!;
    // only its hash is stored (the database file and its write-ahead log)
    const files = [db, `${db}-wal`].filter((f) => existsSync(f)).map((f) => readFileSync(f));
    expect(files.some((f) => f.includes(Buffer.from(hashSecret(token))))).toBe(true);
    expect(files.some((f) => f.includes(Buffer.from(token)))).toBe(false);
    expect(await consume(run.stdout.trim())).toEqual({ status: 'ok', tenant: 'hubspot:62515' });
    expect(await consume(run.stdout.trim())).toEqual({ status: 'used' });
  });

  it('takes --tenant as a key or a bare id, and --base-url', async () => {
    const keyed = await cli(['admin-link', '--tenant', 'pipedrive:13176340', '--base-url', 'http://127.0.0.1:4000'], { env: { DATABASE_URL: db } });
    expect(keyed.stdout).toMatch(/^http:\/\/127\.0\.0\.1:4000\/admin\/login\?token=/);
    expect(await consume(keyed.stdout.trim())).toEqual({ status: 'ok', tenant: 'pipedrive:13176340' });
    const bare = await cli(['admin-link', '--tenant', '777'], { env: hubspotPrivate });
    expect(bare.stdout).toMatch(/^http:\/\/localhost:3000\/admin\/login\?token=/);
    expect(await consume(bare.stdout.trim())).toEqual({ status: 'ok', tenant: 'hubspot:777' });
  });

  it('--as NAME signs the link in as that person (the console shows it, versions name it)', async () => {
    const run = await cli(['admin-link', '--as', ' petr@example.com '], { env: hubspotPrivate });
    expect(run.stderr).toMatch(/hubspot:62515 as petr@example\.com/);
    expect(await consume(run.stdout.trim())).toEqual({ status: 'ok', tenant: 'hubspot:62515', user: { id: 'admin-link', name: 'petr@example.com' } });
  });

  it('links expire after 10 minutes', async () => {
    const run = await cli(['admin-link'], { env: hubspotPrivate });
    expect(await consume(run.stdout.trim(), Date.now() + 10 * 60_000 + 1000)).toEqual({ status: 'expired' });
  });

  it.each([
    [['--tenant', 'salesforce:1'], /not hubspot:<portal id> or pipedrive:<company id>/],
    [['--tenant', '5', '--crm', 'zoho'], /--crm must be hubspot or pipedrive/],
    [[], /no CRM configured: pass --tenant/],
    [['--tenant', 'hubspot:1', '--base-url', 'not a url'], /--base-url must be a URL/],
    [['--tenant', 'hubspot:1', '--as', '  '], /--as must be a name or e-mail address of 1 to 100 printable characters/],
    [['--tenant', 'hubspot:1', '--as', 'a\nb'], /--as must be a name/],
  ])('refuses %j with exit 1 and the fix', async (args, message) => {
    const run = await cli(['admin-link', ...args], { env: { DATABASE_URL: db } });
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(message);
  });
});
