import { describe, expect, it } from '@jest/globals';
import { resolve } from 'node:path';
import { editDistance, hintFor, suggestClosest } from '../../../src/config/did-you-mean.ts';
import { formatPath } from '../../../src/config/config-path.ts';
import { resolveConfigPath } from '../../../src/config/resolve-config-path.ts';
import { summarizeConfig } from '../../../src/config/summarize-config.ts';
import { loadConfig } from '../../../src/config/load.ts';

describe('did-you-mean', () => {
  it.each([
    ['strategie', 'strategy', 2],
    ['emial', 'email', 1], // a swap is one edit
    ['teem', 'team', 1],
    ['Points', 'points', 0],
    ['', 'abc', 3],
  ])('editDistance(%s, %s) = %i', (a, b, d) => {
    expect(editDistance(a, b)).toBe(d);
  });

  it('suggests only plausible typos', () => {
    expect(suggestClosest('strategie', ['name', 'members', 'strategy'])).toBe('strategy');
    expect(suggestClosest('any', ['all', 'not'])).toBeUndefined(); // 2 edits on 3 letters is a different word
    expect(suggestClosest('require_skills', ['requireSkills'])).toBe('requireSkills');
    expect(suggestClosest('zzz', ['owner', 'team'])).toBeUndefined();
  });

  it('hints list the valid values, with a guess first when there is one', () => {
    expect(hintFor('hott', ['hot', 'cold'])).toBe("did you mean 'hot'? valid values: hot, cold");
    expect(hintFor('x', ['hot', 'cold'], 'tiers')).toBe('tiers: hot, cold');
    expect(hintFor('x', [])).toBeUndefined();
  });
});

describe('formatPath', () => {
  it('renders paths as admins read them', () => {
    expect(formatPath(['routing', 'rules', 2, 'assign', 'team'])).toBe('routing.rules[2].assign.team');
    expect(formatPath(['routing', 'slaByTier', 'very hot'])).toBe('routing.slaByTier["very hot"]');
    expect(formatPath([])).toBe('');
  });
});

describe('resolveConfigPath', () => {
  const cwd = '/srv/app';
  it('prefers the flag, then the env value, then config/lead-router.yaml', () => {
    expect(resolveConfigPath({ flag: 'a.yaml', env: 'b.yaml', cwd })).toBe('/srv/app/a.yaml');
    expect(resolveConfigPath({ env: 'b.yaml', cwd })).toBe('/srv/app/b.yaml');
    expect(resolveConfigPath({ env: '  ', cwd })).toBe('/srv/app/config/lead-router.yaml');
    expect(resolveConfigPath({ cwd })).toBe('/srv/app/config/lead-router.yaml');
    expect(resolveConfigPath({ flag: '/etc/lr.yaml', cwd })).toBe('/etc/lr.yaml');
  });
});

describe('summarizeConfig', () => {
  it('counts owners, teams, rules and scoring rules of the default config', () => {
    const { config } = loadConfig(resolve(new URL('../../../config/lead-router.yaml', import.meta.url).pathname));
    const s = summarizeConfig(config);
    expect(s.owners).toBe(config.owners.length);
    expect(s.rules).toBe(config.routing.rules.length);
    expect(s.fitRules).toBe(config.scoring.fit.groups.flatMap((g) => g.rules).length);
    expect(s.engagementRules).toBe(config.scoring.engagement.groups.flatMap((g) => g.rules).length);
  });
});
