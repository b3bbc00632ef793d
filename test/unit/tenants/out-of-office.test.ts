// Out-of-office periods edited into a config's text: comments and layout kept, kept in date
// order, ended early (a running period ends yesterday, a future one is removed), bad input refused.
import { describe, expect, it } from '@jest/globals';
import { parseConfigText } from '../../../src/config/load.ts';
import { addOutOfOffice, dayBefore, endOutOfOffice, localDay } from '../../../src/tenants/out-of-office.ts';
import { readFileSync } from 'node:fs';

const TEXT = readFileSync(new URL('../../../config/lead-router.yaml', import.meta.url), 'utf8');
const JAN = 'Jan.Dvorak@example.com';
const oooOf = (text: string, email: string) => parseConfigText(text, 't').config.owners.find((o) => o.email === email.toLowerCase())!.outOfOffice;

describe('out-of-office config edits', () => {
  it('adds a period in date order, keeping comments, to an owner with or without periods', () => {
    const once = addOutOfOffice(TEXT, JAN, { from: '2026-12-02', to: '2026-12-03', note: ' dentist ' });
    expect(oooOf(once, JAN)).toEqual([
      { from: '2026-12-02', to: '2026-12-03', note: 'dentist' },
      { from: '2026-12-21', to: '2027-01-01', note: 'winter holiday' },
    ]);
    expect(once).toContain('# CZ account executive, on holiday over new year');
    const petra = addOutOfOffice(TEXT, 'petra.novakova@example.com', { from: '2026-12-10', to: '2026-12-10' });
    expect(oooOf(petra, 'petra.novakova@example.com')).toEqual([{ from: '2026-12-10', to: '2026-12-10' }]);
    expect(petra).toContain('outOfOffice:\n      - { from: 2026-12-10, to: 2026-12-10 }');
  });

  it('refuses unknown owners, bad dates, reversed and duplicate periods', () => {
    expect(() => addOutOfOffice(TEXT, 'x@example.com', { from: '2026-12-02', to: '2026-12-03' })).toThrow(/No owner x@example.com/);
    expect(() => addOutOfOffice(TEXT, JAN, { from: '2026-13-02', to: '2026-12-03' })).toThrow(/from "2026-13-02" is not a date/);
    expect(() => addOutOfOffice(TEXT, JAN, { from: '2026-12-04', to: '2026-12-03' })).toThrow(/ends \(2026-12-03\) before it starts/);
    expect(() => addOutOfOffice(TEXT, JAN, { from: '2026-12-21', to: '2027-01-01' })).toThrow(/already out of office/);
  });

  it('ends a running period yesterday and removes one not yet started', () => {
    const ended = endOutOfOffice(TEXT, JAN, { from: '2026-12-21', to: '2027-01-01' }, '2026-12-28');
    expect(ended.action).toBe('ended');
    expect(oooOf(ended.yaml, JAN)).toEqual([{ from: '2026-12-21', to: '2026-12-27', note: 'winter holiday' }]);
    const removed = endOutOfOffice(TEXT, JAN, { from: '2026-12-21', to: '2027-01-01' }, '2026-12-01');
    expect(removed.action).toBe('removed');
    expect(oooOf(removed.yaml, JAN)).toEqual([]);
    expect(() => endOutOfOffice(TEXT, JAN, { from: '2026-12-21', to: '2027-01-01' }, '2027-01-02')).toThrow(/already over/);
    expect(() => endOutOfOffice(TEXT, JAN, { from: '2026-12-20', to: '2027-01-01' }, '2026-12-01')).toThrow(/no out-of-office period 2026-12-20..2027-01-01/);
  });

  it('counts days in the given time zone', () => {
    expect(dayBefore('2027-01-01')).toBe('2026-12-31');
    const t = Date.UTC(2026, 11, 1, 23, 30);
    expect(localDay(t, 'UTC')).toBe('2026-12-01');
    expect(localDay(t, 'Europe/Prague')).toBe('2026-12-02');
  });
});
