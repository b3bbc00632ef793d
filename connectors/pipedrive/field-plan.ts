// Config field aliases -> Pipedrive fields, per company. A source is a plain name or
// {pipedrive: name}; "org.<name>" reads the person's organization, "lead.<property>" the
// person's first Leads-Inbox lead (person-lead.ts: where it came from). A name resolves to a built-in
// v2 property first (name, emails, owner_id, ...), then a field_code (the 40-char hash for custom
// fields), then a field_name (case-insensitive); "<address field>.<part>" reads one address part.
// Write-back names (writeBack.properties) resolve to their custom-field hashes (§3.3).
import type { LeadRouterConfig } from '../../src/config/schema.ts';
import type { WrittenKey } from '../../src/crm/types.ts';
import { writtenPropertyPath, writtenProperties } from '../../src/crm/written-properties.ts';
import { ConfigError, type ConfigIssue } from '../../src/errors.ts';
import { closeMatches } from './close-matches.ts';
import { ADDRESS_PARTS } from './custom-field-value.ts';
import type { FieldEntity, PipedriveField } from './types.ts';

/** How a built-in property is read: as is, the primary of emails/phones, label ids -> labels, an address. */
export type ReadMode = 'plain' | 'primary' | 'labels' | 'address';

export interface ReadField {
  alias: string;
  entity: FieldEntity;
  /** The v2 record key: a custom-field hash (under custom_fields) or a top-level property. */
  key: string;
  custom: boolean;
  mode: ReadMode;
  /** Field metadata: option labels for enum/set/labels, the field type. */
  field?: PipedriveField;
  /** Address part ("postal_code", "locality", ...) for "<address field>.<part>". */
  part?: string;
  /** The config's declared type, when it asks for a conversion. */
  coerce?: 'number' | 'boolean' | 'date';
}

export interface FieldPlan {
  reads: ReadField[];
  /** The custom fields lead-router writes, by written key (missing until ensureProperties). */
  writes: Partial<Record<WrittenKey, PipedriveField>>;
  /** Custom-field hashes to request per entity (`custom_fields=`), or null for all. */
  customKeys: Record<FieldEntity, string[] | null>;
  /** Person `include_fields=` values some built-ins need (marketing_status, §3.2). */
  personIncludeFields: string[];
  /** "lead.<property>" reads: properties of the person's first Leads-Inbox lead (person-lead.ts). */
  leadReads: { alias: string; key: LeadProperty }[];
}

/** What a Leads-Inbox lead says about where it came from (SDK v1 Lead, pipedrive.md §3.6), set
 *  by Pipedrive at creation: persons have no such field in API v2; leads and deals do (changelog
 *  2024-05-20). The editable marketing `channel` / `channel_id` are not read. */
export const LEAD_PROPERTIES = ['source_name', 'origin', 'origin_id'] as const;
export type LeadProperty = (typeof LEAD_PROPERTIES)[number];

function leadRead(alias: string, name: string): { alias: string; key: LeadProperty } | ConfigIssue {
  const key = name.trim().toLowerCase();
  if ((LEAD_PROPERTIES as readonly string[]).includes(key)) return { alias, key: key as LeadProperty };
  return {
    path: `fields.${alias}`,
    message: `Pipedrive lead property "${name}" is not readable`,
    hint: `"lead." reads the person's first Leads-Inbox lead: ${LEAD_PROPERTIES.map((p) => `lead.${p}`).join(', ')}`,
  };
}

export const WRITTEN_KEYS: readonly WrittenKey[] = ['score', 'fit', 'engagement', 'priority', 'grade', 'reasons'];

/** `custom_fields=` takes at most 15 keys (pipedrive.md §3.2); beyond that, request all. */
const MAX_CUSTOM_KEYS = 15;

