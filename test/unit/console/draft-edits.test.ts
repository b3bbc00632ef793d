// The form view's edits keep the draft's comments and layout: only the edited value changes.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { parseConfigText } from '../../../src/config/load.ts';
import { readDraft, setList, setScalar } from '../../../src/console/draft-edits.ts';

const TEXT = readFileSync(new URL('../../../config/lead-router.yaml', import.meta.url), 'utf8');

function changedLines(a: string, b: string): { before: string[]; after: string[] } {
  const x = a.split('\n');
  const y = b.split('\n');
  let head = 0;
  while (head < x.length && x[head] === y[head]) head++;
  let tail = 0;
  while (tail < x.length - head && tail < y.length - head && x[x.length - 1 - tail] === y[y.length - 1 - tail]) tail++;
  return { before: x.slice(head, x.length - tail), after: y.slice(head, y.length - tail) };
}

const data = (text: string) => parseConfigText(text, 'draft').config;

describe('form edits on the YAML draft', () => {
  it('changes a rule’s points in a flow map and nothing else', () => {
    const out = setScalar(TEXT, ['scoring', 'fit', 'groups', 0, 'rules', 0, 'bands', 0, 'points'], 35);
    expect(changedLines(TEXT, out)).toEqual({
      before: ['              - { min: 1000, points: 30, label: "1000+" } # enterprise'],
      after: ['              - { min: 1000, points: 35, label: "1000+" } # enterprise'],
    });
    expect((data(out).scoring.fit.groups[0]!.rules[0] as { bands: { points: number }[] }).bands[0]!.points).toBe(35);
  });

  it('changes a block value and keeps its comment', () => {
    const out = setScalar(TEXT, ['owners', 1, 'weight'], 3);
    expect(changedLines(TEXT, out)).toEqual({ before: ['    weight: 2 # gets twice the share of a weight-1 rep in weighted teams'], after: ['    weight: 3 # gets twice the share of a weight-1 rep in weighted teams'] });
  });

  it('adds a missing key to a block map, a flow map, and a missing parent map', () => {
    const weight = setScalar(TEXT, ['owners', 2, 'weight'], 2);
    expect(weight.split('\n').length).toBe(TEXT.split('\n').length + 1);
    expect(weight).toContain('    capacity: { perDay: 30, perWeek: 120 }\n    skills: [czech]\n    weight: 2\n  - email: tomas.kral@example.com');
    expect(data(weight).owners[2]!.weight).toBe(2);
    const open = setScalar(TEXT, ['owners', 1, 'capacity', 'perWeek'], 150);
    expect(changedLines(TEXT, open)).toEqual({ before: ['    capacity: { perDay: 40, maxOpen: 150 }'], after: ['    capacity: { perDay: 40, maxOpen: 150, perWeek: 150 }'] });
    const created = setScalar(TEXT, ['owners', 0, 'capacity', 'perDay'], 10);
    expect(data(created).owners[0]!.capacity).toEqual(expect.objectContaining({ perDay: 10 }));
    expect(created).toContain('    skills: [enterprise]\n    capacity: { perDay: 10 }\n  - email: petra.novakova');
  });

  it('replaces a team’s members in the list’s own style', () => {
    const out = setList(TEXT, ['teams', 1, 'members'], ['lena.huber@example.com', 'max.schmidt@example.com', 'anna.berg@example.com']);
    expect(changedLines(TEXT, out)).toEqual({
      before: ['    members: [lena.huber@example.com, max.schmidt@example.com]'],
      after: ['    members: [lena.huber@example.com, max.schmidt@example.com, anna.berg@example.com]'],
    });
    const block = 'teams:\n  - name: a\n    members:\n      - x@example.com\n      - y@example.com\n    strategy: round_robin # why\n';
    expect(setList(block, ['teams', 0, 'members'], ['y@example.com'])).toBe('teams:\n  - name: a\n    members:\n      - y@example.com\n    strategy: round_robin # why\n');
  });

  it('refuses edits it cannot make in place with a message, and reports syntax errors', () => {
    expect(() => setScalar(TEXT, ['teams', 0, 'members'], 3)).toThrow(/not a single value; edit it in the editor/);
    expect(() => setScalar('a: [\n', ['a'], 1)).toThrow(/YAML syntax error/);
    expect(readDraft('a: [\n').error).toMatch(/fix it in the editor/);
    expect(readDraft('a: 1\n').data).toEqual({ a: 1 });
  });
});
