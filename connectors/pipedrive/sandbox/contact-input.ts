// Bodies of POST / PATCH /api/v2/persons and /api/v2/organizations (SDK AddPersonRequest,
// AddOrganizationRequest; pipedrive.md §3.2): the same shape for add and update, custom fields
// under `custom_fields` by hash. Returns the record fields and custom values to store.
import type { SandboxContext } from './context.ts';
import { badRequest } from './errors.ts';
import {
  bodyObject, checkContacts, checkCustomFields, checkLabelIds, checkLink, checkOwner, checkVisibleTo, isObj, optionalString, rejectUnknown, type Obj,
} from './input-checks.ts';
import { parseTime } from './time.ts';

export interface ParsedWrite { fields: Obj; custom: Obj }

const PERSON_PARAMS = ['name', 'owner_id', 'org_id', 'add_time', 'emails', 'phones', 'visible_to', 'label_ids', 'job_title', 'marketing_status', 'custom_fields'] as const;
const ORG_PARAMS = ['name', 'owner_id', 'add_time', 'visible_to', 'label_ids', 'address', 'website', 'custom_fields'] as const;
const MARKETING_STATUSES = ['no_consent', 'unsubscribed', 'subscribed', 'archived'];
const ADDRESS_PARTS = ['value', 'street_number', 'route', 'subpremise', 'sublocality', 'locality', 'admin_area_level_1', 'admin_area_level_2', 'country', 'postal_code', 'formatted_address'];

function checkName(value: unknown): string {
  if (typeof value !== 'string' || value.trim() === '') throw badRequest(`name must be a non-empty string, got ${JSON.stringify(value)}`);
  return value.trim();
}

function checkAddTime(value: unknown): number {
  const ms = typeof value === 'string' ? parseTime(value) : null;
  if (ms === null) throw badRequest(`add_time must be RFC 3339 or "YYYY-MM-DD HH:MM:SS", got ${JSON.stringify(value)}`);
  return ms;
}

/** "Ada Lovelace" -> first "Ada", last "Lovelace" (Pipedrive splits the name the same way). */
export function splitName(name: string): { first_name: string; last_name: string | null } {
  const [first, ...rest] = name.split(/\s+/);
  return { first_name: first ?? name, last_name: rest.length ? rest.join(' ') : null };
}

export function parsePersonWrite(ctx: SandboxContext, raw: unknown, mode: 'create' | 'update', actorId: number): ParsedWrite {
  const body = bodyObject(raw);
  rejectUnknown(body, PERSON_PARAMS, mode === 'create' ? 'POST /api/v2/persons' : 'PATCH /api/v2/persons/{id}');
  if (mode === 'create' && body['name'] === undefined) throw badRequest('name is required');
  const fields: Obj = {};
  if (body['name'] !== undefined) Object.assign(fields, { name: checkName(body['name']) }, splitName(checkName(body['name'])));
  if (body['owner_id'] !== undefined) fields['owner_id'] = checkOwner(ctx, body['owner_id']);
  if (body['org_id'] !== undefined) fields['org_id'] = checkLink(ctx, 'organization', body['org_id'], 'org_id');
  if (body['add_time'] !== undefined) {
    if (mode === 'update') throw badRequest('add_time can only be set when the person is created');
    fields['add_time'] = checkAddTime(body['add_time']);
  }
  if (body['emails'] !== undefined) fields['emails'] = checkContacts(body['emails'], 'emails');
  if (body['phones'] !== undefined) fields['phones'] = checkContacts(body['phones'], 'phones');
  if (body['visible_to'] !== undefined) fields['visible_to'] = checkVisibleTo(body['visible_to']);
  if (body['label_ids'] !== undefined) fields['label_ids'] = checkLabelIds(ctx, 'person', body['label_ids']);
  if (body['job_title'] !== undefined) fields['job_title'] = optionalString(body['job_title'], 'job_title');
  if (body['marketing_status'] !== undefined) {
    if (!MARKETING_STATUSES.includes(String(body['marketing_status']))) throw badRequest(`marketing_status must be one of ${MARKETING_STATUSES.join(', ')}`);
    fields['marketing_status'] = body['marketing_status'];
  }
  const custom = body['custom_fields'] === undefined ? {} : checkCustomFields(ctx, 'person', body['custom_fields']);
  if (mode === 'create') {
    // Defaults: the caller owns what it creates (SDK "owner_id ... if omitted, the authorized user").
    return { fields: { owner_id: actorId, org_id: null, emails: [], phones: [], visible_to: 3, label_ids: [], job_title: null, marketing_status: 'no_consent', ...fields }, custom };
  }
  return { fields, custom };
}

function checkAddress(value: unknown): Obj | null {
  if (value === null) return null;
  if (typeof value === 'string') return { value };
  if (!isObj(value) || typeof value['value'] !== 'string') throw badRequest('address must be a string, null or {value, locality, country, postal_code, ...}');
  const out: Obj = {};
  for (const part of ADDRESS_PARTS) if (typeof value[part] === 'string') out[part] = value[part];
  return out;
}

export function parseOrganizationWrite(ctx: SandboxContext, raw: unknown, mode: 'create' | 'update', actorId: number): ParsedWrite {
  const body = bodyObject(raw);
  rejectUnknown(body, ORG_PARAMS, mode === 'create' ? 'POST /api/v2/organizations' : 'PATCH /api/v2/organizations/{id}');
  if (mode === 'create' && body['name'] === undefined) throw badRequest('name is required');
  const fields: Obj = {};
  if (body['name'] !== undefined) fields['name'] = checkName(body['name']);
  if (body['owner_id'] !== undefined) fields['owner_id'] = checkOwner(ctx, body['owner_id']);
  if (body['add_time'] !== undefined) {
    if (mode === 'update') throw badRequest('add_time can only be set when the organization is created');
    fields['add_time'] = checkAddTime(body['add_time']);
  }
  if (body['visible_to'] !== undefined) fields['visible_to'] = checkVisibleTo(body['visible_to']);
  if (body['label_ids'] !== undefined) fields['label_ids'] = checkLabelIds(ctx, 'organization', body['label_ids']);
  if (body['address'] !== undefined) fields['address'] = checkAddress(body['address']);
  if (body['website'] !== undefined) fields['website'] = optionalString(body['website'], 'website');
  const custom = body['custom_fields'] === undefined ? {} : checkCustomFields(ctx, 'organization', body['custom_fields']);
  if (mode === 'create') return { fields: { owner_id: actorId, visible_to: 3, label_ids: [], address: null, website: null, ...fields }, custom };
  return { fields, custom };
}
