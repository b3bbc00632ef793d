// Row mapping shared by both stores' Team / Health facts (team-health-types.ts).
import { toNumber, toStringOrNull, type Row } from './map-rows.ts';
import type { FailedInboxRow, InboxDepth, InboxIntake } from './team-health-types.ts';

/** Failed rows listed per page on the Health page (and the most a retry re-queues by id). */
export const FAILED_ROWS_MAX = 200;

export function mapFailedInboxRow(r: Row): FailedInboxRow {
  return {
    id: toNumber(r.id),
    source: String(r.source),
    kind: String(r.kind),
    objectId: String(r.object_id),
    occurredAt: toNumber(r.occurred_at),
    receivedAt: toNumber(r.received_at),
    attempts: toNumber(r.attempts),
    lastError: toStringOrNull(r.last_error),
  };
}

export function mapIntake(rows: Row[], last: unknown): InboxIntake {
  return {
    recent: rows.map((r) => ({ source: String(r.source), received: toNumber(r.n), lastReceivedAt: toNumber(r.last_at) })).sort((a, b) => a.source.localeCompare(b.source)),
    lastReceivedAt: last === null || last === undefined ? null : toNumber(last),
  };
}

/** Rows of (status, n, oldest) for the live statuses plus the failed count -> InboxDepth. */
export function mapDepth(live: Row[], failed: unknown): InboxDepth {
  const depth: InboxDepth = { pending: 0, processing: 0, failed: toNumber(failed ?? 0), oldestPendingAt: null };
  for (const r of live) {
    if (r.status === 'pending') {
      depth.pending = toNumber(r.n);
      depth.oldestPendingAt = r.oldest === null || r.oldest === undefined ? null : toNumber(r.oldest);
    } else if (r.status === 'processing') depth.processing = toNumber(r.n);
  }
  return depth;
}
