import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { generateLeads, leadsToJson, DEFAULT_OWNERS } from '../../../scripts/generate-leads.ts';
import { LEAD_CSV_COLUMNS } from '../../../src/cli/format/simulation.ts';
import type { Comparison, SimulationResult } from '../../../src/simulate/types.ts';
import { cli, repoRoot } from './run-cli.ts';

const NOW = '2026-03-10T09:00:00Z';
const dir = mkdtempSync(join(tmpdir(), 'lr-simulate-'));
const defaultText = readFileSync(join(repoRoot, 'config/lead-router.yaml'), 'utf8');

describe('lead-router simulate', () => {
  it('json: documented field names and the real outcomes', async () => {
    const { code, stdout, stderr } = await cli(['simulate', 'test/fixtures/leads.csv', '--now', NOW, '--format', 'json']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const result = JSON.parse(stdout) as SimulationResult;
    expect(Object.keys(result)).toEqual(['config', 'now', 'leads', 'summary']);
    expect(result.config).toBe('config/lead-router.yaml');
    expect(result.now).toBe('2026-03-10T09:00:00.000Z');
    expect(Object.keys(result.leads[0]!)).toEqual([...LEAD_CSV_COLUMNS]);
    expect(Object.keys(result.summary)).toEqual(['total', 'owners', 'tiers']);
    const l = (id: string) => result.leads.find((x) => x.id === id)!;
    expect(l('L011')).toMatchObject({ owner: 'eva.svobodova@example.com', rule: 'urgent-escalation' });
    expect(l('L002')).toMatchObject({ team: 'cz-sales', rule: 'czech-republic' });
    expect(l('L003')).toMatchObject({ tier: 'cold', grade: 'C3' });
    expect(result.summary.tiers.hot).toEqual({ count: result.leads.filter((x) => x.tier === 'hot').length, percent: expect.any(Number) });
  });

  it('table: aligned, at most 100 columns, with owner and tier summaries', async () => {
    const { code, stdout } = await cli(['simulate', 'test/fixtures/leads.json', '--now', NOW]);
    expect(code).toBe(0);
    const lines = stdout.split('\n');
    expect(lines[0]).toBe('Simulated 41 leads with config/lead-router.yaml at 2026-03-10T09:00:00.000Z');
    expect(Math.max(...lines.map((x) => x.length))).toBeLessThanOrEqual(100);
    const header = lines[2]!;
    expect(header).toMatch(/^ID\s+SCORE\s+FIT\s+ENG\s+TIER\s+GRADE\s+OWNER\s+RULE$/);
    expect(lines[3]).toBe('    REASONS');
    const row = lines.find((x) => x.startsWith('L011 '))!;
    expect(row).toMatch(/\bwarm\b.*\beva\.svobodova\b.*\burgent-escalation\b/);
    // columns line up: OWNER starts at the same offset in the header and every row
    const ownerAt = header.indexOf('OWNER');
    expect(row.slice(ownerAt, ownerAt + 13)).toBe('eva.svobodova');
    expect(stdout).toMatch(/^OWNER \(@example\.com\)\s+LEADS\s+SHARE$/m);
    expect(stdout).toMatch(/^TIER\s+LEADS\s+SHARE$/m);
    expect(stdout).toMatch(/^hot\s+\d+\s+\d+\.\d%$/m);
  });

  it('csv: one row per lead with the same columns as the JSON leads', async () => {
    const { code, stdout } = await cli(['simulate', 'test/fixtures/leads.csv', '--now', NOW, '--format', 'csv']);
    expect(code).toBe(0);
    const rows = parse(stdout, { columns: true }) as Record<string, string>[];
    expect(Object.keys(rows[0]!)).toEqual([...LEAD_CSV_COLUMNS]);
    expect(rows).toHaveLength(41);
    const cfo = rows.find((r) => r.id === 'L001')!;
    expect(cfo).toMatchObject({ owner: 'eva.svobodova@example.com', rule: 'urgent-escalation', tier: 'hot', target: 'owner', team: '' });
    expect(Number(cfo.score)).toBeCloseTo(Number(cfo.fit) + Number(cfo.engagement), 2);
    // reasons start with "+30 ...": protected from spreadsheet formula evaluation
    expect(cfo.reasons).toMatch(/^'\+30 company size 1000\+/);
  });

  it('--compare: exactly the changed leads, and the summary deltas', async () => {
    const candidate = join(dir, 'candidate.yaml');
    // Candidate: pharma leads go to Anna directly instead of the least-loaded pharma team.
    writeFileSync(candidate, defaultText.replace('assign: { team: pharma }', 'assign: { owner: anna.berg@example.com }'));
    const base = JSON.parse((await cli(['simulate', 'test/fixtures/leads.csv', '--now', NOW, '--format', 'json'])).stdout) as SimulationResult;
    const changedIds = base.leads.filter((l) => l.rule === 'pharma-vertical' && l.owner !== 'anna.berg@example.com').map((l) => l.id);
    expect(changedIds.length).toBeGreaterThan(0);

    const json = await cli(['simulate', 'test/fixtures/leads.csv', '--now', NOW, '--format', 'json', '--compare', candidate]);
    expect(json.code).toBe(0);
    const c = JSON.parse(json.stdout) as Comparison;
    expect(Object.keys(c)).toEqual(['base', 'candidate', 'changes', 'deltas']);
    expect(c.base).toEqual(base);
    expect(c.candidate.config).toBe(candidate);
    expect(c.changes.map((ch) => ch.id)).toEqual(changedIds);
    expect(c.changes.every((ch) => ch.changed.join() === 'owner' && ch.candidate.owner === 'anna.berg@example.com')).toBe(true);
    expect(c.deltas.owners['anna.berg@example.com']!.delta).toBe(changedIds.length);
    expect(c.deltas.owners['lena.huber@example.com']!.delta).toBe(-changedIds.length);

    const table = await cli(['simulate', 'test/fixtures/leads.csv', '--now', NOW, '--compare', candidate]);
    expect(table.code).toBe(0);
    expect(table.stdout).toContain(`(candidate) on 41 leads at 2026-03-10T09:00:00.000Z: ${changedIds.length} changed`);
    for (const id of changedIds) expect(table.stdout).toMatch(new RegExp(`^${id}\\s+owner\\s+lena\\.huber -> anna\\.berg`, 'm'));
    expect(table.stdout).toMatch(/^anna\.berg\s+\d+\s+\d+\s+\+\d+$/m);

    const csv = await cli(['simulate', 'test/fixtures/leads.csv', '--now', NOW, '--format', 'csv', '--compare', candidate]);
    const rows = parse(csv.stdout, { columns: true }) as Record<string, string>[];
    expect(rows.map((r) => r.id)).toEqual(changedIds);
    expect(rows[0]).toMatchObject({ changed: 'owner', base_owner: 'lena.huber@example.com', candidate_owner: 'anna.berg@example.com' });
  });

  it('--compare with identical configs reports no changes', async () => {
    const { stdout } = await cli(['simulate', 'test/fixtures/leads.csv', '--now', NOW, '--compare', 'config/lead-router.yaml']);
    expect(stdout).toContain(': 0 changed');
    expect(stdout).toContain('No lead changes owner, tier or rule.');
  });

  it('input errors exit 1 with the file, line and column, no stack trace', async () => {
    const file = join(dir, 'bad.csv');
    writeFileSync(file, 'id,employees,colour,jobtitle\nA1,10,red,CFO\n');
    const unknown = await cli(['simulate', file]);
    expect(unknown.code).toBe(0);
    expect(unknown.stderr).toMatch(/bad\.csv: ignored 2 columns the config does not use: 'colour', 'jobtitle' \(a typo\? did you mean: jobtitle -> job_title\); the config reads/);
    writeFileSync(file, 'id,employees\nA1,10\nA2,lots\n');
    const value = await cli(['simulate', file]);
    expect(value.code).toBe(1);
    expect(value.stderr).toMatch(/bad\.csv: line 3, column employees: expected a number, got 'lots'\n$/);
    const missing = await cli(['simulate', 'no/such/leads.csv']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe('no/such/leads.csv: file not found; pass a .csv or .json lead file\n');
    for (const r of [unknown, value, missing]) expect(r.stderr).not.toMatch(/^\s+at /m);
  });

  it('a broken --compare config fails with its issues', async () => {
    const candidate = join(dir, 'broken.yaml');
    writeFileSync(candidate, defaultText.replace('strategy: least_loaded', 'strategy: least-loaded'));
    const { code, stderr } = await cli(['simulate', 'test/fixtures/leads.csv', '--compare', candidate]);
    expect(code).toBe(1);
    expect(stderr).toMatch(/teams\[2\]\.strategy: invalid value 'least-loaded' \(hint: did you mean 'least_loaded'\?/);
  });

  it('progress on stderr every 10k leads only in a terminal', async () => {
    const file = join(dir, 'many.json');
    writeFileSync(file, leadsToJson(generateLeads({ count: 10_000, seed: 3, now: Date.parse(NOW), owners: DEFAULT_OWNERS })));
    const tty = await cli(['simulate', file, '--now', NOW, '--format', 'csv'], { isTTY: true });
    expect(tty.code).toBe(0);
    expect(tty.stderr).toBe('base: 10000/10000 leads\n');
    const piped = await cli(['simulate', file, '--now', NOW, '--format', 'csv'], { isTTY: false });
    expect(piped.stderr).toBe('');
    expect(piped.stdout).toBe(tty.stdout);
  });

  it('--help documents the formats, JSON names and examples', async () => {
    const { code, stdout } = await cli(['simulate', '--help']);
    expect(code).toBe(0);
    expect(stdout).toContain('--format <format>');
    expect(stdout).toContain('--compare <other.yaml>');
    expect(stdout).toContain('Examples:');
    expect(stdout).toContain('summary: { total, owners');
  });
});
