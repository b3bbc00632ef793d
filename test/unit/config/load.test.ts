import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, parseConfigText } from '../../../src/config/load.ts';
import { ConfigError, type ConfigIssue } from '../../../src/errors.ts';

// A small valid config; each test breaks one thing in it.
const BASE = `version: 1
fields:
  job_title: jobtitle
  employees: { hubspot: company.numberofemployees, pipedrive: "org.Employees", type: number }
scoring:
  fit:
    groups:
      - name: title
        rules:
          - { field: job_title, matches: 'cfo', points: 20 }
tiers:
  priority:
    - { name: hot, min: 50 }
    - { name: cold }
owners:
  - email: anna@example.com
    weight: 2
    seniority: senior
    skills: [pharma]
  - email: bob@example.com
teams:
  - name: sales
    members: [anna@example.com, bob@example.com]
    strategy: round_robin
routing:
  rules:
    - name: big
      when: { field: employees, min: 1000 }
      assign: { team: sales }
    - name: rest
      assign: { owner: bob@example.com }
  fallback: { owner: anna@example.com }
`;

/** 1-based line of the first line containing `needle` (after `after`, if given). */
function lineOf(text: string, needle: string, after = ''): number {
  const lines = text.split('\n');
  const start = after ? lines.findIndex((l) => l.includes(after)) : 0;
  const i = lines.findIndex((l, n) => n >= start && l.includes(needle));
  if (i < 0) throw new Error(`test bug: '${needle}' not in text`);
  return i + 1;
}

function issuesOf(text: string): ConfigIssue[] {
  try {
    parseConfigText(text, 'test.yaml');
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as ConfigError).issues;
  }
  throw new Error('expected a ConfigError');
}

function onlyIssue(text: string): ConfigIssue {
  const issues = issuesOf(text);
  expect(issues).toHaveLength(1);
  return issues[0]!;
}

