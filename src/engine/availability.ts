// Owner availability in the owner's own time zone: out-of-office days, working hours,
// local day/week boundaries (for per-day / per-week caps) and SLA deadlines counted in
// working minutes. Pure: `now` comes in; Intl is only consulted through local-time.ts.
import { DAYS, type OwnerConfig } from '../config/schema.ts';
import {
  DAY_MINUTES,
  DAY_MS,
  MINUTE_MS,
  WEEKDAY_NAMES,
  formatHhmm,
  localTime,
  localTimeIn,
  localToUtc,
  zoneOf,
  type Zone,
  parseHhmm,
  parseIsoDay,
} from './local-time.ts';

interface OooRange {
  from: number; // local day index, inclusive
  to: number; // local day index, inclusive
  text: string; // "2026-12-20..2027-01-02 (note)"
}

/** An owner's schedule, precomputed once per owner object. */
interface Schedule {
  tz: string;
  zone: Zone; // zoneOf(tz), resolved once
  hours: null | {
    dayMask: number; // bit i = weekday i (0 = Monday) has a shift starting that day
    start: number; // minutes after local midnight
    end: number; // end <= start: the shift runs past midnight into the next day
    overnight: boolean;
    text: string; // "Mon,Tue 09:00-17:00"
  };
  ooo: OooRange[]; // sorted by from
  windows: Map<number, readonly number[]>; // local day -> working windows (see windowsOf)
}

const schedules = new WeakMap<OwnerConfig, Schedule>();

function scheduleOf(owner: OwnerConfig): Schedule {
  let s = schedules.get(owner);
  if (s) return s;
  const wh = owner.workingHours;
  let hours: Schedule['hours'] = null;
  if (wh) {
    let dayMask = 0;
    for (const d of wh.days) dayMask |= 1 << DAYS.indexOf(d);
    const start = parseHhmm(wh.start);
    const end = parseHhmm(wh.end);
    const days = DAYS.filter((d) => wh.days.includes(d)).map((d) => WEEKDAY_NAMES[DAYS.indexOf(d)]);
    hours = { dayMask, start, end, overnight: end <= start, text: `${days.join(',')} ${wh.start}-${wh.end}` };
  }
  const ooo = (owner.outOfOffice ?? [])
    .map((r) => ({ from: parseIsoDay(r.from), to: parseIsoDay(r.to), text: `${r.from}..${r.to}${r.note ? ` (${r.note})` : ''}` }))
    .sort((a, b) => a.from - b.from);
  const tz = owner.timezone || 'UTC';
  s = { tz, zone: zoneOf(tz), hours, ooo, windows: new Map() };
  schedules.set(owner, s);
  return s;
}

function oooRangeAtDay(s: Schedule, day: number): OooRange | null {
  for (const r of s.ooo) {
    if (r.from > day) return null;
    if (day <= r.to) return r;
  }
  return null;
}

/** The out-of-office range covering `now` (in the owner's tz) as "from..to (note)", or null. */
export function outOfOfficeRange(owner: OwnerConfig, now: number): string | null {
  const s = scheduleOf(owner);
  if (s.ooo.length === 0) return null;
  return oooRangeAtDay(s, localTimeIn(s.zone, now).day)?.text ?? null;
}

export function isOutOfOffice(owner: OwnerConfig, now: number): boolean {
  return outOfOfficeRange(owner, now) !== null;
}

function inHours(h: NonNullable<Schedule['hours']>, weekday: number, minute: number): boolean {
  if (!h.overnight) return (h.dayMask & (1 << weekday)) !== 0 && minute >= h.start && minute < h.end;
  if ((h.dayMask & (1 << weekday)) !== 0 && minute >= h.start) return true;
  const prev = weekday === 0 ? 6 : weekday - 1;
  return (h.dayMask & (1 << prev)) !== 0 && minute < h.end;
}

