// Bodies of POST / PATCH /api/v2/activities (SDK AddActivityRequest): the type must be an
// activity type's key (call, meeting, task, deadline, email, lunch, or a custom one such as
// webinar); a person's organization is linked when none is given.
import type { SandboxContext } from './context.ts';
import type { ParsedWrite } from './contact-input.ts';
import { badRequest } from './errors.ts';
import type { StoredRecord } from './entity-store.ts';
import { bodyObject, checkLink, checkOwner, isInt, isObj, optionalString, rejectUnknown, type Obj } from './input-checks.ts';
import { isDate } from './time.ts';

const PARAMS = ['subject', 'type', 'owner_id', 'deal_id', 'lead_id', 'person_id', 'org_id', 'due_date', 'due_time', 'duration', 'busy', 'done', 'note', 'public_description', 'participants'] as const;

function checkType(ctx: SandboxContext, value: unknown): string {
  const t = ctx.activityTypes.find((x) => x.key_string === value);
  if (!t) throw badRequest(`type must be an activity type key (${ctx.activityTypes.map((x) => x.key_string).join(', ')}), got ${JSON.stringify(value)}`);
  return t.key_string;
}

function checkParticipants(ctx: SandboxContext, value: unknown): { person_id: number; primary: boolean }[] {
  if (!Array.isArray(value)) throw badRequest('participants must be an array of {person_id, primary}');
  return value.map((p) => {
    if (!isObj(p)) throw badRequest('participants: each entry must be {person_id, primary}');
    return { person_id: checkLink(ctx, 'person', p['person_id'], 'participants.person_id') as number, primary: p['primary'] === true };
  });
}

export function parseActivityWrite(ctx: SandboxContext, raw: unknown, existing: StoredRecord | undefined, actorId: number, now: number): ParsedWrite {
  const body = bodyObject(raw);
  rejectUnknown(body, PARAMS, existing ? 'PATCH /api/v2/activities/{id}' : 'POST /api/v2/activities');
  const f: Obj = {};
  if (body['subject'] !== undefined) f['subject'] = optionalString(body['subject'], 'subject') ?? '';
  if (body['type'] !== undefined) f['type'] = checkType(ctx, body['type']);
  if (body['owner_id'] !== undefined) f['owner_id'] = checkOwner(ctx, body['owner_id']);
  if (body['deal_id'] !== undefined) {
    if (body['deal_id'] !== null) throw badRequest('deal_id: the sandbox has no deals; use null');
    f['deal_id'] = null;
  }
  if (body['lead_id'] !== undefined) {
    if (body['lead_id'] !== null && !ctx.store.get('lead', String(body['lead_id']))) throw badRequest(`lead_id: lead ${JSON.stringify(body['lead_id'])} does not exist`);
    f['lead_id'] = body['lead_id'];
  }
  if (body['person_id'] !== undefined) f['person_id'] = checkLink(ctx, 'person', body['person_id'], 'person_id');
  if (body['org_id'] !== undefined) f['org_id'] = checkLink(ctx, 'organization', body['org_id'], 'org_id');
  if (body['due_date'] !== undefined) {
    if (body['due_date'] !== null && !isDate(body['due_date'])) throw badRequest('due_date must be "YYYY-MM-DD"');
    f['due_date'] = body['due_date'];
  }
  for (const k of ['due_time', 'duration', 'note', 'public_description'] as const) if (body[k] !== undefined) f[k] = optionalString(body[k], k);
  for (const k of ['busy', 'done'] as const) {
    if (body[k] === undefined) continue;
    if (typeof body[k] !== 'boolean') throw badRequest(`${k} must be a boolean`);
    f[k] = body[k];
  }
  if (body['done'] !== undefined && body['done'] !== existing?.['done']) f['marked_as_done_time'] = body['done'] === true ? now : null;
  if (body['participants'] !== undefined) f['participants'] = checkParticipants(ctx, body['participants']);
  if (isInt(f['person_id']) && body['org_id'] === undefined) {
    const org = ctx.store.get('person', f['person_id'])?.['org_id'];
    if (isInt(org)) f['org_id'] = org;
  }
  if (existing) return { fields: f, custom: {} };
  const type = (f['type'] as string | undefined) ?? 'call';
  const typeName = ctx.activityTypes.find((t) => t.key_string === type)?.name ?? type;
  const participants = isInt(f['person_id']) ? [{ person_id: f['person_id'], primary: true }] : [];
  return {
    fields: {
      subject: typeName, type, owner_id: actorId, creator_user_id: actorId, deal_id: null, lead_id: null, person_id: null, org_id: null,
      due_date: null, due_time: null, duration: null, busy: false, done: false, marked_as_done_time: null, note: null, public_description: null,
      participants, ...f,
    },
    custom: {},
  };
}
