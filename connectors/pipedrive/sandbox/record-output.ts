// Stored records -> API objects: v2 persons / organizations / activities (SDK v2 Person,
// OrganizationItem, ActivityItem; RFC 3339 times; custom fields as plain values under
// `custom_fields`, enum as the option id) and v1 leads (SDK v1 Lead).
import type { SandboxContext } from './context.ts';
import type { StoredRecord } from './entity-store.ts';
import { badRequest } from './errors.ts';
import { isoMillis, isoSeconds } from './time.ts';
import type { FieldEntity } from './types.ts';

type Obj = Record<string, unknown>;

/** `custom_fields=` takes at most 15 keys (§3.2). */
export const MAX_CUSTOM_FIELD_KEYS = 15;
/** include_fields= values the sandbox computes (SDK persons-api; deals and mail do not exist here). */
export const PERSON_INCLUDE_FIELDS = [
  'activities_count', 'done_activities_count', 'undone_activities_count', 'open_deals_count', 'closed_deals_count', 'won_deals_count',
  'lost_deals_count', 'email_messages_count', 'files_count', 'notes_count', 'followers_count', 'last_activity_id', 'next_activity_id',
  'last_incoming_mail_time', 'last_outgoing_mail_time', 'marketing_status',
];

export interface OutputOptions { customKeys?: string[] | null; include?: string[] }

/** Parses `custom_fields=` and `include_fields=` query values. */
export function outputOptions(query: Record<string, unknown>, allowedInclude: readonly string[]): OutputOptions {
  const list = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v.split(',').map((s) => s.trim()).filter((s) => s !== '') : undefined);
  const customKeys = list(query['custom_fields']);
  if (customKeys && customKeys.length > MAX_CUSTOM_FIELD_KEYS) throw badRequest(`custom_fields accepts at most ${MAX_CUSTOM_FIELD_KEYS} keys, got ${customKeys.length}`);
  const include = list(query['include_fields']) ?? [];
  const unknown = include.filter((f) => !allowedInclude.includes(f));
  if (unknown.length) throw badRequest(`include_fields: unknown value(s) ${unknown.join(', ')} (accepted: ${allowedInclude.join(', ') || 'none'})`);
  return { customKeys: customKeys ?? null, include };
}

function customFieldsOut(ctx: SandboxContext, entity: FieldEntity, record: StoredRecord, keys: string[] | null | undefined): Obj {
  const out: Obj = {};
  for (const f of ctx.fields.customs(entity)) {
    if (keys && !keys.includes(f.field_code)) continue;
    out[f.field_code] = record.custom_fields[f.field_code] ?? null;
  }
  return out;
}

function personExtras(ctx: SandboxContext, record: StoredRecord, include: string[]): Obj {
  if (!include.length) return {};
  const acts = ctx.store.all('activity').filter((a) => a['person_id'] === record.id);
  const done = acts.filter((a) => a['done'] === true);
  const undone = acts.filter((a) => a['done'] !== true);
  const values: Obj = {
    activities_count: acts.length, done_activities_count: done.length, undone_activities_count: undone.length,
    last_activity_id: done.at(-1)?.id ?? null, next_activity_id: undone[0]?.id ?? null, marketing_status: record['marketing_status'] ?? 'no_consent',
    last_incoming_mail_time: null, last_outgoing_mail_time: null,
  };
  return Object.fromEntries(include.map((k) => [k, k in values ? values[k] : 0]));
}

export function personToApi(ctx: SandboxContext, record: StoredRecord, o: OutputOptions = {}): Obj {
  return {
    id: record.id, name: record['name'], first_name: record['first_name'], last_name: record['last_name'], owner_id: record['owner_id'],
    org_id: record['org_id'], add_time: isoSeconds(record.add_time), update_time: isoSeconds(record.update_time), emails: record['emails'],
    phones: record['phones'], is_deleted: record.is_deleted, visible_to: record['visible_to'], label_ids: record['label_ids'], picture_id: null,
    job_title: record['job_title'], custom_fields: customFieldsOut(ctx, 'person', record, o.customKeys), ...personExtras(ctx, record, o.include ?? []),
  };
}

export function organizationToApi(ctx: SandboxContext, record: StoredRecord, o: OutputOptions = {}): Obj {
  return {
    id: record.id, name: record['name'], owner_id: record['owner_id'], add_time: isoSeconds(record.add_time), update_time: isoSeconds(record.update_time),
    is_deleted: record.is_deleted, visible_to: record['visible_to'], address: record['address'], label_ids: record['label_ids'],
    website: record['website'], custom_fields: customFieldsOut(ctx, 'organization', record, o.customKeys),
  };
}

export function activityToApi(record: StoredRecord): Obj {
  const { custom_fields: _custom, marked_as_done_time: done, ...rest } = record;
  return { ...rest, add_time: isoSeconds(record.add_time), update_time: isoSeconds(record.update_time), marked_as_done_time: typeof done === 'number' ? isoSeconds(done) : null };
}

/** A deal as GET /api/v2/deals returns it (RFC 3339 times). */
export function dealToApi(record: StoredRecord): Obj {
  const { custom_fields: _custom, is_deleted: _deleted, ...rest } = record;
  return { ...rest, add_time: isoSeconds(record.add_time), update_time: isoSeconds(record.update_time), custom_fields: {} };
}

export function leadToApi(ctx: SandboxContext, record: StoredRecord): Obj {
  const { custom_fields: _custom, is_deleted: _deleted, ...rest } = record;
  return { ...rest, add_time: isoMillis(record.add_time), update_time: isoMillis(record.update_time), cc_email: `${ctx.companyDomain}+${String(record.id).slice(0, 8)}@pipedrivemail.com` };
}