describe('parseConfigText: valid config', () => {
  it('returns the parsed config with defaults, the compiled lookups and a sha256 of the text', () => {
    const loaded = parseConfigText(BASE, 'base.yaml');
    expect(loaded.file).toBe('base.yaml');
    expect(loaded.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(loaded.config.owners[1]!.weight).toBe(1); // default applied
    expect(loaded.config.routing.keepCurrentOwner).toBe(true);
    expect(loaded.compiled.owners.get('anna@example.com')?.seniority).toBe('senior');
    expect(loaded.compiled.teams.get('sales')?.members).toHaveLength(2);
    expect(parseConfigText(`${BASE}\n`, 'x').hash).not.toBe(loaded.hash);
  });
});

describe('parseConfigText: schema errors with path, line, column and hint', () => {
  it('a typo in a key: unknown key with did-you-mean', () => {
    const text = BASE.replace('    strategy: round_robin', '    strategie: round_robin');
    const issue = onlyIssue(text);
    expect(issue.path).toBe('teams[0].strategie');
    expect(issue.message).toBe("unknown key 'strategie'");
    expect(issue.line).toBe(lineOf(text, 'strategie'));
    expect(issue.column).toBe(5);
    expect(issue.hint).toMatch(/^did you mean 'strategy'\?/);
  });

  it('a wrong type: expected number, got string, with the fix', () => {
    const text = BASE.replace('weight: 2', "weight: '10'");
    const issue = onlyIssue(text);
    expect(issue).toMatchObject({
      path: 'owners[0].weight',
      message: "expected number, got string '10'",
      line: lineOf(text, "weight: '10'"),
      column: 13,
      hint: 'remove the quotes: 10',
    });
  });

  it('a bad enum value: did-you-mean plus the valid values', () => {
    const text = BASE.replace('seniority: senior', 'seniority: senoir');
    const issue = onlyIssue(text);
    expect(issue.path).toBe('owners[0].seniority');
    expect(issue.message).toBe("invalid value 'senoir'");
    expect(issue.line).toBe(lineOf(text, 'senoir'));
    expect(issue.hint).toBe("did you mean 'senior'? valid values: junior, mid, senior, director");
  });

  it('a typo inside a union (rule target) picks the right form', () => {
    const text = BASE.replace('assign: { team: sales }', 'assign: { teem: sales }');
    const issue = onlyIssue(text);
    expect(issue.path).toBe('routing.rules[0].assign.teem');
    expect(issue.line).toBe(lineOf(text, 'teem'));
    expect(issue.hint).toMatch(/^did you mean 'team'\?/);
  });

  it('a typo in a scoring rule key is reported once, not as "missing points" too', () => {
    const text = BASE.replace("matches: 'cfo', points: 20", "matches: 'cfo', point: 20");
    const issue = onlyIssue(text);
    expect(issue.path).toBe('scoring.fit.groups[0].rules[0].point');
    expect(issue.hint).toMatch(/^did you mean 'points'\?/);
  });

  it('a nested condition typo deep inside any/all', () => {
    const text = BASE.replace('when: { field: employees, min: 1000 }', 'when: { any: [ { fild: employees, min: 1000 } ] }');
    const issue = onlyIssue(text);
    expect(issue.path).toBe('routing.rules[0].when.any[0].fild');
    expect(issue.hint).toMatch(/^did you mean 'field'\?/);
  });

  it('a scalar where a mapping is expected lists the accepted forms', () => {
    const text = BASE.replace('assign: { team: sales }', 'assign: sales');
    const issue = onlyIssue(text);
    expect(issue.path).toBe('routing.rules[0].assign');
    expect(issue.message).toBe("expected a mapping, got string 'sales'");
    expect(issue.hint).toContain('{ team }');
  });

  it('a missing required key points at the object that lacks it', () => {
    const text = BASE.replace('    - name: rest\n', '    - nme: rest\n');
    const issues = issuesOf(text);
    expect(issues).toHaveLength(1); // "missing name" merged into the typo
    expect(issues[0]!.path).toBe('routing.rules[1].nme');
    expect(issues[0]!.hint).toMatch(/did you mean 'name'/);
  });

  it('reports every problem at once, ordered by line', () => {
    const text = BASE.replace('weight: 2', "weight: 'x'").replace('strategy: round_robin', 'strategy: rr').replace('version: 1', 'version: 2');
    const issues = issuesOf(text);
    expect(issues.map((i) => i.path)).toEqual(['version', 'owners[0].weight', 'teams[0].strategy']);
    expect(issues.map((i) => i.line)).toEqual([1, lineOf(text, "weight: 'x'"), lineOf(text, 'strategy: rr')]);
    expect(issues[0]!.message).toBe('expected 1, got number 2');
    expect(issues[2]!.hint).toContain('round_robin, weighted, least_loaded');
  });
});

describe('parseConfigText: YAML syntax errors', () => {
  it('reports the line and column of a syntax error', () => {
    const text = BASE.replace('    members: [anna@example.com, bob@example.com]', '    members: [anna@example.com, bob@example.com');
    const issues = issuesOf(text);
    expect(issues[0]!.message).toMatch(/^YAML syntax error: /);
    expect(issues[0]!.line).toBeGreaterThanOrEqual(lineOf(text, 'members: ['));
    expect(issues[0]!.column).toBeGreaterThan(0);
  });

  it('rejects duplicate keys with their line', () => {
    const text = BASE.replace('    weight: 2\n', '    weight: 2\n    weight: 3\n');
    const issue = onlyIssue(text);
    expect(issue.message).toMatch(/Map keys must be unique/);
    expect(issue.line).toBe(lineOf(text, 'weight: 3'));
  });

  it('an empty file says so', () => {
    expect(onlyIssue('# nothing here\n').message).toBe('the config is empty');
  });
});

describe('parseConfigText: semantic checks', () => {
  it('a rule targeting an unknown team', () => {
    const text = BASE.replace('assign: { team: sales }', 'assign: { team: slaes }');
    const issue = onlyIssue(text);
    expect(issue).toMatchObject({ path: 'routing.rules[0].assign.team', message: "unknown team 'slaes'", line: lineOf(text, 'team: slaes') });
    expect(issue.hint).toMatch(/^did you mean 'sales'\?/);
  });

  it('a team member that is not an owner', () => {
    const text = BASE.replace('members: [anna@example.com, bob@example.com]', 'members: [anna@example.com, bobb@example.com]');
    const issue = onlyIssue(text);
    expect(issue.path).toBe('teams[0].members[1]');
    expect(issue.message).toBe("member 'bobb@example.com' is not listed under owners");
    expect(issue.line).toBe(lineOf(text, 'bobb@'));
    expect(issue.column).toBe(text.split('\n')[issue.line! - 1]!.indexOf('bobb@') + 1);
    expect(issue.hint).toMatch(/did you mean 'bob@example.com'/);
  });

  it('unknown owners in rules, fallback and escalations', () => {
    const text = BASE.replace('assign: { owner: bob@example.com }', 'assign: { owner: carl@example.com }\n      sla: { firstTouchMinutes: 5, onBreach: escalate, escalateTo: dora@example.com }')
      .replace('fallback: { owner: anna@example.com }', 'fallback: { owner: ann@example.com }');
    const issues = issuesOf(text);
    expect(issues.map((i) => [i.path, i.line])).toEqual([
      ['routing.rules[1].assign.owner', lineOf(text, 'carl@')],
      ['routing.rules[1].sla.escalateTo', lineOf(text, 'dora@')],
      ['routing.fallback.owner', lineOf(text, 'ann@example.com }')],
    ]);
  });

  it('an unknown field alias in a scoring rule and in a routing condition (pseudo-fields allowed)', () => {
    const text = BASE.replace("field: job_title, matches: 'cfo'", "field: jobtitle, matches: 'cfo'").replace(
      'when: { field: employees, min: 1000 }',
      'when: { all: [ { field: score, min: 10 }, { field: employes, min: 1000 } ] }',
    );
    const issues = issuesOf(text);
    expect(issues).toHaveLength(2);
    expect(issues[0]).toMatchObject({ path: 'scoring.fit.groups[0].rules[0].field', message: "unknown field alias 'jobtitle'", line: lineOf(text, 'field: jobtitle') });
    expect(issues[0]!.hint).toMatch(/^did you mean 'job_title'\?/);
    expect(issues[1]).toMatchObject({ path: 'routing.rules[0].when.all[1].field', message: "unknown field alias 'employes'" });
    expect(issues[1]!.hint).toMatch(/^did you mean 'employees'\?/);
  });

  it('onBreach: escalate without escalateTo', () => {
    const text = BASE.replace('assign: { team: sales }', 'assign: { team: sales }\n      sla: { firstTouchMinutes: 15, onBreach: escalate }');
    const issue = onlyIssue(text);
    expect(issue).toMatchObject({ path: 'routing.rules[0].sla.onBreach', message: 'onBreach: escalate needs escalateTo', line: lineOf(text, 'onBreach: escalate') });
    expect(issue.hint).toContain('escalateTo');
  });

  it('slaByTier with a tier that does not exist', () => {
    const text = `${BASE}  slaByTier:\n    hto: { firstTouchMinutes: 30 }\n`;
    const issue = onlyIssue(text);
    expect(issue).toMatchObject({ path: 'routing.slaByTier.hto', message: "unknown tier 'hto'", line: lineOf(text, 'hto:'), column: 5 });
    expect(issue.hint).toMatch(/^did you mean 'hot'\?/);
  });

  it('duplicate owner emails (case-insensitive), team names and rule names', () => {
    const text = BASE.replace('  - email: bob@example.com\n', '  - email: bob@example.com\n  - email: BOB@example.com\n')
      .replace('    - name: rest\n', '    - name: big\n')
      .replace('routing:\n', '  - name: sales\n    members: [anna@example.com]\nrouting:\n');
    const issues = issuesOf(text);
    expect(issues.map((i) => i.message)).toEqual([
      "duplicate owner email 'BOB@example.com'",
      "duplicate team name 'sales'",
      "duplicate rule name 'big'",
    ]);
    expect(issues[0]!.path).toBe('owners[2].email');
  });

  it('working hours that start and end at the same time, and an out-of-office range backwards', () => {
    const text = BASE.replace(
      '  - email: bob@example.com\n',
      '  - email: bob@example.com\n    workingHours: { start: "09:00", end: "09:00" }\n    outOfOffice: [{ from: "2026-08-10", to: "2026-08-01" }]\n',
    );
    const issues = issuesOf(text);
    expect(issues.map((i) => i.path)).toEqual(['owners[1].workingHours.end', 'owners[1].outOfOffice[0].to']);
    expect(issues[0]!.message).toBe('working hours start and end are both 09:00');
    expect(issues[1]!.line).toBe(lineOf(text, 'outOfOffice'));
  });

  it('accepts an overnight shift (end before start)', () => {
    const text = BASE.replace('  - email: bob@example.com\n', '  - email: bob@example.com\n    workingHours: { start: "22:00", end: "06:00" }\n');
    expect(() => parseConfigText(text, 'x')).not.toThrow();
  });

  it('assign: unassigned needs allowUnassigned', () => {
    const text = BASE.replace('assign: { owner: bob@example.com }', 'assign: { unassigned: true }');
    expect(onlyIssue(text)).toMatchObject({ path: 'routing.rules[1].assign.unassigned', message: 'assign: unassigned needs routing.allowUnassigned: true' });
    expect(() => parseConfigText(`${text}  allowUnassigned: true\n`, 'x')).not.toThrow();
  });

  it('a team whose required skills no member has', () => {
    const text = BASE.replace('    strategy: round_robin\n', '    strategy: round_robin\n    requireSkills: [finance]\n');
    const issue = onlyIssue(text);
    expect(issue).toMatchObject({ path: 'teams[0].requireSkills', message: "no member of team 'sales' has skills finance", line: lineOf(text, 'requireSkills') });
    // anna has pharma: fine
    expect(() => parseConfigText(text.replace('[finance]', '[pharma]'), 'x')).not.toThrow();
  });

  it('tiers must go highest first and end with a catch-all', () => {
    const text = BASE.replace('    - { name: cold }', '    - { name: cold, min: 60 }');
    const messages = issuesOf(text).map((i) => i.message);
    expect(messages).toEqual([
      "min 60 is not below the previous entry's min 50",
      "the last entry 'cold' has a min, so lower values get no tier",
    ]);
  });

  it('rules after a catch-all are never reached', () => {
    const text = BASE.replace('    - name: big\n      when: { field: employees, min: 1000 }\n', '    - name: big\n');
    expect(onlyIssue(text)).toMatchObject({
      path: 'routing.rules[1].name',
      message: "rule 'rest' is never reached: rule 'big' above it matches every lead",
      line: lineOf(text, 'name: rest'),
    });
    // an accountOwner catch-all passes unowned leads on: fine
    expect(() => parseConfigText(text.replace('    - name: big\n      assign: { team: sales }', '    - name: big\n      assign: { accountOwner: true }'), 'x')).not.toThrow();
  });

  it('a field mapped for neither CRM', () => {
    const text = BASE.replace('  job_title: jobtitle', '  job_title: { type: string }');
    expect(onlyIssue(text)).toMatchObject({ path: 'fields.job_title', message: "field 'job_title' has no CRM property", line: 3 });
  });

  it('a routing condition on tier with an unknown tier name', () => {
    const text = BASE.replace('when: { field: employees, min: 1000 }', 'when: { field: tier, equals: hott }');
    expect(onlyIssue(text)).toMatchObject({ path: 'routing.rules[0].when.equals', message: "unknown tier 'hott'" });
  });
});

describe('loadConfig', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lr-config-'));

  it('loads a file (BOM tolerated) and names it in errors', () => {
    const ok = join(dir, 'ok.yaml');
    writeFileSync(ok, `\uFEFF${BASE}`);
    expect(loadConfig(ok).config.owners).toHaveLength(2);
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, BASE.replace('weight: 2', 'weight: -1'));
    expect(() => loadConfig(bad)).toThrow(new RegExp(`${bad.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}:\\d+:\\d+ owners\\[0\\]\\.weight: must be > 0`));
  });

  it('a missing file is a ConfigError with one root issue that says how to point at a config', () => {
    const missing = join(dir, 'nope.yaml');
    let error: unknown;
    try {
      loadConfig(missing);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const e = error as ConfigError;
    expect(e.file).toBe(missing);
    expect(e.issues).toEqual([{ path: '', message: 'file not found', hint: expect.stringContaining('LEAD_ROUTER_CONFIG') }]);
    expect(e.message).toContain('file not found');
  });
});
