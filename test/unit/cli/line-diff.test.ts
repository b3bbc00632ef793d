import { describe, expect, it } from '@jest/globals';
import { unifiedDiff } from '../../../src/cli/format/line-diff.ts';

const lines = (n: number, from = 1) => Array.from({ length: n }, (_, i) => `l${from + i}`);
const text = (ls: string[]) => `${ls.join('\n')}\n`;

describe('unifiedDiff', () => {
  it('is empty for equal texts (a missing final newline included)', () => {
    expect(unifiedDiff('a\nb\n', 'a\nb\n', 'x', 'y')).toBe('');
    expect(unifiedDiff('a\nb', 'a\nb\n', 'x', 'y')).toBe('');
    expect(unifiedDiff('', '', 'x', 'y')).toBe('');
  });

  it('prints one hunk with 3 lines of context, removals first', () => {
    const a = lines(10);
    const b = [...a];
    b[4] = 'five';
    expect(unifiedDiff(text(a), text(b), 'A', 'B')).toBe(['--- A', '+++ B', '@@ -2,7 +2,7 @@', ' l2', ' l3', ' l4', '-l5', '+five', ' l6', ' l7', ' l8', ''].join('\n'));
  });

  it('splits distant changes into hunks and merges close ones', () => {
    const a = lines(20);
    const far = a.filter((l) => l !== 'l2' && l !== 'l19');
    expect(unifiedDiff(text(a), text(far), 'A', 'B')).toBe(
      ['--- A', '+++ B', '@@ -1,5 +1,4 @@', ' l1', '-l2', ' l3', ' l4', ' l5', '@@ -16,5 +15,4 @@', ' l16', ' l17', ' l18', '-l19', ' l20', ''].join('\n'),
    );
    const near = a.filter((l) => l !== 'l5' && l !== 'l9');
    expect(unifiedDiff(text(a), text(near), 'A', 'B').match(/^@@/gm)).toHaveLength(1);
  });

  it('handles additions to an empty text and removal of everything', () => {
    expect(unifiedDiff('', 'a\nb\n', 'A', 'B')).toBe('--- A\n+++ B\n@@ -0,0 +1,2 @@\n+a\n+b\n');
    expect(unifiedDiff('a\nb\n', '', 'A', 'B')).toBe('--- A\n+++ B\n@@ -1,2 +0,0 @@\n-a\n-b\n');
  });
});
