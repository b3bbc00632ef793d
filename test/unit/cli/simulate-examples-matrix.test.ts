// Every shipped example config can be simulated with every shipped lead file, and compared
// against every other example: columns a config does not use are noted once, never fatal.
import { describe, expect, it } from '@jest/globals';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { cli, repoRoot } from './run-cli.ts';

const NOW = '2026-03-10T09:00:00Z';
const EXAMPLES = readdirSync(join(repoRoot, 'config/examples'))
  .filter((f) => f.endsWith('.yaml'))
  .sort()
  .map((f) => `config/examples/${f}`);
const LEAD_FILES = readdirSync(join(repoRoot, 'test/fixtures'))
  .filter((f) => /^leads\.(csv|json)$/.test(f))
  .map((f) => `test/fixtures/${f}`);
const LEADS = 41; // both shipped lead files hold the same 41 leads

interface Sim {
  leads: { id: string; owner: string | null; tier: string }[];
  summary: { total: number };
}

describe('shipped examples x shipped lead files', () => {
  it('ships nine examples and two lead files', () => {
    expect(EXAMPLES).toHaveLength(9);
    expect(LEAD_FILES.sort()).toEqual(['test/fixtures/leads.csv', 'test/fixtures/leads.json']);
  });

  describe.each(LEAD_FILES)('%s', (leads) => {
    it.each(EXAMPLES)('simulates %s, noting the unused columns once', async (config) => {
      const r = await cli(['simulate', leads, '--config', config, '--now', NOW, '--format', 'json']);
      expect(r.code).toBe(0);
      const out = JSON.parse(r.stdout) as Sim;
      expect(out.summary.total).toBe(LEADS);
      expect(out.leads.every((l) => typeof l.tier === 'string' && l.tier.length > 0)).toBe(true);
      expect(r.stderr.split('\n').filter(Boolean)).toEqual([expect.stringMatching(new RegExp(`^${leads.replace('.', '\\.')}: ignored \\d+ columns the config does not use: '`))]);
    });

    it.each(EXAMPLES)('compares %s against every other example', async (base) => {
      for (const candidate of EXAMPLES.filter((e) => e !== base)) {
        const r = await cli(['simulate', leads, '--config', base, '--compare', candidate, '--now', NOW, '--format', 'json']);
        expect({ candidate, code: r.code, stderr: r.stderr.split('\n').filter(Boolean).length }).toEqual({ candidate, code: 0, stderr: 1 });
        const out = JSON.parse(r.stdout) as { base: Sim; candidate: Sim; changes: unknown[] };
        expect([out.base.summary.total, out.candidate.summary.total]).toEqual([LEADS, LEADS]);
      }
    });
  });
});
