// The compiled matchers and fast paths must agree exactly with their reference versions.
import { describe, expect, it } from '@jest/globals';
import { compilePredicate } from '../../../src/engine/predicate-match.ts';
import { isEmpty, matchPredicate, type PredicateOps } from '../../../src/engine/predicate.ts';
import { numberText } from '../../../src/engine/score-math.ts';
import type { FieldValue } from '../../../src/engine/types.ts';

const regexes = new Map<string, RegExp>();
const regexFor = (src: string) => {
  let re = regexes.get(src);
  if (!re) regexes.set(src, (re = new RegExp(src, 'i')));
  return re;
};

const OPS: PredicateOps[] = [
  { exists: true },
  { exists: false },
  { equals: 'Pharma' },
  { equals: ' pharma ' },
  { equals: 500 },
  { equals: 0 },
  { equals: true },
  { equals: false },
  { in: ['pharma', 'Biotech', 'life sciences'] },
  { in: [100, 200, 'x'] },
  { in: [0, true] },
  { in: [] },
  { notIn: ['US', 'ca', 5] },
  { notIn: [] },
  { contains: 'Chief' },
  { matches: '^(vp|chief)' },
  { matches: '\\b(cfo|ceo)\\b' },
  { startsWith: '11' },
  { startsWith: ['110 0', 'SW1'] },
  { between: ['100 00', '199 99'] },
  { between: ['AA', 'AZ'] },
  { min: 1000 },
  { max: 49 },
  { min: 10, max: 20 },
  { min: 0, max: 0 },
  {},
];

const VALUES: (FieldValue | undefined)[] = [
  undefined, null, '', '   ', '\t\n', '\u00a0', '\u3000x', '\ufeff', 'Pharma', '  PHARMA  ', 'pharmacy', 'biotech', 'BioTech ',
  'life sciences', 'Life  Sciences', 'x', 'X', 'us', ' CA', '5', 5, 5.0, '500', '500.0', 500, 'five hundred', 0, -0, '0', 'true',
  'TRUE', true, false, 'false', 1, 100, '200', ' 200 ', '1,200', '1 200', 1200, 1000, 999, 20, 21, 10, '15', 'n/a', 'Chief of staff',
  'CHIEF Financial Officer', 'VP Sales', 'the CFO', 'cfo', 'CEO & Founder', '110 00', '11000', '120 00', 'sw1a 1aa', '199 99', '19999',
  '200 00', 'ABC', 'am', 'BA', 'AZ', Infinity, -Infinity, NaN, 1e21, -12.5, '1e3', '0x10', ' ', 'ǅ',
];

describe('compilePredicate agrees with matchPredicate', () => {
  it.each(OPS.map((op) => [JSON.stringify(op), op] as const))('%s', (_name, op) => {
    const match = compilePredicate('f', op, regexFor);
    const wrong = VALUES.filter((v) => match(v) !== matchPredicate(op, v, regexFor));
    expect(wrong).toEqual([]);
  });

  it('the per-field memo never leaks a value between fields or leads', () => {
    const a = compilePredicate('industry', { in: ['pharma'] }, regexFor);
    const b = compilePredicate('industry', { equals: 'retail' }, regexFor);
    const c = compilePredicate('country', { in: ['pharma'] }, regexFor);
    expect([a('Pharma'), b('Pharma'), c('Retail'), a('Retail'), b('Retail'), c('pharma ')]).toEqual([true, false, false, false, true, true]);
  });
});

describe('fast paths', () => {
  it('isEmpty is s.trim() === "" for every first character', () => {
    const wrong: number[] = [];
    for (let c = 0; c < 0x3100; c++) {
      const s = `${String.fromCharCode(c)}x`;
      const blank = String.fromCharCode(c);
      if (isEmpty(s) !== (s.trim() === '') || isEmpty(blank) !== (blank.trim() === '')) wrong.push(c);
    }
    for (const c of [0xfeff, 0x2028, 0x2029, 0x202f, 0x205f]) if (isEmpty(String.fromCharCode(c)) !== true) wrong.push(c);
    expect(wrong).toEqual([]);
  });

  it('numberText is String for 2-decimal values and everything else', () => {
    const wrong: number[] = [];
    for (let k = -200_000; k <= 200_000; k++) if (numberText(k / 100) !== String(k / 100)) wrong.push(k / 100);
    const others = [0, -0, NaN, Infinity, -Infinity, 0.1 + 0.2, 1e-7, 5e-324, 1.005, 999_999_999.99, 1e9 + 0.5, 123456.789, -0.01];
    for (const x of others) if (numberText(x) !== String(x)) wrong.push(x);
    expect(wrong).toEqual([]);
  });
});