/** Within the owner's working hours at `now` (owners without workingHours: always). */
export function isWithinWorkingHours(owner: OwnerConfig, now: number): boolean {
  const s = scheduleOf(owner);
  if (!s.hours) return true;
  const lt = localTimeIn(s.zone, now);
  return inHours(s.hours, lt.weekday, lt.minuteOfDay);
}

/** "outside working hours Mon,Tue 09:00-17:00 (Europe/Prague, now Fri 18:30)" for traces. */
export function describeOutsideHours(owner: OwnerConfig, now: number): string {
  const s = scheduleOf(owner);
  const lt = localTimeIn(s.zone, now);
  return `outside working hours ${s.hours?.text ?? ''} (${s.tz}, now ${WEEKDAY_NAMES[lt.weekday]} ${formatHhmm(lt.minuteOfDay)})`;
}

/** Epoch ms of local midnight and of local Monday 00:00 for `now` in `timezone` (DST-correct). */
export function periodStarts(now: number, timezone: string): { dayStart: number; weekStart: number } {
  const lt = localTime(timezone, now);
  return {
    dayStart: localToUtc(timezone, lt.day * DAY_MS),
    weekStart: localToUtc(timezone, (lt.day - lt.weekday) * DAY_MS),
  };
}

const NO_WINDOWS: readonly number[] = Object.freeze([]);
// Enough for every day a year of SLA deadlines touches; cleared beyond (per owner).
const MAX_CACHED_DAYS = 400;

/**
 * The owner's working time on local day `day` as UTC [start, end) pairs: the tail of the
 * previous day's overnight shift, then the day's own shift; none on out-of-office days.
 * Cached per (owner, day): SLA deadlines for a day's leads all need the same windows.
 */
function windowsOf(s: Schedule, day: number): readonly number[] {
  let w = s.windows.get(day);
  if (w) return w;
  if (oooRangeAtDay(s, day)) {
    w = NO_WINDOWS;
  } else {
    const h = s.hours;
    const local: number[] = [];
    if (!h) {
      local.push(0, DAY_MINUTES);
    } else {
      const weekday = (((day + 3) % 7) + 7) % 7;
      const prev = weekday === 0 ? 6 : weekday - 1;
      if (h.overnight && (h.dayMask & (1 << prev)) !== 0 && h.end > 0) local.push(0, h.end);
      if ((h.dayMask & (1 << weekday)) !== 0) local.push(h.start, h.overnight ? DAY_MINUTES : h.end);
    }
    w = local.map((m) => localToUtc(s.tz, day * DAY_MS + m * MINUTE_MS));
  }
  if (s.windows.size >= MAX_CACHED_DAYS) s.windows.clear();
  s.windows.set(day, w);
  return w;
}

/**
 * The instant `minutes` of the owner's working time after `from`: nights, non-working days
 * and out-of-office days do not count. Minutes are real elapsed minutes, so a shift that
 * spans a DST change counts its true length. Owners without workingHours count wall-clock
 * minutes, still skipping out-of-office days.
 */
export function addWorkingMinutes(owner: OwnerConfig, from: number, minutes: number): number {
  const s = scheduleOf(owner);
  let left = Math.max(0, minutes) * MINUTE_MS;
  if (!s.hours && s.ooo.length === 0) return from + left;
  if (left === 0) return from;
  let cursor = from;
  let day = localTimeIn(s.zone, from).day;
  // One local day per iteration; the bound only guards against a pathological config.
  for (let guard = 0; guard < 100_000; guard++, day++) {
    const range = oooRangeAtDay(s, day);
    if (range) {
      day = range.to; // the loop increment moves to the first day after the range
      continue;
    }
    const w = windowsOf(s, day);
    for (let i = 0; i < w.length; i += 2) {
      const start = Math.max(cursor, w[i]!);
      const end = w[i + 1]!;
      if (end <= start) continue;
      if (end - start >= left) return start + left;
      left -= end - start;
      cursor = end;
    }
  }
  return cursor + left;
}
