// Row -> contract shape, shared by both implementations so they return identical values.
// SQLite hands back numbers and JSON text; PostgreSQL hands back BIGINT as strings, booleans,
// and json columns already parsed. Each implementation passes its own `decodeJson`.
import { joinInput } from './audit-columns.ts';
import type { EngagementEvent, Evaluation } from '../engine/types.ts';
import type { AdminSessionRecord, ConsoleUser, DecisionRecord } from './console-types.ts';
import type { AbsenceRecord, AssignmentRecord, AuditRecord, CrmKind, InboxRow, InboxStats, InboxStatus, InstallRecord, TimerRecord } from './types.ts';

export type Row = Record<string, unknown>;
export type DecodeJson = (value: unknown) => unknown;

/** SQLite stores JSON as TEXT. */
export const decodeJsonText: DecodeJson = (value) => (value === null || value === undefined ? null : JSON.parse(String(value)));
/** pg parses json columns itself. */
export const decodeParsedJson: DecodeJson = (value) => (value === undefined ? null : value);

export function toNumber(value: unknown): number {
  return typeof value === 'number' ? value : Number(value);
}

export function toNumberOrNull(value: unknown): number | null {
  return value === null || value === undefined ? null : toNumber(value);
}

export function toStringOrNull(value: unknown): string | null {
  return value === null || value === undefined ? null : String(value);
}

/** Last errors come from CRM responses: bounded, and free of NUL (PostgreSQL text rejects it). */
export function clampError(message: string): string {
  const clean = message.replace(/\u0000/g, '');
  return clean.length > 2000 ? `${clean.slice(0, 1999)}…` : clean;
}

/** JSON text for a json column; `undefined` becomes JSON null so the column stays NOT NULL. */
export function encodeJson(value: unknown): string {
  return JSON.stringify(value === undefined ? null : value);
}

export function mapInboxRow(r: Row, decode: DecodeJson): InboxRow {
  return {
    id: toNumber(r.id),
    tenant: String(r.tenant),
    source: String(r.source),
    dedupeKey: String(r.dedupe_key),
    kind: String(r.kind),
    objectId: String(r.object_id),
    occurredAt: toNumber(r.occurred_at),
    payload: decode(r.payload),
    status: String(r.status) as InboxStatus,
    attempts: toNumber(r.attempts),
    availableAt: toNumber(r.available_at),
    receivedAt: toNumber(r.received_at),
    lastError: toStringOrNull(r.last_error),
  };
}

/** Rows of (status, n, oldest) -> InboxStats; oldestPendingAt is the receive time of the oldest pending row. */
export function mapInboxStats(rows: Row[]): InboxStats {
  const stats: InboxStats = { pending: 0, processing: 0, done: 0, failed: 0, oldestPendingAt: null };
  for (const r of rows) {
    const status = String(r.status) as keyof Omit<InboxStats, 'oldestPendingAt'>;
    if (!(status in stats)) continue;
    stats[status] = Number(r.n);
    if (status === 'pending' && r.oldest !== null && r.oldest !== undefined) stats.oldestPendingAt = Number(r.oldest);
  }
  return stats;
}

export function mapInstallRow(r: Row, decode: DecodeJson): InstallRecord {
  return {
    tenant: String(r.tenant),
    crm: String(r.crm) as CrmKind,
    externalId: String(r.external_id),
    credentials: String(r.credentials),
    meta: (decode(r.meta) ?? {}) as Record<string, unknown>,
    installedAt: toNumber(r.installed_at),
    updatedAt: toNumber(r.updated_at),
  };
}

