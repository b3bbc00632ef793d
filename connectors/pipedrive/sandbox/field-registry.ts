// Field metadata per entity (GET /api/v2/personFields, /organizationFields, pipedrive.md §3.3):
// built-ins keep plain codes, custom fields get a 40-character hex hash that differs per company
// ("randomly generated 40-character hashes", §3.2). Option ids are company-wide integers.
import { createHash } from 'node:crypto';
import { BUILTIN_FIELDS, SUBFIELDS } from './field-seed.ts';
import { isoSeconds } from './time.ts';
import type { CustomFieldType, FieldEntity, FieldSeed } from './types.ts';

export interface FieldOption { id: number; label: string; color: string | null; add_time: string; update_time: string }

export interface FieldDef {
  field_code: string;
  field_name: string;
  field_type: string;
  is_custom_field: boolean;
  is_optional_response_field: boolean;
  options: FieldOption[] | null;
  subfields: { field_code: string; field_name: string; field_type: string }[] | null;
  ui_visibility: { add_visible: boolean; details_visible: boolean; search_visible: boolean };
}

export const CUSTOM_FIELD_TYPES: readonly CustomFieldType[] = [
  'varchar', 'varchar_auto', 'text', 'double', 'monetary', 'enum', 'set', 'date', 'daterange',
  'time', 'timerange', 'phone', 'address', 'user', 'org', 'people',
];
export const OPTION_TYPES = new Set(['enum', 'set']);

export interface FieldRegistry {
  list(entity: FieldEntity): FieldDef[];
  get(entity: FieldEntity, code: string): FieldDef | undefined;
  customs(entity: FieldEntity): FieldDef[];
  /** A custom field by name (case-insensitive; the first one when names repeat, as Pipedrive allows). */
  customByName(entity: FieldEntity, name: string): FieldDef | undefined;
  create(entity: FieldEntity, name: string, type: CustomFieldType, options: string[]): FieldDef;
  remove(entity: FieldEntity, code: string): boolean;
  addOptions(field: FieldDef, labels: string[]): FieldOption[];
  renameOptions(field: FieldDef, changes: { id: number; label: string }[]): void;
  removeOptions(field: FieldDef, ids: number[]): void;
}

export function createFieldRegistry(opts: { companyId: number; now: () => number; seeds: Record<FieldEntity, FieldSeed[]> }): FieldRegistry {
  const fields: Record<FieldEntity, FieldDef[]> = { person: [], organization: [] };
  let nextOptionId = 1;
  let seq = 0;
  const stamp = () => isoSeconds(opts.now());
  const option = (label: string, color: string | null = null): FieldOption => ({ id: nextOptionId++, label, color, add_time: stamp(), update_time: stamp() });
  const subfields = (type: string) => SUBFIELDS[type]?.map((part) => ({ field_code: part, field_name: part.replace(/_/g, ' '), field_type: part === 'value' && type === 'monetary' ? 'double' : 'varchar' })) ?? null;
  const visibility = { add_visible: true, details_visible: true, search_visible: true };

  for (const entity of ['person', 'organization'] as const) {
    for (const b of BUILTIN_FIELDS[entity]) {
      fields[entity].push({
        field_code: b.code, field_name: b.name, field_type: b.type, is_custom_field: false, is_optional_response_field: b.optional ?? false,
        options: b.options ? b.options.map((o) => option(o.label, o.color)) : null, subfields: subfields(b.type), ui_visibility: { ...visibility },
      });
    }
  }

  const registry: FieldRegistry = {
    list: (entity) => fields[entity],
    get: (entity, code) => fields[entity].find((f) => f.field_code === code),
    customs: (entity) => fields[entity].filter((f) => f.is_custom_field),
    customByName(entity, name) {
      const want = name.trim().toLowerCase();
      return fields[entity].find((f) => f.is_custom_field && f.field_name.trim().toLowerCase() === want);
    },
    create(entity, name, type, labels) {
      // Stable per company and creation order, different across companies (keys differ per company, §3.3).
      const code = createHash('sha1').update(`${opts.companyId}:${entity}:${++seq}:${name}`).digest('hex');
      const def: FieldDef = {
        field_code: code, field_name: name, field_type: type, is_custom_field: true, is_optional_response_field: false,
        options: OPTION_TYPES.has(type) ? labels.map((l) => option(l)) : null, subfields: subfields(type), ui_visibility: { ...visibility },
      };
      fields[entity].push(def);
      return def;
    },
    remove(entity, code) {
      const i = fields[entity].findIndex((f) => f.field_code === code && f.is_custom_field);
      if (i < 0) return false;
      fields[entity].splice(i, 1);
      return true;
    },
    addOptions(field, labels) {
      const added = labels.map((l) => option(l));
      field.options = [...(field.options ?? []), ...added];
      return added;
    },
    renameOptions(field, changes) {
      for (const c of changes) {
        const o = field.options?.find((x) => x.id === c.id);
        if (o) { o.label = c.label; o.update_time = stamp(); }
      }
    },
    removeOptions(field, ids) {
      field.options = (field.options ?? []).filter((o) => !ids.includes(o.id));
    },
  };
  for (const entity of ['person', 'organization'] as const) {
    for (const s of opts.seeds[entity]) registry.create(entity, s.name, s.type, s.options ?? []);
  }
  return registry;
}
