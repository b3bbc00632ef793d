// scoring.predictive: off by default, defaults like `lead-router calibrate`, bad values named
// with their path, line and a hint like the rest of the config.
import { describe, expect, it } from '@jest/globals';
import { DEFAULT_MIN_OUTCOMES } from '../../../src/calibration/calibrate.ts';
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
`;

const withPredictive = (body: string) => BASE.replace('scoring:\n', `scoring:\n  predictive:\n${body}`);

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

describe('config: scoring.predictive', () => {
  it('is off by default, with the calibration minimum and a daily retrain', () => {
    const { config } = parseConfigText(BASE, 'x.yaml');
    expect(config.scoring.predictive).toEqual({ enabled: false, minOutcomes: DEFAULT_MIN_OUTCOMES, retrain: 'daily', windowDays: 180, property: 'lead_router_win_probability', topFactors: 3 });
  });

  it('takes its settings', () => {
    const { config } = parseConfigText(withPredictive('    enabled: true\n    minOutcomes: 50\n    retrain: weekly\n    property: win_prob\n    topFactors: 2\n'), 'x.yaml');
    expect(config.scoring.predictive).toMatchObject({ enabled: true, minOutcomes: 50, retrain: 'weekly', property: 'win_prob', topFactors: 2 });
  });

  it('an unknown retrain interval names the path and line', () => {
    const text = withPredictive('    enabled: true\n    retrain: monthly\n');
    const [issue, ...rest] = issuesOf(text);
    expect(rest).toEqual([]);
    expect(issue).toMatchObject({ path: 'scoring.predictive.retrain', line: lineOf(text, 'monthly') });
    expect(`${issue!.message} ${issue!.hint ?? ''}`).toMatch(/hourly.*daily.*weekly/);
  });

  it('a minimum that is not a positive whole number', () => {
    const text = withPredictive('    minOutcomes: 0\n');
    expect(issuesOf(text)[0]).toMatchObject({ path: 'scoring.predictive.minOutcomes', line: lineOf(text, 'minOutcomes') });
    expect(issuesOf(withPredictive('    minOutcomes: 2.5\n'))[0]).toMatchObject({ path: 'scoring.predictive.minOutcomes' });
  });

  it('a property name the CRMs cannot take, and a typo in a key', () => {
    const text = withPredictive('    property: Win Probability\n');
    const [issue] = issuesOf(text);
    expect(issue).toMatchObject({ path: 'scoring.predictive.property', line: lineOf(text, 'Win Probability') });
    expect(issue!.message).toMatch(/lowercase letters, digits and underscores/);
    const typo = issuesOf(withPredictive('    enabeld: true\n'))[0]!;
    expect(typo.path).toMatch(/^scoring\.predictive/);
    expect(`${typo.message} ${typo.hint ?? ''}`).toMatch(/enabeld/);
  });
});
