// Timestamps in lead files: ISO 8601 ("2026-03-10", "2026-03-10T09:30:00Z", with offset) or
// epoch milliseconds. A date-time without an offset is taken as UTC, never as the machine's
// local zone, so a simulation gives the same result on every computer.
const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/i;

/** Epoch ms, or undefined when `text` is not a valid ISO date / date-time. */
export function parseIsoTime(text: string): number | undefined {
  const s = text.trim();
  const m = ISO.exec(s);
  if (!m) return undefined;
  const [, y, mo, d, h, mi] = m;
  const month = Number(mo);
  const day = Number(d);
  if (month < 1 || month > 12 || day < 1 || day > 31) return undefined;
  if (h !== undefined && (Number(h) > 23 || Number(mi) > 59)) return undefined;
  let normalized = s.replace(' ', 'T');
  if (h === undefined) normalized = `${y}-${mo}-${d}T00:00:00Z`;
  else if (m[7] === undefined) normalized += 'Z';
  const ms = Date.parse(normalized);
  if (Number.isNaN(ms)) return undefined;
  // Reject rolled-over dates such as 2026-02-30.
  if (new Date(Date.UTC(Number(y), month - 1, day)).getUTCDate() !== day) return undefined;
  return ms;
}

/** A time given as an ISO string or epoch ms number. */
export function parseTimeValue(v: unknown): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (typeof v === 'string') return parseIsoTime(v);
  return undefined;
}