interface Builtin {
  key: string;
  mode: ReadMode;
}
const plain = (key: string): Builtin => ({ key, mode: 'plain' });
/** Top-level v2 properties (SDK v2 models Person / Organization). */
const BUILTINS: Record<FieldEntity, Record<string, Builtin>> = {
  person: {
    name: plain('name'),
    first_name: plain('first_name'),
    last_name: plain('last_name'),
    emails: { key: 'emails', mode: 'primary' },
    email: { key: 'emails', mode: 'primary' },
    phones: { key: 'phones', mode: 'primary' },
    phone: { key: 'phones', mode: 'primary' },
    owner_id: plain('owner_id'),
    org_id: plain('org_id'),
    job_title: plain('job_title'),
    label: { key: 'label_ids', mode: 'labels' },
    label_ids: { key: 'label_ids', mode: 'labels' },
    add_time: plain('add_time'),
    update_time: plain('update_time'),
    marketing_status: plain('marketing_status'),
  },
  organization: {
    name: plain('name'),
    owner_id: plain('owner_id'),
    address: { key: 'address', mode: 'address' },
    label: { key: 'label_ids', mode: 'labels' },
    label_ids: { key: 'label_ids', mode: 'labels' },
    add_time: plain('add_time'),
    update_time: plain('update_time'),
  },
};

/** Whether `name` is a built-in v2 property of the entity (not a custom field). */
export function isBuiltinField(entity: FieldEntity, name: string): boolean {
  return BUILTINS[entity][name.trim().toLowerCase()] !== undefined;
}

/** Built-ins that exist only with `include_fields=` (SDK persons-api). */
const INCLUDE_ONLY = new Set(['marketing_status']);

type Found = Omit<ReadField, 'alias' | 'coerce'>;

function byName(fields: PipedriveField[], name: string): PipedriveField[] {
  const want = name.trim().toLowerCase();
  return fields.filter((f) => f.field_name.trim().toLowerCase() === want);
}

/** A single field by code, then by name; throws (as a message) when a name is ambiguous. */
export function findField(fields: PipedriveField[], name: string, filter: (f: PipedriveField) => boolean = () => true): PipedriveField | undefined {
  const candidates = fields.filter(filter);
  const code = candidates.find((f) => f.field_code === name);
  if (code) return code;
  const named = byName(candidates, name);
  if (named.length > 1) {
    throw new Error(`${named.length} fields are named "${name}" (keys ${named.map((f) => f.field_code).join(', ')}); use the key instead`);
  }
  return named[0];
}

function fromField(entity: FieldEntity, f: PipedriveField): Found {
  const builtin = f.is_custom_field ? undefined : BUILTINS[entity][f.field_code];
  const mode: ReadMode = builtin?.mode ?? (f.field_type === 'address' ? 'address' : 'plain');
  return { entity, key: builtin?.key ?? f.field_code, custom: f.is_custom_field, mode, field: f };
}

function resolveOne(entity: FieldEntity, name: string, fields: PipedriveField[]): Found | null {
  const builtin = BUILTINS[entity][name.trim().toLowerCase()];
  if (builtin) {
    const meta = builtin.mode === 'labels' ? fields.find((f) => f.field_code === 'label_ids' || f.field_code === 'label') : undefined;
    return { entity, key: builtin.key, custom: false, mode: builtin.mode, field: meta };
  }
  const f = findField(fields, name);
  if (f) return fromField(entity, f);
  const dot = name.lastIndexOf('.');
  const part = name.slice(dot + 1).toLowerCase();
  if (dot > 0 && (ADDRESS_PARTS as readonly string[]).includes(part)) {
    const base = resolveOne(entity, name.slice(0, dot), fields);
    if (base?.mode === 'address') return { ...base, part };
  }
  return null;
}

function sourceName(source: LeadRouterConfig['fields'][string]): { name: string; coerce?: ReadField['coerce'] } | null {
  if (typeof source === 'string') return { name: source };
  if (!source.pipedrive) return null; // a HubSpot-only field
  return { name: source.pipedrive, coerce: source.type === 'string' ? undefined : source.type };
}

