import { describe, expect, it } from '@jest/globals';
import { DAY_MINUTES, MINUTE_MS, localTime, localToUtc } from '../../../src/engine/local-time.ts';

const formats = new Map<string, Intl.DateTimeFormat>();

/** The local breakdown straight from Intl, one call per instant (what local-time.ts caches). */
function reference(tz: string, t: number) {
  const minuteStart = Math.floor(t / MINUTE_MS) * MINUTE_MS;
  let format = formats.get(tz);
  if (!format) formats.set(tz, (format = new Intl.DateTimeFormat('en-US', { timeZone: tz, timeZoneName: 'longOffset' })));
  const text = format.format(minuteStart);
  const m = /GMT(?:([+\-\u2212])(\d\d):(\d\d)(?::(\d\d))?)?$/.exec(text)!;
  const sign = m[1] === '-' || m[1] === '\u2212' ? -1 : 1;
  const offsetMs = m[1] ? sign * ((Number(m[2]) * 60 + Number(m[3])) * 60 + Number(m[4] ?? 0)) * 1000 : 0;
  const localMinute = Math.floor((minuteStart + offsetMs) / MINUTE_MS);
  const day = Math.floor(localMinute / DAY_MINUTES);
  return { offsetMs, day, weekday: (((day + 3) % 7) + 7) % 7, minuteOfDay: localMinute - day * DAY_MINUTES };
}

function same(a: ReturnType<typeof reference>, b: ReturnType<typeof reference>): boolean {
  return a.offsetMs === b.offsetMs && a.day === b.day && a.weekday === b.weekday && a.minuteOfDay === b.minuteOfDay;
}

describe('localTime: offsets cached per UTC day agree with Intl minute by minute', () => {
  const zones = [
    'Europe/Prague',
    'America/New_York',
    'Australia/Lord_Howe', // 30-minute DST
    'America/St_Johns',
    'Asia/Kathmandu',
    'Pacific/Chatham',
    'Africa/Casablanca', // DST switched off and on around Ramadan
    'Europe/London',
    'UTC',
  ];
  it.each(zones)('%s around every 2026 transition and across the year', (tz) => {
    const start = Date.UTC(2026, 0, 1);
    const end = Date.UTC(2027, 0, 1);
    // Every 97 minutes over the year: every time of day recurs within a few days.
    const wrong: number[] = [];
    for (let t = start; t < end; t += 97 * MINUTE_MS) if (!same(localTime(tz, t), reference(tz, t))) wrong.push(t);
    expect(wrong).toEqual([]);
  });

  it.each(['Europe/Prague', 'America/New_York', 'Australia/Lord_Howe', 'Africa/Casablanca'])(
    '%s: every minute of the days around its transitions',
    (tz) => {
      const start = Date.UTC(2026, 0, 1);
      let prev = reference(tz, start).offsetMs;
      for (let t = start; t < Date.UTC(2027, 0, 1); t += 60 * MINUTE_MS) {
        const offset = reference(tz, t).offsetMs;
        if (offset === prev) continue;
        prev = offset;
        const wrong: number[] = [];
        for (let u = t - 2 * 86_400_000; u < t + 86_400_000; u += MINUTE_MS) if (!same(localTime(tz, u + 1234), reference(tz, u + 1234))) wrong.push(u);
        expect(wrong).toEqual([]);
      }
    },
  );

  it('historical offsets with seconds (local mean time) still parse', () => {
    const t = Date.UTC(1890, 5, 1, 12);
    expect(localTime('Europe/Prague', t)).toEqual(reference('Europe/Prague', t));
    expect(localToUtc('Europe/Prague', Date.UTC(1890, 5, 1, 12))).toBe(Date.UTC(1890, 5, 1, 12) - reference('Europe/Prague', t).offsetMs);
  });
});
