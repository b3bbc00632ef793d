// Pipedrive time formats in one place. The API and webhooks mix ISO 8601 ("2022-11-24T13:18:55.665Z"),
// Pipedrive's space-separated UTC form ("2022-11-24 13:18:55", v1 objects) and epoch seconds
// (v1 `meta.timestamp`, the v2 user-entity example: pipedrive.md §1.2, §1.3).

/** Epoch values below this are seconds, above are milliseconds (1e12 ms = Sep 2001). */
const EPOCH_MS_THRESHOLD = 1e12;

/** Epoch ms of a Pipedrive timestamp, or null when it is not one. Zone-less times are UTC. */
export function parsePipedriveTime(value: unknown): number | null {
  if (typeof value === 'number') {
    if (!Number.isFinite(value) || value < 0) return null;
    return value < EPOCH_MS_THRESHOLD ? Math.round(value * 1000) : Math.round(value);
  }
  if (typeof value !== 'string') return null;
  const s = value.trim();
  if (s === '') return null;
  if (/^\d+(\.\d+)?$/.test(s)) return parsePipedriveTime(Number(s));
  // "2022-11-24 13:18:55" (no zone): Pipedrive API times are UTC.
  const zoneless = /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(s);
  const iso = zoneless ? `${s.replace(' ', 'T')}Z` : s;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? null : ms;
}

/** RFC 3339 without milliseconds, as the v2 `updated_since` filter shows it (pipedrive.md §3.2). */
export function toRfc3339(epochMs: number): string {
  return new Date(epochMs).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * Next midnight UTC after `now`. The daily token budget resets at midnight in the *server's*
 * time zone, which Pipedrive does not publish (pipedrive.md §4); UTC is the documented zone of
 * the legacy `x-daily-requests-left` counter, so it is the best available guess. If the real
 * reset is earlier, the first call after it simply succeeds; if later, it 429s once more.
 */
export function nextUtcMidnight(now: number): number {
  const d = new Date(now);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + 1);
}
