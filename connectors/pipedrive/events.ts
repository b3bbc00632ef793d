// Pipedrive webhook bodies (v2 and legacy v1) -> inbox events. One delivery carries one event.
// Kinds use the v2 names, `<entity>.<action>`: person.create / person.change / person.delete /
// person.merge, organization.*, activity.*, lead.* (pipedrive.md §1.2, §1.3).
import type { InboxEventInput } from '../../src/store/types.ts';
import { PayloadError } from '../../src/errors.ts';
import {
  describeIssues,
  v1BodySchema,
  v1EntityStateSchema,
  v2BodySchema,
  v2EntityStateSchema,
  type V1Body,
  type V2Body,
} from './event-schemas.ts';
import { pipedriveTenant } from './tenant.ts';
import { parsePipedriveTime } from './time.ts';

export { parseCustomFieldValue } from './custom-field-value.ts';

export const SOURCE = 'pipedrive-webhook';

/** Entities lead-router processes; other entities (note, user, ...) are acknowledged and ignored. */
export const KNOWN_ENTITIES = new Set(['person', 'organization', 'activity', 'lead', 'deal']);

const V2_ACTIONS = new Set(['create', 'change', 'delete']);
/** v1 action names -> v2 names (§1.2 "Other changes from v1 to v2"). */
const V1_ACTIONS: Record<string, string> = { added: 'create', updated: 'change', deleted: 'delete', merged: 'merge' };

/**
 * Fields lead-router writes per entity, besides its own custom-field hashes (echo guard,
 * pipedrive.md "must do" 5). Organizations and activities are never written, so their
 * changes are never echoes. `update_time` moves on every write; v1 objects also carry
 * `owner_name` next to `owner_id`.
 */
const OWN_FIELDS: Record<string, ReadonlySet<string>> = {
  person: new Set(['owner_id', 'owner_name', 'update_time']),
  lead: new Set(['owner_id', 'label_ids', 'update_time']),
};

export interface ParseEventOptions {
  /** The custom-field hashes lead-router writes for this company (score, priority, ...). */
  ownFieldCodes?: ReadonlySet<string>;
}

export type ParsedPipedriveEvent =
  | { companyId: string; event: InboxEventInput }
  | { companyId: string; ignored: { reason: 'echo' | 'unknown_kind'; kind: string } };

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Decode the delivery body as a JSON object. */
export function readWebhookJson(body: Buffer | string): unknown {
  const text = typeof body === 'string' ? body : body.toString('utf8');
  if (text.trim() === '') throw new PayloadError('Pipedrive webhook body is empty');
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new PayloadError(`Pipedrive webhook body is not valid JSON: ${(err as Error).message}`);
  }
}

function occurredAt(ts: string | number): number {
  const ms = parsePipedriveTime(ts);
  if (ms === null) throw new PayloadError(`Pipedrive webhook meta.timestamp "${String(ts)}" is neither ISO 8601 nor epoch seconds/ms`);
  return ms;
}

/** True when `changed` names only fields lead-router itself writes on this entity. */
function onlyOwnFields(entity: string, changed: Iterable<string>, own: ReadonlySet<string>, customFields?: unknown): boolean {
  const allowed = OWN_FIELDS[entity];
  if (!allowed) return false;
  for (const key of changed) {
    if (key === 'custom_fields') {
      if (customFields === null || customFields === undefined) continue;
      if (!isObj(customFields) || !Object.keys(customFields).every((h) => own.has(h))) return false;
    } else if (!allowed.has(key) && !own.has(key)) {
      return false;
    }
  }
  return true;
}

/**
 * The record an inbox row is about. Leads-Inbox leads are scored and routed through their person
 * (interpret.ts), so a lead create/change row is keyed by the person: it settles with the
 * person's outcome, and a failed lead update is retried with it (lead-entities.ts). The lead id
 * stays in the payload (meta.entity_id).
 */
function objectIdOf(entity: string, action: string, entityId: string, data: Obj | null | undefined): string {
  if (entity !== 'lead' || action === 'delete') return entityId;
  const person = data?.person_id;
  return typeof person === 'number' || (typeof person === 'string' && /^\d+$/.test(person)) ? String(person) : entityId;
}

