// Bodies of POST / PATCH /v1/leads (SDK AddLeadRequest, UpdateLeadRequest; pipedrive.md §3.6):
// a lead must be linked to a person, an organization or both; label_ids are lead-label uuids;
// the owner defaults to the caller; archived leads cannot be edited (only un-archived).
import type { SandboxContext } from './context.ts';
import type { ParsedWrite } from './contact-input.ts';
import { badRequest } from './errors.ts';
import type { StoredRecord } from './entity-store.ts';
import { bodyObject, checkLink, checkOwner, isObj, optionalString, rejectUnknown, type Obj } from './input-checks.ts';
import { isDate } from './time.ts';

const CREATE_PARAMS = ['title', 'owner_id', 'label_ids', 'person_id', 'organization_id', 'value', 'expected_close_date', 'visible_to', 'was_seen', 'origin_id', 'channel', 'channel_id'] as const;
const UPDATE_PARAMS = [...CREATE_PARAMS, 'is_archived'] as const;

function checkValue(value: unknown): Obj | null {
  if (value === null) return null;
  if (!isObj(value) || typeof value['amount'] !== 'number' || typeof value['currency'] !== 'string') throw badRequest('value must be null or {amount: number, currency: string}');
  return { amount: value['amount'], currency: value['currency'] };
}

export function parseLeadWrite(ctx: SandboxContext, raw: unknown, existing: StoredRecord | undefined, actorId: number): ParsedWrite {
  const body = bodyObject(raw);
  rejectUnknown(body, existing ? UPDATE_PARAMS : CREATE_PARAMS, existing ? 'PATCH /v1/leads/{id}' : 'POST /v1/leads');
  if (existing?.['is_archived'] === true && !(Object.keys(body).length === 1 && body['is_archived'] === false)) {
    throw badRequest('Archived leads cannot be edited; un-archive it first with {"is_archived": false}');
  }
  const f: Obj = {};
  if (body['title'] !== undefined) {
    if (typeof body['title'] !== 'string' || body['title'].trim() === '') throw badRequest('title must be a non-empty string');
    f['title'] = body['title'];
  }
  if (body['owner_id'] !== undefined) f['owner_id'] = checkOwner(ctx, body['owner_id']);
  if (body['label_ids'] !== undefined) {
    const known = new Set(ctx.leadLabels.map((l) => l.id));
    if (!Array.isArray(body['label_ids']) || !body['label_ids'].every((id) => typeof id === 'string' && known.has(id))) {
      throw badRequest(`label_ids must be an array of lead label ids (GET /v1/leadLabels), got ${JSON.stringify(body['label_ids'])}`);
    }
    f['label_ids'] = [...new Set(body['label_ids'] as string[])];
  }
  if (body['person_id'] !== undefined) f['person_id'] = checkLink(ctx, 'person', body['person_id'], 'person_id');
  if (body['organization_id'] !== undefined) f['organization_id'] = checkLink(ctx, 'organization', body['organization_id'], 'organization_id');
  if (body['value'] !== undefined) f['value'] = checkValue(body['value']);
  if (body['expected_close_date'] !== undefined) {
    if (body['expected_close_date'] !== null && !isDate(body['expected_close_date'])) throw badRequest('expected_close_date must be "YYYY-MM-DD" or null');
    f['expected_close_date'] = body['expected_close_date'];
  }
  if (body['visible_to'] !== undefined) {
    if (!['1', '3', '5', '7'].includes(String(body['visible_to']))) throw badRequest('visible_to must be "1", "3", "5" or "7"');
    f['visible_to'] = String(body['visible_to']);
  }
  for (const k of ['was_seen', 'is_archived'] as const) {
    if (body[k] === undefined) continue;
    if (typeof body[k] !== 'boolean') throw badRequest(`${k} must be a boolean`);
    f[k] = body[k];
  }
  for (const k of ['origin_id', 'channel_id'] as const) if (body[k] !== undefined) f[k] = optionalString(body[k], k);
  if (body['channel'] !== undefined) f['channel'] = body['channel'] === null ? null : Number(body['channel']);

  const merged = { person_id: existing?.['person_id'] ?? null, organization_id: existing?.['organization_id'] ?? null, ...f };
  if (merged.person_id === null && merged.organization_id === null) throw badRequest('A lead must be linked to a person or an organization (person_id and/or organization_id)');
  if (existing) return { fields: f, custom: {} };
  if (f['title'] === undefined) throw badRequest('title is required');
  return {
    fields: {
      owner_id: actorId, creator_id: actorId, label_ids: [], person_id: null, organization_id: null, source_name: 'API', origin: 'API', origin_id: null,
      channel: null, channel_id: null, source_deal_id: null, is_archived: false, was_seen: false, value: null, expected_close_date: null,
      next_activity_id: null, visible_to: '3', ...f,
    },
    custom: {},
  };
}

/** Lead sources (GET /v1/leadSources, developers.pipedrive.com "LeadSources": fixed list). */
export const LEAD_SOURCES = ['Manually created', 'Deal', 'Web forms', 'Prospector', 'Leadbooster', 'Live chat', 'Import', 'Website visitors', 'Workflow automation', 'API'] as const;

/**
 * Where a lead made in the UI comes from: `source_name` one of LEAD_SOURCES (default "Manually
 * created"), `origin` the system code ("ManuallyCreated" and "API" are the values seen in real
 * responses; for the other sources the sandbox joins the words, e.g. "WebForms", an assumption).
 */
export function uiLeadSource(sourceName: unknown): { source_name: string; origin: string } {
  const name = sourceName === undefined ? 'Manually created' : sourceName;
  if (typeof name !== 'string' || !(LEAD_SOURCES as readonly string[]).includes(name)) {
    throw badRequest(`source_name must be one of ${LEAD_SOURCES.join(', ')}, got ${JSON.stringify(sourceName)}`);
  }
  return { source_name: name, origin: name === 'API' ? 'API' : name.split(' ').map((w) => w[0]!.toUpperCase() + w.slice(1)).join('') };
}
