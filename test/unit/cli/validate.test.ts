import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../../src/config/load.ts';
import { summarizeConfig } from '../../../src/config/summarize-config.ts';
import { cli, repoRoot } from './run-cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'lr-validate-'));
const defaultText = readFileSync(join(repoRoot, 'config/lead-router.yaml'), 'utf8');

describe('lead-router validate', () => {
  it('validates the default config and prints the counts', async () => {
    const s = summarizeConfig(loadConfig(join(repoRoot, 'config/lead-router.yaml')).config);
    const { code, stdout, stderr } = await cli(['validate']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toBe(
      `config/lead-router.yaml: OK (${s.owners} owners, ${s.teams} teams, ${s.rules} rules; ${s.fitRules} fit rules, ${s.engagementRules} engagement rules)\n`,
    );
  });

  it('takes the file from the argument, else --config, else LEAD_ROUTER_CONFIG', async () => {
    const env = { LEAD_ROUTER_CONFIG: 'config/examples/sla.yaml' };
    expect((await cli(['validate'], { env })).stdout).toMatch(/^config\/examples\/sla\.yaml: OK \(4 owners, 1 team, 2 rules; 1 fit rule, 2 engagement rules\)/);
    expect((await cli(['--config', 'config/examples/vertical-teams.yaml', 'validate'], { env })).stdout).toMatch(/^config\/examples\/vertical-teams\.yaml: OK/);
    expect((await cli(['validate', '--config', 'config/examples/vertical-teams.yaml'], { env })).stdout).toMatch(/^config\/examples\/vertical-teams\.yaml: OK/);
    expect((await cli(['validate', 'config/examples/region-by-postcode.yaml'], { env })).stdout).toMatch(/^config\/examples\/region-by-postcode\.yaml: OK/);
  });

  it('prints every issue with file:line:column, path and hint; exit 1; no stack trace', async () => {
    const file = join(dir, 'broken.yaml');
    const text = defaultText
      .replace('    strategy: round_robin\n', '    strategie: round_robin\n')
      .replace('    weight: 2 # gets twice', '    weight: "2" # gets twice');
    writeFileSync(file, text);
    const lines = text.split('\n');
    const line = (needle: string) => lines.findIndex((l) => l.includes(needle)) + 1;
    const { code, stdout, stderr } = await cli(['validate', file]);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr.split('\n')).toEqual([
      `Invalid config ${file}: 2 problems`,
      `  - ${file}:${line('weight: "2"')}:13 owners[1].weight: expected number, got string '2' (hint: remove the quotes: 2)`,
      expect.stringMatching(new RegExp(`^  - ${file}:${line('strategie')}:5 teams\\[\\d\\]\\.strategie: unknown key 'strategie' \\(hint: did you mean 'strategy'\\?`)),
      '',
    ]);
    expect(stderr).not.toMatch(/^\s+at /m);
  });

  it('reference problems (checked once the schema passes) also carry line and hint', async () => {
    const file = join(dir, 'refs.yaml');
    const text = defaultText.replace('assign: { team: pharma }', 'assign: { team: farma }');
    writeFileSync(file, text);
    const line = text.split('\n').findIndex((l) => l.includes('team: farma')) + 1;
    const { code, stderr } = await cli(['validate', file]);
    expect(code).toBe(1);
    expect(stderr).toMatch(new RegExp(`^  - ${file}:${line}:\\d+ routing\\.rules\\[2\\]\\.assign\\.team: unknown team 'farma' \\(hint: did you mean 'pharma'\\?`, 'm'));
  });

  it('a missing file is exit 1 with a clear message', async () => {
    const { code, stderr } = await cli(['validate', 'config/nope.yaml']);
    expect(code).toBe(1);
    expect(stderr).toBe(
      'Invalid config config/nope.yaml: 1 problem\n  - (root): file not found (hint: pass --config <file> or set LEAD_ROUTER_CONFIG; the default is config/lead-router.yaml)\n',
    );
  });

  it('--help shows examples', async () => {
    const { code, stdout } = await cli(['validate', '--help']);
    expect(code).toBe(0);
    expect(stdout).toContain('Examples:');
    expect(stdout).toContain('lead-router validate config/examples/vertical-teams.yaml');
  });
});