function parseV2(body: V2Body, raw: Obj, opts: ParseEventOptions): ParsedPipedriveEvent {
  const { meta } = body;
  const companyId = meta.company_id;
  const merge = meta.action === 'delete' && meta.merged_to_id != null;
  const kind = `${meta.entity}.${merge ? 'merge' : meta.action}`;
  if (!KNOWN_ENTITIES.has(meta.entity) || !V2_ACTIONS.has(meta.action)) return { companyId, ignored: { reason: 'unknown_kind', kind } };
  const state = v2EntityStateSchema.safeParse(body);
  if (!state.success) throw new PayloadError(`Pipedrive webhook v2 ${kind}: ${describeIssues(state.error)}`);
  const { previous } = state.data;
  if (meta.action === 'change' && meta.change_source === 'api' && previous) {
    if (onlyOwnFields(meta.entity, Object.keys(previous), opts.ownFieldCodes ?? new Set(), previous.custom_fields)) {
      return { companyId, ignored: { reason: 'echo', kind } };
    }
  }
  return {
    companyId,
    event: {
      tenant: pipedriveTenant(companyId),
      source: SOURCE,
      dedupeKey: meta.id,
      kind,
      objectId: objectIdOf(meta.entity, meta.action, meta.entity_id, state.data.data),
      occurredAt: occurredAt(meta.timestamp),
      payload: raw, // as received (ids keep their wire types)
    },
  };
}

/** Keys whose values differ between v1 `current` and `previous` (v1 sends full objects). */
function changedKeys(current: Obj, previous: Obj): string[] {
  const keys = new Set([...Object.keys(current), ...Object.keys(previous)]);
  return [...keys].filter((k) => JSON.stringify(current[k]) !== JSON.stringify(previous[k]));
}

function parseV1(body: V1Body, raw: Obj, opts: ParseEventOptions): ParsedPipedriveEvent {
  const { meta } = body;
  const companyId = meta.company_id;
  const action = V1_ACTIONS[meta.action];
  const kind = `${meta.object}.${action ?? meta.action}`;
  if (!KNOWN_ENTITIES.has(meta.object) || !action) return { companyId, ignored: { reason: 'unknown_kind', kind } };
  const state = v1EntityStateSchema.safeParse(body);
  if (!state.success) throw new PayloadError(`Pipedrive webhook v1 ${kind}: ${describeIssues(state.error)}`);
  const { current, previous } = state.data;
  if (action === 'change' && meta.change_source === 'api' && current && previous) {
    if (onlyOwnFields(meta.object, changedKeys(current, previous), opts.ownFieldCodes ?? new Set())) {
      return { companyId, ignored: { reason: 'echo', kind } };
    }
  }
  const at = occurredAt(meta.timestamp);
  return {
    companyId,
    event: {
      tenant: pipedriveTenant(companyId),
      source: SOURCE,
      // v1 has no event id: object, id, action, timestamp and webhook make one delivery unique.
      dedupeKey: `v1:${meta.object}:${meta.id}:${meta.action}:${String(meta.timestamp)}:${meta.webhook_id ?? ''}`,
      kind,
      objectId: meta.id,
      occurredAt: at,
      payload: raw, // as received (ids keep their wire types)
    },
  };
}

/**
 * Normalize one parsed webhook body. Throws PayloadError (naming the field) when the body is
 * not a Pipedrive webhook; returns `ignored` for echoes of lead-router's own writes and for
 * entities/actions it does not process.
 */
export function parsePipedriveEvent(json: unknown, opts: ParseEventOptions = {}): ParsedPipedriveEvent {
  if (!isObj(json)) throw new PayloadError('Pipedrive webhook body must be a JSON object');
  const meta = isObj(json.meta) ? json.meta : undefined;
  if (json.v === 1 || meta?.v === 1) {
    const v1 = v1BodySchema.safeParse(json);
    if (!v1.success) throw new PayloadError(`Pipedrive webhook v1: ${describeIssues(v1.error)}`);
    return parseV1(v1.data, json, opts);
  }
  if (!meta) throw new PayloadError('Pipedrive webhook body has no "meta" object (expected a v2 {meta, data, previous} or v1 {v: 1, meta, current, previous, event} body)');
  if (meta.version !== undefined && !String(meta.version).startsWith('2')) {
    throw new PayloadError(`Pipedrive webhook meta.version "${String(meta.version)}" is not supported (expected "2.0", or v1 with "v": 1)`);
  }
  const v2 = v2BodySchema.safeParse(json);
  if (!v2.success) throw new PayloadError(`Pipedrive webhook v2: ${describeIssues(v2.error)}`);
  return parseV2(v2.data, json, opts);
}
