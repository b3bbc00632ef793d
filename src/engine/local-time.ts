// Wall-clock time in an IANA time zone without per-call Date objects or Intl calls.
// Intl is asked only for a zone's UTC offset: twice per (zone, UTC day) when the offset is
// the same at both ends of the day (no transition in between: every minute of the day has
// that offset), else once per (zone, minute) of that day. Everything else (local day,
// weekday, minute of day, local -> UTC) is integer arithmetic on the offset. Like
// localToUtc, this assumes no two transitions within two days (true for every IANA zone).
// Caches are process-wide and bounded; results depend only on the inputs (pure).

export const MINUTE_MS = 60_000;
export const DAY_MS = 86_400_000;
export const DAY_MINUTES = 1440;
export const WEEKDAY_NAMES = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;

/** The local wall-clock breakdown of one UTC minute in one zone. */
export interface LocalTime {
  /** zone offset in ms (local = utc + offsetMs) */
  readonly offsetMs: number;
  /** local date as days since 1970-01-01 */
  readonly day: number;
  /** 0 = Monday .. 6 = Sunday */
  readonly weekday: number;
  /** 0..1439 */
  readonly minuteOfDay: number;
}

/** One zone's offsets, cached. Get it once with zoneOf(tz) to skip the lookup by name. */
export interface Zone {
  format: ((t: number) => string) | null; // null: UTC, offset always 0
  /** UTC day index -> the offset of every minute of that day; NaN: a transition falls within it */
  days: Map<number, number>;
  /** minute -> offset, only for the minutes of days with a transition */
  minutes: Map<number, number>;
  lastDay: number; // memo of the last `days` lookup
  lastDayOffset: number;
  lastMinute: number; // memo of the last localTime result
  last: LocalTime | null;
}

// Bounds per zone: a year of days is ~365 entries; transition days hold 1440 minutes each.
const MAX_CACHED_DAYS = 5_000;
const MAX_CACHED_MINUTES = 50_000;
const zones = new Map<string, Zone>();

export function zoneOf(tz: string): Zone {
  let z = zones.get(tz);
  if (!z) {
    const utc = tz === 'UTC' || tz === 'Etc/UTC' || tz === 'GMT' || tz === 'Etc/GMT';
    const fmt = utc ? null : new Intl.DateTimeFormat('en-US', { timeZone: tz, timeZoneName: 'longOffset' });
    z = {
      format: fmt ? (t: number) => fmt.format(t) : null,
      days: new Map(),
      minutes: new Map(),
      lastDay: NaN,
      lastDayOffset: NaN,
      lastMinute: NaN,
      last: null,
    };
    zones.set(tz, z);
  }
  return z;
}

/** Parse "…, GMT+05:30" / "…, GMT-04:56:02" / "…, GMT" into ms. */
function parseOffset(text: string): number {
  const i = text.lastIndexOf('GMT');
  if (i < 0 || i + 3 >= text.length) return 0;
  const sign = text.charCodeAt(i + 3) === 45 /* - */ || text.charCodeAt(i + 3) === 0x2212 /* − */ ? -1 : 1;
  const [h = '0', m = '0', s = '0'] = text.slice(i + 4).split(':');
  return sign * ((Number(h) * 60 + Number(m)) * 60 + Number(s)) * 1000;
}

/** The zone's offset at the start of UTC minute `minute`, in ms. */
function minuteOffset(z: Zone, minute: number): number {
  const format = z.format;
  if (format === null) return 0;
  const day = Math.floor(minute / DAY_MINUTES);
  let offset: number | undefined;
  if (day === z.lastDay) {
    offset = z.lastDayOffset;
  } else {
    offset = z.days.get(day);
    if (offset === undefined) {
      const first = parseOffset(format(day * DAY_MS));
      offset = first === parseOffset(format((day + 1) * DAY_MS)) ? first : NaN;
      if (z.days.size >= MAX_CACHED_DAYS) z.days.clear();
      z.days.set(day, offset);
    }
    z.lastDay = day;
    z.lastDayOffset = offset;
  }
  if (!Number.isNaN(offset)) return offset;
  // A transition day: ask for this very minute.
  let exact = z.minutes.get(minute);
  if (exact === undefined) {
    exact = parseOffset(format(minute * MINUTE_MS));
    if (z.minutes.size >= MAX_CACHED_MINUTES) z.minutes.clear();
    z.minutes.set(minute, exact);
  }
  return exact;
}

/** Local breakdown of instant `t` (epoch ms) in zone `tz`. */
export function localTime(tz: string, t: number): LocalTime {
  return localTimeIn(zoneOf(tz), t);
}

/** localTime for a zone handle (zoneOf); the last result per zone is reused within its minute. */
export function localTimeIn(z: Zone, t: number): LocalTime {
  const minute = Math.floor(t / MINUTE_MS);
  if (minute === z.lastMinute && z.last !== null) return z.last;
  const offsetMs = minuteOffset(z, minute);
  const localMinute = Math.floor((minute * MINUTE_MS + offsetMs) / MINUTE_MS);
  const day = Math.floor(localMinute / DAY_MINUTES);
  const lt: LocalTime = { offsetMs, day, weekday: mod(day + 3, 7), minuteOfDay: localMinute - day * DAY_MINUTES };
  z.lastMinute = minute;
  z.last = lt;
  return lt;
}

export function offsetAt(tz: string, t: number): number {
  return minuteOffset(zoneOf(tz), Math.floor(t / MINUTE_MS));
}

/**
 * The UTC instant of a local wall-clock time (`local` = ms since 1970-01-01 local). In a
 * DST fold the earlier instant wins; in a DST gap the time is pushed forward by the gap
 * (02:30 on a spring-forward night -> 03:30), so a day whose midnight is skipped starts at
 * the transition. Assumes no two transitions within two days (true for every IANA zone).
 */
export function localToUtc(tz: string, local: number): number {
  const before = offsetAt(tz, local - DAY_MS);
  const after = offsetAt(tz, local + DAY_MS);
  if (before === after) return local - before;
  const t1 = local - before;
  const t2 = local - after;
  const ok1 = offsetAt(tz, t1) === before;
  const ok2 = offsetAt(tz, t2) === after;
  if (ok1 && ok2) return Math.min(t1, t2);
  if (ok2) return t2;
  return t1; // valid before the transition, or a gap: shifted forward
}

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
export function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** "2026-12-20" -> days since epoch (the schema guarantees the YYYY-MM-DD shape). */
export function parseIsoDay(iso: string): number {
  return daysFromCivil(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)), Number(iso.slice(8, 10)));
}

/** "HH:MM" -> minutes after midnight (the schema allows 24:00 as end of day). */
export function parseHhmm(s: string): number {
  return Math.min(DAY_MINUTES, Number(s.slice(0, 2)) * 60 + Number(s.slice(3, 5)));
}

export function formatHhmm(minuteOfDay: number): string {
  const h = Math.floor(minuteOfDay / 60);
  const m = minuteOfDay % 60;
  return `${h < 10 ? '0' : ''}${h}:${m < 10 ? '0' : ''}${m}`;
}

function mod(a: number, n: number): number {
  return ((a % n) + n) % n;
}
