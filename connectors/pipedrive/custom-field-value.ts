// Custom-field values, both ways. Reading accepts the two wire forms Pipedrive uses:
// - v2 webhooks: typed objects, {type:"enum", id}, {type:"set", values:[{id}]}, {type:"double", value},
//   {type:"monetary", value, currency}, {type:"address", value, locality, ...}, {type:"user", id}
//   (pipedrive.md §1.2 "Custom fields in v2 webhooks"), and
// - the v2 API: plain values (enum: option id, set: id array, monetary/address: objects),
//   or {id, label} with include_option_labels (SDK persons-api).
// Options carry only ids; labels come from the cached field metadata (§1.2, "must do" 6).
import type { FieldValue } from '../../src/engine/types.ts';
import type { PipedriveField, PipedriveFieldOption } from './types.ts';

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Address parts of an address value (v2 API and webhook objects share them). */
export const ADDRESS_PARTS = [
  'value',
  'formatted_address',
  'street_number',
  'route',
  'subpremise',
  'sublocality',
  'locality',
  'admin_area_level_1',
  'admin_area_level_2',
  'country',
  'postal_code',
] as const;

function optionLabel(id: unknown, options: PipedriveFieldOption[] | null | undefined): string | null {
  if (isObj(id)) {
    if (typeof id.label === 'string') return id.label;
    return optionLabel(id.id, options);
  }
  if (id === null || id === undefined || id === '') return null;
  const hit = options?.find((o) => String(o.id) === String(id));
  // An id missing from the (cached) options: an option added since the cache was filled.
  return hit ? hit.label : String(id);
}

function setIds(raw: unknown): unknown[] {
  if (Array.isArray(raw)) return raw;
  if (isObj(raw) && Array.isArray(raw.values)) return raw.values;
  if (typeof raw === 'string') return raw.split(',').map((s) => s.trim()).filter((s) => s !== '');
  if (typeof raw === 'number') return [raw];
  return [];
}

function toNumberOrNull(v: unknown): number | null {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v === 'string' && v.trim() !== '') {
    const n = Number(v);
    return Number.isFinite(n) ? n : null;
  }
  return null;
}

function primitive(v: unknown): FieldValue {
  if (v === undefined || v === null) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  if (isObj(v)) {
    if ('value' in v) return primitive(v.value);
    if ('id' in v) return primitive(v.id);
  }
  return null;
}

/** One part of an address value ("postal_code", "locality", ...), or its formatted value. */
export function readAddressPart(raw: unknown, part: string = 'value'): FieldValue {
  if (!isObj(raw)) return part === 'value' ? primitive(raw) : null;
  const v = raw[part] ?? (part === 'value' ? raw.formatted_address : undefined);
  return primitive(v);
}

/**
 * A custom field's value as the engine sees it: text as string, numbers (double, monetary
 * amount) as number, enum as the option label, set as labels joined by ", ", date as
 * "YYYY-MM-DD", address as its formatted value, user/org/people links as the linked id.
 */
export function parseCustomFieldValue(raw: unknown, field: Pick<PipedriveField, 'field_type' | 'options'> | undefined): FieldValue {
  if (raw === undefined || raw === null) return null;
  const declared = isObj(raw) && typeof raw.type === 'string' ? raw.type : undefined;
  const type = field?.field_type ?? declared ?? 'varchar';
  switch (type) {
    case 'double':
    case 'int':
    case 'monetary':
      return toNumberOrNull(isObj(raw) ? raw.value : raw);
    case 'enum':
      return optionLabel(raw, field?.options); // typed {type, id}, {id, label} or a bare id
    case 'set': {
      const labels = setIds(raw)
        .map((id) => optionLabel(id, field?.options))
        .filter((l): l is string => l !== null);
      return labels.length ? labels.join(', ') : null;
    }
    case 'user':
    case 'org':
    case 'people':
      return toNumberOrNull(isObj(raw) ? (raw.id ?? raw.value) : raw);
    case 'address':
      return readAddressPart(raw, 'value');
    case 'boolean':
      return typeof raw === 'boolean' ? raw : primitive(raw);
    default:
      return primitive(raw);
  }
}

/** The option id of a label (case-insensitive, trimmed), or undefined. */
export function findOptionId(field: Pick<PipedriveField, 'options'>, label: string): number | string | undefined {
  const want = label.trim().toLowerCase();
  return field.options?.find((o) => o.label.trim().toLowerCase() === want)?.id;
}

export class UnknownOptionError extends Error {
  constructor(field: Pick<PipedriveField, 'field_name' | 'options'>, label: string) {
    const known = field.options?.map((o) => `"${o.label}"`).join(', ') || 'none';
    super(`Pipedrive field "${field.field_name}" has no option "${label}" (options: ${known})`);
  }
}

/**
 * The value to send in `custom_fields` for a PATCH (pipedrive.md §3.2): numbers for
 * double/monetary, the option id for enum (label -> id), an id array for set, text otherwise.
 * Throws UnknownOptionError for an option label the field does not have.
 */
export function encodeCustomFieldValue(
  value: string | number | null,
  field: Pick<PipedriveField, 'field_type' | 'field_name' | 'options'>,
): unknown {
  if (value === null) return null; // clears the field (SDK AddPersonRequest.custom_fields)
  switch (field.field_type) {
    case 'double':
    case 'int':
    case 'monetary': {
      if (value === '') return null; // clearing a number (a win probability without a model)
      const n = toNumberOrNull(value);
      if (n === null) throw new Error(`Pipedrive field "${field.field_name}" is numeric; cannot write "${String(value)}"`);
      return n;
    }
    case 'enum': {
      const id = findOptionId(field, String(value));
      if (id === undefined) throw new UnknownOptionError(field, String(value));
      return id;
    }
    case 'set': {
      const ids = String(value)
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s !== '')
        .map((label) => {
          const id = findOptionId(field, label);
          if (id === undefined) throw new UnknownOptionError(field, label);
          return id;
        });
      return ids.length ? ids : null; // an empty array is rejected: null clears (SDK docs)
    }
    default:
      return String(value);
  }
}
