// A v2 person (+ its organization and first Leads-Inbox lead) -> CrmLeadSnapshot: config aliases typed per Pipedrive field
// type (custom-field-value.ts), then converted to the config's declared type, if any.
import type { CrmLeadSnapshot, WrittenKey } from '../../src/crm/types.ts';
import type { FieldValue } from '../../src/engine/types.ts';
import { parseCustomFieldValue, readAddressPart } from './custom-field-value.ts';
import type { Lead } from 'pipedrive/v1';
import type { FieldPlan, ReadField } from './field-plan.ts';
import { leadValue } from './person-lead.ts';
import { parsePipedriveTime } from './time.ts';
import type { PipedriveRecord } from './types.ts';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The primary entry of emails/phones ([{value, primary, label}]), else the first. */
function primaryValue(list: unknown): FieldValue {
  if (!Array.isArray(list)) return typeof list === 'string' ? list : null;
  const entries = list.filter(isObj);
  const hit = entries.find((e) => e.primary === true) ?? entries[0];
  return typeof hit?.value === 'string' && hit.value !== '' ? hit.value : null;
}

function rawValue(record: PipedriveRecord, ref: ReadField): FieldValue {
  const raw = ref.custom ? record.custom_fields?.[ref.key] : record[ref.key];
  switch (ref.mode) {
    case 'primary':
      return primaryValue(raw);
    case 'labels':
      return parseCustomFieldValue(raw, { field_type: 'set', options: ref.field?.options });
    case 'address':
      return readAddressPart(raw, ref.part ?? 'value');
    default:
      return parseCustomFieldValue(raw, ref.field);
  }
}

const TRUE = new Set(['true', 'yes', '1', 'y']);
const FALSE = new Set(['false', 'no', '0', 'n']);

/** Convert to the config's declared type; null when the value does not convert. */
export function coerceValue(v: FieldValue, to: ReadField['coerce']): FieldValue {
  if (v === null || to === undefined) return v;
  if (to === 'number') {
    if (typeof v === 'number') return v;
    const n = Number(String(v).replace(/[\s,]/g, ''));
    return String(v).trim() !== '' && Number.isFinite(n) ? n : null;
  }
  if (to === 'boolean') {
    if (typeof v === 'boolean') return v;
    const s = String(v).trim().toLowerCase();
    return TRUE.has(s) ? true : FALSE.has(s) ? false : null;
  }
  return parsePipedriveTime(v); // date -> epoch ms
}

export function readFieldValue(record: PipedriveRecord, ref: ReadField): FieldValue {
  return coerceValue(rawValue(record, ref), ref.coerce);
}

const idOrNull = (v: unknown): string | null => (typeof v === 'number' || (typeof v === 'string' && v !== '') ? String(v) : null);

/**
 * `unassigned`: owner ids that mean "nobody yet" (lead-router's own user, intake-owner.ts); a
 * person or organization they own reads as unowned.
 */
export function toLeadSnapshot(
  person: PipedriveRecord,
  org: PipedriveRecord | undefined,
  plan: FieldPlan,
  unassigned: ReadonlySet<string> = new Set(),
  lead?: Lead,
): CrmLeadSnapshot {
  const owner = (v: unknown) => {
    const id = idOrNull(v);
    return id !== null && unassigned.has(id) ? null : id;
  };
  const fields: CrmLeadSnapshot['fields'] = {};
  for (const ref of plan.reads) {
    const record = ref.entity === 'person' ? person : org;
    fields[ref.alias] = record ? readFieldValue(record, ref) : null;
  }
  for (const ref of plan.leadReads) fields[ref.alias] = leadValue(lead, ref.key);
  const written: CrmLeadSnapshot['written'] = {};
  for (const [key, field] of Object.entries(plan.writes) as [WrittenKey, NonNullable<FieldPlan['writes'][WrittenKey]>][]) {
    const v = parseCustomFieldValue(person.custom_fields?.[field.field_code], field);
    if (v !== null && v !== '') written[key] = String(v);
  }
  return {
    id: String(person.id),
    fields,
    ownerId: owner(person.owner_id),
    companyId: idOrNull(person.org_id),
    companyOwnerId: owner(org?.owner_id),
    written,
    createdAt: parsePipedriveTime(person.add_time),
  };
}