export function mapAssignmentRow(r: Row): AssignmentRecord {
  return {
    tenant: String(r.tenant),
    leadId: String(r.lead_id),
    owner: toStringOrNull(r.owner),
    team: toStringOrNull(r.team),
    rule: toStringOrNull(r.rule),
    tier: String(r.tier),
    assignedAt: toNumber(r.assigned_at),
    firstTouchAt: toNumberOrNull(r.first_touch_at),
    slaDeadline: toNumberOrNull(r.sla_deadline),
    round: toNumber(r.round),
    closed: r.closed === true || r.closed === 1 || r.closed === 1n,
    nurture: toStringOrNull(r.nurture),
    endedAt: toNumberOrNull(r.ended_at),
    endReason: toStringOrNull(r.end_reason),
    origin: r.origin === 'crm' ? 'crm' : 'engine',
  };
}

export function mapTimerRow(r: Row, decode: DecodeJson): TimerRecord {
  return {
    id: toNumber(r.id),
    tenant: String(r.tenant),
    leadId: String(r.lead_id),
    kind: String(r.kind),
    dueAt: toNumber(r.due_at),
    payload: (decode(r.payload) ?? {}) as Record<string, unknown>,
  };
}

/** configVersion and input are left out when none was recorded, so a record reads back as it was appended. */
export function mapAuditRow(r: Row, decode: DecodeJson): AuditRecord {
  const record: AuditRecord = { tenant: String(r.tenant), leadId: String(r.lead_id), at: toNumber(r.at), evaluation: decode(r.evaluation) as Evaluation };
  const version = toStringOrNull(r.config_version);
  if (version !== null) record.configVersion = version;
  const input = r.input === undefined ? null : decode(r.input);
  if (input !== null) record.input = joinInput(input, r.input_state === undefined ? null : decode(r.input_state));
  return record;
}

export function mapDecisionRow(r: Row, decode: DecodeJson): DecisionRecord {
  return { id: toNumber(r.id), ...mapAuditRow(r, decode) };
}

export function mapAdminSessionRow(r: Row): AdminSessionRecord {
  const user = mapConsoleUser(r);
  return {
    idHash: String(r.id_hash),
    tenant: String(r.tenant),
    csrfToken: String(r.csrf_token),
    createdAt: toNumber(r.created_at),
    expiresAt: toNumber(r.expires_at),
    ...(user ? { user } : {}),
  };
}

/** A consumed link's RETURNING row (tenant, user_id, user_name) as the sign-in result. */
export function linkSignsIn(r: Row): { status: 'ok'; tenant: string; user?: ConsoleUser } {
  const user = mapConsoleUser(r);
  return { status: 'ok', tenant: String(r.tenant), ...(user ? { user } : {}) };
}

/** The user_id / user_name columns of a link or session (migration 19); null when anonymous. */
export function mapConsoleUser(r: Row): ConsoleUser | null {
  return r.user_id === null || r.user_id === undefined ? null : { id: String(r.user_id), name: String(r.user_name) };
}

/** Optional fields are left out when absent, so an event reads back exactly as it was appended. */
export function mapEngagementRow(r: Row, decode: DecodeJson): EngagementEvent {
  const event: EngagementEvent = { type: String(r.type), at: toNumber(r.at) };
  const props = decode(r.props);
  if (props !== null) event.props = props as Record<string, string | number | boolean>;
  if (r.event_id !== null && r.event_id !== undefined) event.id = String(r.event_id);
  return event;
}

/** Oldest first, ties by id: the order both stores promise for claimed rows and timers. */
export function byTimeThenId<T extends { id: number }>(time: (item: T) => number): (a: T, b: T) => number {
  return (a, b) => time(a) - time(b) || a.id - b.id;
}

export function mapAbsenceRow(r: Row): AbsenceRecord {
  return {
    id: toNumber(r.id),
    tenant: String(r.tenant),
    owner: String(r.owner),
    from: toNumber(r.from_at),
    to: toNumber(r.to_at),
    note: toStringOrNull(r.note),
    setBy: String(r.set_by),
    setAt: toNumber(r.set_at),
    endedAt: r.ended_at === null || r.ended_at === undefined ? null : toNumber(r.ended_at),
    endedBy: toStringOrNull(r.ended_by),
  };
}
