// The nurture section: programs per tier or rule with CRM actions, validated with exact paths,
// lines and hints like the rest of the config.
import { describe, expect, it } from '@jest/globals';
import { parseConfigText } from '../../../src/config/load.ts';
import { ConfigError, type ConfigIssue } from '../../../src/errors.ts';

const BASE = `version: 1
scoring:
  fit:
    groups:
      - name: title
        rules:
          - { field: job_title, matches: 'cfo', points: 20 }
fields:
  job_title: jobtitle
tiers:
  priority:
    - { name: hot, min: 50 }
    - { name: cold }
owners:
  - email: anna@example.com
routing:
  rules:
    - name: rest
      assign: { owner: anna@example.com }
nurture:
  reengageAt: 50
  programs:
    - name: cold-nurture
      tiers: [cold]
      hubspot: { lifecycleStage: lead, leadStatus: OPEN, listId: "42" }
      pipedrive: { label: Cold lead }
`;

function issuesOf(text: string): ConfigIssue[] {
  try {
    parseConfigText(text, 'test.yaml');
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as ConfigError).issues;
  }
  throw new Error('expected a ConfigError');
}

const lineOf = (text: string, needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;

describe('config: nurture', () => {
  it('parses programs with defaults (assign: none)', () => {
    const { config } = parseConfigText(BASE, 'x.yaml');
    expect(config.nurture).toEqual({
      reengageAt: 50,
      programs: [{ name: 'cold-nurture', tiers: ['cold'], rules: [], assign: 'none', hubspot: { lifecycleStage: 'lead', leadStatus: 'OPEN', listId: '42' }, pipedrive: { label: 'Cold lead' } }],
    });
    expect(parseConfigText(BASE.slice(0, BASE.indexOf('nurture:')), 'y.yaml').config.nurture).toBeUndefined();
  });

  it('an unknown tier names the path and line, with a hint', () => {
    const text = BASE.replace('tiers: [cold]', 'tiers: [colt]');
    const [issue, ...rest] = issuesOf(text);
    expect(rest).toEqual([]);
    expect(issue).toMatchObject({ path: 'nurture.programs[0].tiers[0]', message: "unknown tier 'colt'", line: lineOf(text, 'colt') });
    expect(issue!.hint).toMatch(/did you mean 'cold'/);
  });

  it('an unknown routing rule', () => {
    const text = BASE.replace('tiers: [cold]', 'rules: [rset]');
    const [issue, ...rest] = issuesOf(text);
    expect(rest).toEqual([]);
    expect(issue).toMatchObject({ path: 'nurture.programs[0].rules[0]', message: "unknown routing rule 'rset'" });
    expect(issue!.hint).toMatch(/did you mean 'rest'/);
  });

  it('a program that takes no leads', () => {
    const text = BASE.replace('      tiers: [cold]\n', '');
    const [issue] = issuesOf(text);
    expect(issue).toMatchObject({ path: 'nurture.programs[0].tiers', message: 'a nurture program needs tiers or rules (which leads it takes)' });
  });

  it('bad values: a list id that is not an ILS id, an unknown assign mode, a typo in an action', () => {
    expect(issuesOf(BASE.replace('listId: "42"', 'listId: "my list"'))[0]).toMatchObject({ path: 'nurture.programs[0].hubspot.listId', message: "a HubSpot list id (ILS id) is digits only, got string 'my list'" });
    expect(issuesOf(BASE.replace('tiers: [cold]', 'tiers: [cold]\n      assign: rep'))[0]).toMatchObject({ path: 'nurture.programs[0].assign' });
    const typo = issuesOf(BASE.replace('leadStatus: OPEN', 'leadstatus: OPEN'))[0]!;
    expect(typo.path).toBe('nurture.programs[0].hubspot.leadstatus');
    expect(typo.hint).toMatch(/leadStatus/);
    expect(typo.message).toMatch(/leadstatus/);
  });

  it('a tier that starts at or above reengageAt (never nurtured), and duplicate program names', () => {
    const text = BASE.replace('tiers: [cold]', 'tiers: [hot]').replace('reengageAt: 50', 'reengageAt: 30');
    const [issue, ...rest] = issuesOf(text);
    expect(rest).toEqual([]);
    expect(issue).toMatchObject({
      path: 'nurture.programs[0].tiers[0]',
      message: "tier 'hot' starts at 50, at or above nurture.reengageAt 30: none of its leads would ever be nurtured",
      hint: "raise nurture.reengageAt above 50 (e.g. the min of the tier above 'hot')",
    });
    const dup = `${BASE}    - name: cold-nurture\n      tiers: [cold]\n`;
    expect(issuesOf(dup)).toEqual([expect.objectContaining({ path: 'nurture.programs[1].name', message: "duplicate nurture program name 'cold-nurture'" })]);
  });

  it('reengageAt is required', () => {
    const [issue] = issuesOf(BASE.replace('  reengageAt: 50\n', ''));
    expect(issue).toMatchObject({ path: 'nurture.reengageAt' });
  });
});
