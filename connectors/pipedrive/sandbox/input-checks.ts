// Checks shared by the write endpoints: unknown parameters, owner ids (an existing active user),
// visibility, labels, emails/phones, custom_fields by hash. Each failure is a 400 with a message
// that names the parameter and what it accepts.
import type { SandboxContext } from './context.ts';
import { checkCustomValue } from './custom-field-values.ts';
import { badRequest } from './errors.ts';
import type { FieldEntity } from './types.ts';

export type Obj = Record<string, unknown>;
export const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
export const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);

export function bodyObject(body: unknown): Obj {
  if (!isObj(body)) throw badRequest('The request body must be a JSON object');
  return body;
}

export function rejectUnknown(body: Obj, allowed: readonly string[], what: string): void {
  const unknown = Object.keys(body).filter((k) => !allowed.includes(k));
  if (unknown.length) throw badRequest(`Unknown parameter(s) for ${what}: ${unknown.join(', ')} (accepted: ${allowed.join(', ')})`);
}

export function checkOwner(ctx: SandboxContext, value: unknown, param = 'owner_id'): number {
  if (!isInt(value)) throw badRequest(`${param} must be an integer user id, got ${JSON.stringify(value)}`);
  const user = ctx.users.get(value);
  if (!user) throw badRequest(`${param}: user ${value} does not exist in this company`);
  if (!user.active) throw badRequest(`${param}: user ${value} is deactivated and cannot own records`);
  return value;
}

/** 1 owner & followers, 3 entire company (Lite/Growth); 5 and 7 on Premium/Ultimate visibility groups. */
export function checkVisibleTo(value: unknown): number {
  if (value === 1 || value === 3 || value === 5 || value === 7) return value;
  throw badRequest(`visible_to must be one of 1, 3, 5, 7, got ${JSON.stringify(value)}`);
}

export function checkLink(ctx: SandboxContext, entity: 'person' | 'organization', value: unknown, param: string): number | null {
  if (value === null) return null;
  if (!isInt(value)) throw badRequest(`${param} must be an integer id or null, got ${JSON.stringify(value)}`);
  if (!ctx.store.get(entity, value)) throw badRequest(`${param}: ${entity} ${value} does not exist`);
  return value;
}

export function checkLabelIds(ctx: SandboxContext, entity: FieldEntity, value: unknown): number[] {
  const known = new Set((ctx.fields.get(entity, 'label_ids')?.options ?? []).map((o) => o.id));
  if (!Array.isArray(value) || !value.every((id) => isInt(id) && known.has(id))) {
    throw badRequest(`label_ids must be an array of existing ${entity} label ids (${[...known].join(', ')}), got ${JSON.stringify(value)}`);
  }
  return [...new Set(value as number[])];
}

/** emails / phones: [{value, primary, label}], exactly one primary when not empty (SDK PersonItemEmail). */
export function checkContacts(value: unknown, param: string): { value: string; primary: boolean; label: string }[] {
  if (!Array.isArray(value)) throw badRequest(`${param} must be an array of {value, primary, label}`);
  const list = value.map((e) => {
    if (!isObj(e) || typeof e['value'] !== 'string') throw badRequest(`${param}: each entry needs a string "value", got ${JSON.stringify(e)}`);
    return { value: e['value'], primary: e['primary'] === true, label: typeof e['label'] === 'string' ? e['label'] : 'work' };
  }).filter((e) => e.value.trim() !== '');
  const primary = Math.max(0, list.findIndex((e) => e.primary));
  return list.map((e, i) => ({ ...e, primary: i === primary }));
}

export function checkCustomFields(ctx: SandboxContext, entity: FieldEntity, value: unknown): Obj {
  if (!isObj(value)) throw badRequest('custom_fields must be an object {<field key>: value}');
  const out: Obj = {};
  for (const [code, raw] of Object.entries(value)) {
    const field = ctx.fields.get(entity, code);
    if (!field?.is_custom_field) {
      throw badRequest(`custom_fields: "${code}" is not a ${entity} custom field key (GET /api/v2/${entity}Fields lists the 40-character keys)`);
    }
    try {
      out[code] = checkCustomValue(field, raw, ctx.links);
    } catch (err) {
      throw badRequest(`custom_fields: ${(err as Error).message}`);
    }
  }
  return out;
}

export function optionalString(value: unknown, param: string): string | null {
  if (value === null) return null;
  if (typeof value !== 'string') throw badRequest(`${param} must be a string or null, got ${JSON.stringify(value)}`);
  return value;
}
