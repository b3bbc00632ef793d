// Custom-field values, three ways (pipedrive.md §1.2, §3.2):
// - in: `custom_fields: {<hash>: value}` of a v2 POST/PATCH, checked against the field's type
//   (enum: an existing option id, set: option ids, double: a number, ...); null clears;
// - out (API): plain values, enum as the option id, set as an id array;
// - out (webhooks v2): typed objects {type:"enum", id}, {type:"set", values:[{id}]}, {type:"double", value}, ...
import { isDate } from './time.ts';
import type { FieldDef } from './field-registry.ts';

export const VARCHAR_MAX = 255;
export const TEXT_MAX = 65_535; // text fields hold up to 64 KB
const DEFAULT_CURRENCY = 'EUR';
const ADDRESS_PARTS = ['value', 'street_number', 'route', 'subpremise', 'sublocality', 'locality', 'admin_area_level_1', 'admin_area_level_2', 'country', 'postal_code', 'formatted_address'];

export interface LinkChecks {
  user(id: number): boolean;
  org(id: number): boolean;
  person(id: number): boolean;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);

/** The stored value for `raw`, or throws a message naming the field and what it accepts. */
export function checkCustomValue(field: FieldDef, raw: unknown, links: LinkChecks): unknown {
  const where = `custom field "${field.field_name}" (${field.field_code}, ${field.field_type})`;
  const fail = (what: string): never => { throw new Error(`${where}: ${what}, got ${JSON.stringify(raw)}`); };
  if (raw === null) return null;
  const optionIds = new Set((field.options ?? []).map((o) => o.id));
  const known = () => (field.options ?? []).map((o) => `${o.id} (${o.label})`).join(', ') || 'none';
  switch (field.field_type) {
    case 'varchar': case 'varchar_auto': case 'phone': case 'text': {
      if (typeof raw !== 'string' && typeof raw !== 'number') return fail('expected a string');
      const s = String(raw);
      const max = field.field_type === 'text' ? TEXT_MAX : VARCHAR_MAX;
      return s.length > max ? fail(`longer than ${max} characters`) : s;
    }
    case 'double':
      return typeof raw === 'number' && Number.isFinite(raw) ? raw : fail('expected a number');
    case 'monetary': {
      if (typeof raw === 'number' && Number.isFinite(raw)) return { value: raw, currency: DEFAULT_CURRENCY };
      if (isObj(raw) && typeof raw['value'] === 'number' && Number.isFinite(raw['value'])) {
        return { value: raw['value'], currency: typeof raw['currency'] === 'string' ? raw['currency'] : DEFAULT_CURRENCY };
      }
      return fail('expected a number or {value, currency}');
    }
    case 'enum':
      if (!isInt(raw)) return fail(`expected an option id (options: ${known()})`);
      return optionIds.has(raw) ? raw : fail(`option ${raw} does not exist (options: ${known()})`);
    case 'set': {
      if (!Array.isArray(raw) || raw.length === 0 || !raw.every(isInt)) return fail(`expected a non-empty array of option ids (options: ${known()}); null clears`);
      const missing = raw.filter((id) => !optionIds.has(id));
      return missing.length ? fail(`option(s) ${missing.join(', ')} do not exist (options: ${known()})`) : [...new Set(raw)];
    }
    case 'date':
      return isDate(raw) ? raw : fail('expected a date "YYYY-MM-DD"');
    case 'time': case 'timerange': case 'daterange':
      return typeof raw === 'string' ? raw : fail('expected a string');
    case 'address': {
      if (typeof raw === 'string') return { value: raw };
      if (!isObj(raw) || typeof raw['value'] !== 'string') return fail('expected a string or {value, locality, country, postal_code, ...}');
      const out: Obj = {};
      for (const part of ADDRESS_PARTS) if (typeof raw[part] === 'string') out[part] = raw[part];
      return out;
    }
    case 'user':
      return isInt(raw) && links.user(raw) ? raw : fail('expected the id of an active user');
    case 'org':
      return isInt(raw) && links.org(raw) ? raw : fail('expected the id of an existing organization');
    case 'people':
      return isInt(raw) && links.person(raw) ? raw : fail('expected the id of an existing person');
    default:
      return raw;
  }
}

/** A v2 webhook's typed object for a stored value (§1.2 "Custom fields in v2 webhooks"); null stays null. */
export function toWebhookValue(field: FieldDef | undefined, stored: unknown): unknown {
  if (stored === null || stored === undefined) return null;
  const type = field?.field_type ?? 'varchar';
  switch (type) {
    case 'enum': return { type, id: stored };
    case 'set': return { type, values: (stored as number[]).map((id) => ({ id })) };
    case 'user': case 'org': case 'people': return { type, id: stored };
    case 'monetary': case 'address': return { type, ...(stored as Obj) };
    default: return { type, value: stored };
  }
}

/** A value given by label (user helpers: "analytics", ["Web", "Events"]) -> option id(s); others unchanged. */
export function labelsToIds(field: FieldDef, value: unknown): unknown {
  const find = (label: unknown) => {
    if (typeof label !== 'string') return label;
    const want = label.trim().toLowerCase();
    const hit = field.options?.find((o) => o.label.trim().toLowerCase() === want);
    if (!hit) throw new Error(`custom field "${field.field_name}" has no option "${label}" (options: ${(field.options ?? []).map((o) => o.label).join(', ')})`);
    return hit.id;
  };
  if (field.field_type === 'enum') return value === null || value === '' ? null : find(value);
  if (field.field_type === 'set') {
    if (value === null) return null;
    const list = Array.isArray(value) ? value : String(value).split(',').map((s) => s.trim()).filter((s) => s !== '');
    return list.length ? list.map(find) : null;
  }
  return value;
}
