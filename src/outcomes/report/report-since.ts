// The report window's start as the console's Reports page sends it: the CLI's --since forms
// (30d, 12h, 2w, 90m or an ISO time), each a clear error otherwise.
import { InputError } from '../../errors.ts';
import { parseIsoTime } from '../../simulate/parse-time.ts';

const UNIT_MS: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 7 * 86_400_000 };
/** Retention keeps decisions at most this long (RETENTION_AUDIT_DAYS is far below); larger windows are a typo. */
const MAX_WINDOW_MS = 3660 * 86_400_000;

export function parseReportSince(value: string, now: number): number {
  const rel = /^(\d{1,6})\s*([mhdw])$/.exec(value.trim());
  const since = rel ? now - Number(rel[1]) * UNIT_MS[rel[2]!]! : parseIsoTime(value);
  if (since === undefined || !Number.isFinite(since)) {
    throw new InputError(`since "${value.slice(0, 40)}": expected a duration such as 30d, 12h, 2w, or an ISO time such as 2026-11-01`);
  }
  if (since > now) throw new InputError(`since "${value.slice(0, 40)}" is in the future: the window ends now`);
  if (now - since > MAX_WINDOW_MS) throw new InputError(`since "${value.slice(0, 40)}": windows longer than 10 years are not kept`);
  return since;
}