function notFoundIssue(alias: string, entity: FieldEntity, name: string, fields: PipedriveField[]): ConfigIssue {
  const names = [...Object.keys(BUILTINS[entity]), ...fields.map((f) => f.field_name)];
  const close = closeMatches(name, names);
  return {
    path: `fields.${alias}`,
    message: `Pipedrive ${entity} field "${name}" not found`,
    hint: close.length
      ? `close matches: ${close.map((c) => `"${c}"`).join(', ')}`
      : `use a field name as shown in Pipedrive (Company settings > Data fields) or its key${entity === 'person' ? '; "org.<name>" reads the organization' : ''}`,
  };
}

function collectWrites(config: LeadRouterConfig, personFields: PipedriveField[], issues: ConfigIssue[]): FieldPlan['writes'] {
  const writes: FieldPlan['writes'] = {};
  for (const [key, name] of Object.entries(writtenProperties(config)) as [WrittenKey, string][]) {
    try {
      const f = findField(personFields, name, (x) => x.is_custom_field);
      if (f) writes[key] = f;
    } catch (err) {
      issues.push({ path: writtenPropertyPath(key), message: `Pipedrive person field "${name}": ${(err as Error).message}` });
    }
  }
  return writes;
}

/** Only the write-back fields (the write path does not depend on the read aliases). */
export function resolveWriteFields(config: LeadRouterConfig, personFields: PipedriveField[]): FieldPlan['writes'] {
  const issues: ConfigIssue[] = [];
  const writes = collectWrites(config, personFields, issues);
  if (issues.length) throw new ConfigError(undefined, issues);
  return writes;
}

/** Resolve the config against the company's fields. Throws ConfigError listing every unknown name. */
export function resolveFieldPlan(config: LeadRouterConfig, personFields: PipedriveField[], orgFields: PipedriveField[]): FieldPlan {
  const issues: ConfigIssue[] = [];
  const reads: ReadField[] = [];
  const leadReads: FieldPlan['leadReads'] = [];
  for (const [alias, source] of Object.entries(config.fields)) {
    const src = sourceName(source);
    if (!src) continue;
    if (/^lead\./i.test(src.name)) {
      const r = leadRead(alias, src.name.slice(5));
      if ('key' in r) leadReads.push(r);
      else issues.push(r);
      continue;
    }
    const org = /^org\./i.test(src.name);
    const entity: FieldEntity = org ? 'organization' : 'person';
    const name = org ? src.name.slice(4) : src.name;
    const fields = org ? orgFields : personFields;
    try {
      const found = resolveOne(entity, name, fields);
      if (found) reads.push({ alias, ...found, coerce: src.coerce });
      else issues.push(notFoundIssue(alias, entity, name, fields));
    } catch (err) {
      issues.push({ path: `fields.${alias}`, message: `Pipedrive ${entity} field "${name}": ${(err as Error).message}` });
    }
  }
  const writes = collectWrites(config, personFields, issues);
  if (issues.length) throw new ConfigError(undefined, issues);
  return { reads, writes, customKeys: customKeys(reads, writes), personIncludeFields: includeFields(reads), leadReads };
}

function customKeys(reads: ReadField[], writes: FieldPlan['writes']): FieldPlan['customKeys'] {
  const person = new Set([...reads.filter((r) => r.entity === 'person' && r.custom).map((r) => r.key), ...Object.values(writes).map((f) => f.field_code)]);
  const org = new Set(reads.filter((r) => r.entity === 'organization' && r.custom).map((r) => r.key));
  // An empty list would mean "no filter" to Pipedrive, returning every custom field anyway.
  const pick = (s: Set<string>) => (s.size > 0 && s.size <= MAX_CUSTOM_KEYS ? [...s] : null);
  return { person: pick(person), organization: pick(org) };
}

function includeFields(reads: ReadField[]): string[] {
  return [...new Set(reads.filter((r) => r.entity === 'person' && INCLUDE_ONLY.has(r.key)).map((r) => r.key))];
}

/** The hashes of lead-router's own fields (echo guard input). */
export function ownFieldCodes(plan: Pick<FieldPlan, 'writes'>): Set<string> {
  return new Set(Object.values(plan.writes).map((f) => f.field_code));
}
