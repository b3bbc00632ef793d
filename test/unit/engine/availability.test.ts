import { describe, expect, it } from '@jest/globals';
import { ownerSchema, type OwnerConfig } from '../../../src/config/schema.ts';
import {
  addWorkingMinutes,
  isOutOfOffice,
  isWithinWorkingHours,
  outOfOfficeRange,
  periodStarts,
} from '../../../src/engine/availability.ts';

const owner = (o: Record<string, unknown>): OwnerConfig => ownerSchema.parse({ email: 'a@x.test', ...o });
const at = (iso: string) => Date.parse(iso);
const iso = (t: number) => new Date(t).toISOString();

const prague9to5 = owner({ timezone: 'Europe/Prague', workingHours: { start: '09:00', end: '17:00' } });
const nightShift = owner({ timezone: 'UTC', workingHours: { days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '22:00', end: '06:00' } });
const newYork = owner({ timezone: 'America/New_York', workingHours: { days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat'], start: '08:30', end: '12:00' } });
const always = owner({});

describe('isWithinWorkingHours (owner time zone)', () => {
  it.each([
    ['Prague Mon 09:30 CET', prague9to5, '2026-03-02T08:30:00Z', true],
    ['Prague Mon 08:59 CET', prague9to5, '2026-03-02T07:59:00Z', false],
    ['Prague Mon 16:59 CET', prague9to5, '2026-03-02T15:59:00Z', true],
    ['Prague Mon 17:00 CET (end is exclusive)', prague9to5, '2026-03-02T16:00:00Z', false],
    ['Prague Sat 11:00', prague9to5, '2026-03-07T10:00:00Z', false],
    ['Prague Mon 09:30 CEST after the DST change', prague9to5, '2026-03-30T07:30:00Z', true],
    ['Prague Mon 08:30 CEST (would be 09:30 with the winter offset)', prague9to5, '2026-03-30T06:30:00Z', false],
    ['night shift Mon 23:00', nightShift, '2026-03-02T23:00:00Z', true],
    ['night shift Sat 05:59 (tail of the Friday shift)', nightShift, '2026-03-07T05:59:00Z', true],
    ['night shift Sat 06:00', nightShift, '2026-03-07T06:00:00Z', false],
    ['night shift Mon 03:00 (no Sunday shift)', nightShift, '2026-03-02T03:00:00Z', false],
    ['night shift Mon 12:00', nightShift, '2026-03-02T12:00:00Z', false],
    ['New York Sat 09:00 EST', newYork, '2026-03-07T14:00:00Z', true],
    ['New York Sun 09:00 EDT', newYork, '2026-03-08T13:00:00Z', false],
    ['New York Mon 08:30 EDT', newYork, '2026-03-09T12:30:00Z', true],
    ['New York Mon 08:29 EDT', newYork, '2026-03-09T12:29:00Z', false],
    ['no working hours: always', always, '2026-03-08T03:00:00Z', true],
  ])('%s -> %s', (_name, o, when, expected) => {
    expect(isWithinWorkingHours(o, at(when))).toBe(expected);
  });
});

describe('isOutOfOffice (inclusive dates in the owner time zone)', () => {
  const tokyo = owner({ timezone: 'Asia/Tokyo', outOfOffice: [{ from: '2026-03-03', to: '2026-03-03', note: 'dentist' }] });
  const la = owner({ timezone: 'America/Los_Angeles', outOfOffice: [{ from: '2026-12-20', to: '2027-01-02' }, { from: '2026-03-03', to: '2026-03-04' }] });
  it.each([
    ['Tokyo day before, 23:59 JST', tokyo, '2026-03-02T14:59:00Z', false],
    ['Tokyo first minute, 00:00 JST', tokyo, '2026-03-02T15:00:00Z', true],
    ['Tokyo last minute, 23:59 JST', tokyo, '2026-03-03T14:59:00Z', true],
    ['Tokyo next day, 00:00 JST', tokyo, '2026-03-04T15:00:00Z', false],
    ['LA Mar 03 00:30 PST (UTC date is also Mar 03)', la, '2026-03-03T08:30:00Z', true],
    ['LA Mar 02 23:30 PST (UTC date already Mar 03)', la, '2026-03-03T07:30:00Z', false],
    ['LA Mar 04 23:30 PST (UTC date already Mar 05)', la, '2026-03-05T07:30:00Z', true],
    ['LA over new year', la, '2027-01-01T20:00:00Z', true],
    ['LA Jan 03', la, '2027-01-03T20:00:00Z', false],
    ['nobody out', always, '2027-01-01T20:00:00Z', false],
  ])('%s -> %s', (_name, o, when, expected) => {
    expect(isOutOfOffice(o, at(when))).toBe(expected);
  });

  it('names the range and note for traces', () => {
    expect(outOfOfficeRange(tokyo, at('2026-03-03T03:00:00Z'))).toBe('2026-03-03..2026-03-03 (dentist)');
    expect(outOfOfficeRange(la, at('2026-12-24T20:00:00Z'))).toBe('2026-12-20..2027-01-02');
  });
});

describe('periodStarts (local midnight and local Monday 00:00)', () => {
  it.each([
    ['UTC Wednesday', 'UTC', '2026-03-04T12:00:00Z', '2026-03-04T00:00:00.000Z', '2026-03-02T00:00:00.000Z'],
    ['Prague CET', 'Europe/Prague', '2026-03-04T12:00:00Z', '2026-03-03T23:00:00.000Z', '2026-03-01T23:00:00.000Z'],
    ['Prague just after local midnight', 'Europe/Prague', '2026-03-03T23:00:00Z', '2026-03-03T23:00:00.000Z', '2026-03-01T23:00:00.000Z'],
    ['Prague just before local midnight', 'Europe/Prague', '2026-03-03T22:59:59Z', '2026-03-02T23:00:00.000Z', '2026-03-01T23:00:00.000Z'],
    ['Prague spring-forward Sunday (week began in CET)', 'Europe/Prague', '2026-03-29T12:00:00Z', '2026-03-28T23:00:00.000Z', '2026-03-22T23:00:00.000Z'],
    ['Prague Monday after spring-forward (CEST)', 'Europe/Prague', '2026-03-30T12:00:00Z', '2026-03-29T22:00:00.000Z', '2026-03-29T22:00:00.000Z'],
    ['Prague fall-back Sunday (day began in CEST)', 'Europe/Prague', '2026-10-25T12:00:00Z', '2026-10-24T22:00:00.000Z', '2026-10-18T22:00:00.000Z'],
    ['Kolkata (+05:30)', 'Asia/Kolkata', '2026-03-04T12:00:00Z', '2026-03-03T18:30:00.000Z', '2026-03-01T18:30:00.000Z'],
    ['Santiago: midnight skipped, the day starts at 01:00', 'America/Santiago', '2026-09-06T12:00:00Z', '2026-09-06T04:00:00.000Z', '2026-08-31T04:00:00.000Z'],
    ['Los Angeles Sunday evening (UTC already Monday)', 'America/Los_Angeles', '2026-03-09T02:00:00Z', '2026-03-08T08:00:00.000Z', '2026-03-02T08:00:00.000Z'],
  ])('%s', (_name, tz, now, dayStart, weekStart) => {
    const p = periodStarts(at(now), tz);
    expect(iso(p.dayStart)).toBe(dayStart);
    expect(iso(p.weekStart)).toBe(weekStart);
  });
});

describe('addWorkingMinutes (SLA deadlines in working time)', () => {
  const pragueOoo = owner({
    timezone: 'Europe/Prague',
    workingHours: { start: '09:00', end: '17:00' },
    outOfOffice: [{ from: '2026-03-03', to: '2026-03-03' }],
  });
  const alwaysOoo = owner({ outOfOffice: [{ from: '2026-03-03', to: '2026-03-04' }] });
  it.each([
    ['no working hours: wall clock', always, '2026-03-07T23:50:00Z', 45, '2026-03-08T00:35:00.000Z'],
    ['within the day', prague9to5, '2026-03-02T09:00:00Z', 60, '2026-03-02T10:00:00.000Z'],
    ['exactly to the end of the day', prague9to5, '2026-03-02T15:00:00Z', 60, '2026-03-02T16:00:00.000Z'],
    ['across the night', prague9to5, '2026-03-02T15:30:00Z', 60, '2026-03-03T08:30:00.000Z'],
    ['assigned before hours: clock starts at 09:00', prague9to5, '2026-03-02T06:00:00Z', 30, '2026-03-02T08:30:00.000Z'],
    ['assigned after hours', prague9to5, '2026-03-02T19:00:00Z', 30, '2026-03-03T08:30:00.000Z'],
    ['across the weekend', prague9to5, '2026-03-06T15:45:00Z', 30, '2026-03-09T08:15:00.000Z'],
    ['assigned on Saturday', prague9to5, '2026-03-07T10:00:00Z', 15, '2026-03-09T08:15:00.000Z'],
    ['across weekend and DST change (09:30 CEST is 07:30Z)', prague9to5, '2026-03-27T15:30:00Z', 60, '2026-03-30T07:30:00.000Z'],
    ['across the autumn DST change', prague9to5, '2026-10-23T14:30:00Z', 60, '2026-10-26T08:30:00.000Z'],
    ['two working days and a half hour', prague9to5, '2026-03-02T08:00:00Z', 2 * 480 + 30, '2026-03-04T08:30:00.000Z'],
    ['skips an out-of-office day', pragueOoo, '2026-03-02T15:30:00Z', 60, '2026-03-04T08:30:00.000Z'],
    ['assigned during out-of-office', pragueOoo, '2026-03-03T10:00:00Z', 10, '2026-03-04T08:10:00.000Z'],
    ['no hours but out of office: skips those days', alwaysOoo, '2026-03-02T23:30:00Z', 60, '2026-03-05T00:30:00.000Z'],
    ['night shift over midnight', nightShift, '2026-03-02T23:00:00Z', 120, '2026-03-03T01:00:00.000Z'],
    ['night shift: Friday shift ends Sat 06:00, next starts Mon 22:00', nightShift, '2026-03-07T05:30:00Z', 60, '2026-03-09T22:30:00.000Z'],
    ['zero minutes', prague9to5, '2026-03-02T19:00:00Z', 0, '2026-03-02T19:00:00.000Z'],
  ])('%s', (_name, o, from, minutes, expected) => {
    expect(iso(addWorkingMinutes(o, at(from), minutes))).toBe(expected);
  });
});
