// Time formats the sandbox writes and reads: v2 objects use RFC 3339 without milliseconds
// ("2026-11-02T09:00:00Z"), v1 objects Pipedrive's "YYYY-MM-DD HH:MM:SS" (UTC), webhook meta an
// ISO timestamp with milliseconds (pipedrive.md §1.2, §3.2).

export const DAY_MS = 86_400_000;

export function isoSeconds(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function isoMillis(ms: number): string {
  return new Date(ms).toISOString();
}

export function v1Time(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
}

/** RFC 3339 or "YYYY-MM-DD HH:MM:SS" (UTC) -> epoch ms; null when neither. */
export function parseTime(value: string): number | null {
  const s = value.trim();
  const zoneless = /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(s);
  if (!zoneless && !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(s)) return null;
  const ms = Date.parse(zoneless ? `${s.replace(' ', 'T')}Z` : s);
  return Number.isNaN(ms) ? null : ms;
}

/** "YYYY-MM-DD" that is a real calendar date. */
export function isDate(value: unknown): value is string {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  return new Date(`${value}T00:00:00Z`).toISOString().startsWith(value);
}

/** The daily budget's day: the sandbox resets at UTC midnight (Pipedrive: the server's midnight, §4). */
export function utcDay(ms: number): number {
  return Math.floor(ms / DAY_MS);
}

export function nextUtcMidnight(ms: number): number {
  return (utcDay(ms) + 1) * DAY_MS;
}
