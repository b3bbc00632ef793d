// Bodies of POST / PATCH /api/v2/deals (SDK AddDealRequest / UpdateDealRequest): title (required
// on create), value + currency, person_id / org_id links, owner_id, status open | won | lost and
// lost_reason. Marking a deal won or lost stamps won_time / lost_time and close_time, as
// Pipedrive does; re-opening clears them. Times are RFC 3339 (v2 objects, pipedrive.md §3.2).
import type { SandboxContext } from './context.ts';
import type { ParsedWrite } from './contact-input.ts';
import { badRequest } from './errors.ts';
import type { StoredRecord } from './entity-store.ts';
import { bodyObject, checkLink, checkOwner, optionalString, rejectUnknown, type Obj } from './input-checks.ts';
import { isoSeconds } from './time.ts';

const PARAMS = ['title', 'value', 'currency', 'person_id', 'org_id', 'owner_id', 'status', 'lost_reason', 'pipeline_id', 'stage_id', 'visible_to'] as const;
const STATUSES = ['open', 'won', 'lost'];

export function parseDealWrite(ctx: SandboxContext, raw: unknown, existing: StoredRecord | undefined, actorId: number): ParsedWrite {
  const body = bodyObject(raw);
  rejectUnknown(body, PARAMS, existing ? 'PATCH /api/v2/deals/{id}' : 'POST /api/v2/deals');
  const f: Obj = {};
  if (body['title'] !== undefined) {
    if (typeof body['title'] !== 'string' || body['title'].trim() === '') throw badRequest('title must be a non-empty string');
    f['title'] = body['title'];
  }
  if (body['value'] !== undefined) {
    if (typeof body['value'] !== 'number' || !Number.isFinite(body['value'])) throw badRequest('value must be a number');
    f['value'] = body['value'];
  }
  if (body['currency'] !== undefined) {
    if (typeof body['currency'] !== 'string' || !/^[A-Z]{3}$/.test(body['currency'])) throw badRequest('currency must be a 3-letter code such as "EUR"');
    f['currency'] = body['currency'];
  }
  if (body['person_id'] !== undefined) f['person_id'] = checkLink(ctx, 'person', body['person_id'], 'person_id');
  if (body['org_id'] !== undefined) f['org_id'] = checkLink(ctx, 'organization', body['org_id'], 'org_id');
  if (body['owner_id'] !== undefined) f['owner_id'] = checkOwner(ctx, body['owner_id']);
  for (const k of ['pipeline_id', 'stage_id'] as const) {
    if (body[k] === undefined) continue;
    if (!Number.isInteger(body[k]) || (body[k] as number) < 1) throw badRequest(`${k} must be a positive integer`);
    f[k] = body[k];
  }
  if (body['visible_to'] !== undefined) f['visible_to'] = String(body['visible_to']);
  if (body['lost_reason'] !== undefined) f['lost_reason'] = optionalString(body['lost_reason'], 'lost_reason');
  if (body['status'] !== undefined) {
    if (!STATUSES.includes(String(body['status']))) throw badRequest(`status must be one of ${STATUSES.join(', ')}`);
    const status = String(body['status']);
    if (status !== existing?.['status']) Object.assign(f, statusTimes(status, ctx.now()));
  }
  if (existing) return { fields: f, custom: {} };
  if (f['title'] === undefined) throw badRequest('title is required');
  return {
    fields: {
      title: f['title'], value: 0, currency: 'EUR', person_id: null, org_id: null, owner_id: actorId, creator_user_id: actorId, pipeline_id: 1, stage_id: 1,
      status: 'open', won_time: null, lost_time: null, close_time: null, lost_reason: null, visible_to: '3', is_archived: false, ...f,
    },
    custom: {},
  };
}

/** What Pipedrive stamps when a deal's status changes. */
function statusTimes(status: string, now: number): Obj {
  const at = isoSeconds(now);
  if (status === 'won') return { status, won_time: at, lost_time: null, close_time: at, lost_reason: null };
  if (status === 'lost') return { status, lost_time: at, won_time: null, close_time: at };
  return { status, won_time: null, lost_time: null, close_time: null, lost_reason: null };
}
