// The `data` and `previous` blocks of v2 webhooks (pipedrive.md §1.2): trimmed objects
// (person: add_time, custom_fields, emails, first_name, id, label, last_name, name, org_id,
// owner_id, phones, update_time, visible_to as a string), custom fields as TYPED objects, and
// `previous` holding only the fields that changed (custom fields: only the changed keys).
import type { SandboxContext } from './context.ts';
import { toWebhookValue } from './custom-field-values.ts';
import type { Change, StoredRecord } from './entity-store.ts';
import { isoSeconds } from './time.ts';
import type { Entity, FieldEntity } from './types.ts';

type Obj = Record<string, unknown>;

/** Keys of `data` per entity (§1.2 examples). Other changed fields still appear in `previous`. */
const DATA_KEYS: Record<Entity, readonly string[]> = {
  person: ['add_time', 'custom_fields', 'emails', 'first_name', 'id', 'label', 'last_name', 'name', 'org_id', 'owner_id', 'phones', 'update_time', 'visible_to'],
  organization: ['add_time', 'address', 'custom_fields', 'id', 'label_ids', 'name', 'owner_id', 'update_time', 'visible_to'],
  activity: ['add_time', 'deal_id', 'done', 'due_date', 'due_time', 'id', 'lead_id', 'org_id', 'owner_id', 'person_id', 'subject', 'type', 'update_time'],
  // v2 deal data: the fields of the v2 API deal (status, value, won / lost / close time, lost reason).
  deal: ['add_time', 'close_time', 'currency', 'id', 'is_archived', 'lost_reason', 'lost_time', 'org_id', 'owner_id', 'person_id', 'pipeline_id', 'stage_id', 'status', 'title', 'update_time', 'value', 'visible_to', 'won_time'],
  lead: ['add_time', 'expected_close_date', 'id', 'is_archived', 'label_ids', 'organization_id', 'owner_id', 'person_id', 'title', 'update_time', 'value', 'visible_to'],
};
const NOT_SHOWN = new Set(['is_deleted', 'custom_fields', 'add_time', 'update_time', 'marked_as_done_time', 'label_ids']);

function typedCustomFields(ctx: SandboxContext, entity: Entity, record: StoredRecord): Obj {
  if (entity !== 'person' && entity !== 'organization') return {};
  const out: Obj = {};
  for (const f of ctx.fields.customs(entity as FieldEntity)) out[f.field_code] = toWebhookValue(f, record.custom_fields[f.field_code]);
  return out;
}

/** Every field of the record in webhook representation (diffed to build `previous`). */
function fullView(ctx: SandboxContext, entity: Entity, record: StoredRecord): Obj {
  const view: Obj = {};
  for (const [k, v] of Object.entries(record)) if (!NOT_SHOWN.has(k)) view[k] = v;
  view['add_time'] = isoSeconds(record.add_time);
  view['update_time'] = isoSeconds(record.update_time);
  if (entity === 'person' || entity === 'organization') {
    view['visible_to'] = String(record['visible_to']);
    view['custom_fields'] = typedCustomFields(ctx, entity, record);
  }
  const labels = record['label_ids'];
  if (Array.isArray(labels)) {
    if (entity === 'person') view['label'] = labels[0] ?? null; // the v2 person example carries one `label`
    else view['label_ids'] = labels;
  }
  return view;
}

const pick = (view: Obj, keys: readonly string[]): Obj => Object.fromEntries(keys.filter((k) => k in view).map((k) => [k, view[k]]));
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** {data, previous} of one change (create: previous null; delete: data null, previous = last state). */
export function webhookBlocks(ctx: SandboxContext, change: Change): { data: Obj | null; previous: Obj | null } {
  const keys = DATA_KEYS[change.entity];
  const after = change.after ? fullView(ctx, change.entity, change.after) : null;
  const before = change.before ? fullView(ctx, change.entity, change.before) : null;
  if (change.action === 'create') return { data: after && pick(after, keys), previous: null };
  if (change.action === 'delete') return { data: null, previous: before && pick(before, keys) };
  if (!after || !before) return { data: after, previous: null };
  const previous: Obj = {};
  for (const k of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (k === 'custom_fields') {
      const was = before[k] as Obj;
      const now = after[k] as Obj;
      const changed = Object.keys({ ...was, ...now }).filter((h) => !same(was[h] ?? null, now[h] ?? null));
      if (changed.length) previous[k] = Object.fromEntries(changed.map((h) => [h, was[h] ?? null]));
    } else if (!same(before[k], after[k])) {
      previous[k] = before[k] ?? null;
    }
  }
  return { data: pick(after, keys), previous };
}

/** Users who can see the record: admins and its owner, everyone unless it is private (visible_to 1). */
export function permittedUserIds(ctx: SandboxContext, change: Change): number[] {
  const record = change.after ?? change.before;
  const owner = record?.['owner_id'];
  const priv = String(record?.['visible_to'] ?? '3') === '1';
  return ctx.users.list().filter((u) => u.active && (!priv || u.isAdmin || u.id === owner)).map((u) => u.id);
}
