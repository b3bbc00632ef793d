import { describe, expect, it } from '@jest/globals';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseSince } from '../../../src/cli/commands/preview.ts';
import { cli } from './run-cli.ts';

const NOW = Date.parse('2026-11-23T10:00:00Z');

describe('lead-router preview', () => {
  it('reads --since as a duration back from now or an ISO time', () => {
    expect(parseSince('30d', NOW)).toBe(NOW - 30 * 86_400_000);
    expect(parseSince('12h', NOW)).toBe(NOW - 12 * 3_600_000);
    expect(parseSince('2w', NOW)).toBe(NOW - 14 * 86_400_000);
    expect(parseSince('2026-11-01', NOW)).toBe(Date.parse('2026-11-01T00:00:00Z'));
    expect(() => parseSince('last week', NOW)).toThrow(/expected a duration such as 30d, 12h, 2w, or an ISO time/);
  });

  it('explains a missing tenant instead of previewing nothing', async () => {
    const db = join(mkdtempSync(join(tmpdir(), 'lr-preview-cli-')), 'x.db');
    const r = await cli(['preview'], { env: { DATABASE_URL: db } });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^no tenant known: install the app, or set HUBSPOT_PORTAL_ID/);
    const unknown = await cli(['preview', '--tenant', 'hubspot:5'], { env: { DATABASE_URL: db } });
    expect(unknown.stderr).toMatch(/^unknown tenant "hubspot:5": no tenant is installed/);
  });
});
