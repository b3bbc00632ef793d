// A Pipedrive deal webhook (v2 `data`, or v1 `current`) as an outcome of its person: status
// open / won / lost, value and currency, add_time, won_time / lost_time (close_time as a
// fallback), lost_reason. The webhook carries all of it (pipedrive.md §1.2), so no API call.
import type { DealOutcome } from '../../src/crm/interpret.ts';
import type { OutcomeStatus } from '../../src/store/types.ts';
import { parsePipedriveTime } from './time.ts';

type Obj = Record<string, unknown>;
const STATUSES: ReadonlySet<string> = new Set<OutcomeStatus>(['open', 'won', 'lost']);

/** A link id: a number / numeric string (v2) or {value: id} (v1 objects). */
function linkId(v: unknown): string | null {
  if (v !== null && typeof v === 'object' && 'value' in v) return linkId((v as { value: unknown }).value);
  if (typeof v === 'number' && Number.isInteger(v)) return String(v);
  return typeof v === 'string' && /^\d+$/.test(v) ? v : null;
}

function time(v: unknown): number | null {
  return typeof v === 'string' || typeof v === 'number' ? parsePipedriveTime(v) : null;
}

function num(v: unknown): number | null {
  const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
  return Number.isFinite(n) ? n : null;
}

/** Null when the deal has no person (organization-only deals lead nowhere) or a status we do not track (deleted). */
export function pipedriveDealOutcome(dealId: string, data: Obj | null | undefined, observedAt: number): DealOutcome | null {
  if (!data) return null;
  const personId = linkId(data['person_id']);
  const status = String(data['status'] ?? '');
  if (!personId || !STATUSES.has(status)) return null;
  const closedAt = status === 'won' ? time(data['won_time']) : status === 'lost' ? time(data['lost_time']) : null;
  const reason = data['lost_reason'];
  return {
    dealId,
    leadIds: [personId],
    status: status as OutcomeStatus,
    amount: num(data['value']),
    currency: typeof data['currency'] === 'string' ? data['currency'] : null,
    createdAt: time(data['add_time']),
    closedAt: status === 'open' ? null : (closedAt ?? time(data['close_time']) ?? observedAt),
    lostReason: status === 'lost' && typeof reason === 'string' && reason !== '' ? reason : null,
    observedAt,
  };
}
