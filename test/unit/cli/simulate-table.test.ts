// simulate's table must keep the explanation readable: every reason and the whole rule, never
// cut with "…"; and it must say when the time came from the wall clock (no --now).
import { describe, expect, it } from '@jest/globals';
import { renderTable, wrapText } from '../../../src/cli/format/text-table.ts';
import type { SimulationResult } from '../../../src/simulate/types.ts';
import { cli } from './run-cli.ts';

const NOW = '2026-03-10T09:00:00Z';
const WALL = 'Time: the wall clock (no --now given); decay, working hours and out of office depend on it.';

/** The table's text for one lead: its row and the indented lines under it, joined. */
function block(stdout: string, id: string): string[] {
  const lines = stdout.split('\n');
  const start = lines.findIndex((l) => l.startsWith(`${id} `));
  const end = lines.findIndex((l, i) => i > start && (l === '' || /^\S/.test(l)));
  return lines.slice(start, end);
}

describe('simulate table', () => {
  it('prints every lead\'s score reasons in full under its row, within 100 columns', async () => {
    const json = JSON.parse((await cli(['simulate', 'test/fixtures/leads.csv', '--now', NOW, '--format', 'json'])).stdout) as SimulationResult;
    const { code, stdout } = await cli(['simulate', 'test/fixtures/leads.csv', '--now', NOW]);
    expect(code).toBe(0);
    expect(stdout).not.toContain('…');
    expect(Math.max(...stdout.split('\n').map((l) => l.length))).toBeLessThanOrEqual(100);
    for (const lead of json.leads) {
      const [row, ...detail] = block(stdout, lead.id);
      expect(row).toContain(lead.rule ?? `(${lead.target.replace('_', ' ')})`);
      const reasons = lead.reasons.slice(0, lead.reasons.lastIndexOf(' -> '));
      expect(detail.every((l) => l.startsWith('    '))).toBe(true);
      expect(detail.map((l) => l.trim()).join(' ')).toBe(reasons.replace(/\s+/g, ' '));
    }
    // a long one really wraps (more than one detail line), at the ", " between reasons
    const l001 = block(stdout, 'L001').slice(1);
    expect(l001.length).toBeGreaterThan(1);
    expect(l001[0]).toMatch(/,$/);
  });

  it('says the wall clock was used when --now is not given, not when it is', async () => {
    const wall = await cli(['simulate', 'test/fixtures/leads.csv']);
    expect(wall.stdout.split('\n')[1]).toBe(WALL);
    const fixed = await cli(['simulate', 'test/fixtures/leads.csv', '--now', NOW]);
    expect(fixed.stdout).not.toContain('wall clock');
  });

  it('--compare without --now says so in its header; the rules are not cut', async () => {
    const wall = await cli(['simulate', 'test/fixtures/leads.csv', '--compare', 'config/examples/score-seniority.yaml']);
    expect(wall.code).toBe(0);
    const lines = wall.stdout.split('\n');
    expect(lines[0]).toMatch(/^Compared config\/lead-router\.yaml \(base\) with .* at \S+: \d+ changed$/);
    expect(lines[1]).toBe(WALL);
    expect(wall.stdout).not.toContain('…');
    expect(wall.stdout).toContain('disqualified-to-nurture');
    const fixed = await cli(['simulate', 'test/fixtures/leads.csv', '--now', NOW, '--compare', 'config/examples/score-seniority.yaml']);
    expect(fixed.stdout).not.toContain('wall clock');
  });
});

describe('wrapText / renderTable', () => {
  it('keeps comma-separated items whole, breaks a long item at spaces and a long word anywhere', () => {
    expect(wrapText('+30 size 1000+, +25 C-level, -15 free mail', 16)).toEqual(['+30 size 1000+,', '+25 C-level,', '-15 free mail']);
    expect(wrapText('one two three four five', 9)).toEqual(['one two', 'three', 'four five']);
    expect(wrapText('abcdefghij', 4)).toEqual(['abcd', 'efgh', 'ij']);
    expect(wrapText('', 10)).toEqual(['']);
  });

  it('wrap columns continue on the next lines; other columns are blank there', () => {
    const out = renderTable([{ a: 'x', b: 'alpha beta gamma' }], [
      { header: 'A', value: (r) => r.a },
      { header: 'B', value: (r) => r.b, max: 10, wrap: true },
    ]);
    expect(out.split('\n')).toEqual(['A  B', 'x  alpha beta', '   gamma']);
  });
});
