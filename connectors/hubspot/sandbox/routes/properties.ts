// Properties API (shared/reference/hubspot.md §6 "Properties"): list / read / create / update
// property definitions and groups, one at a time or in batches; an existing name answers 409
// (a 207 error row in a batch; app install must treat it as done).
import type { ApiRouter } from '../api-router.ts';
import type { SandboxContext } from '../context.ts';
import { apiError, validationError } from '../errors.ts';
import { FIELD_TYPES, PROPERTY_TYPES } from '../property-definitions.ts';
import type { PropertyDefinition, PropertyOption, PropertyType } from '../property-definitions.ts';
import { schemaScopes } from '../scopes.ts';
import { CRM_OBJECT_TYPES, type CrmObjectType } from '../types.ts';
import { bodyObject, isoNow } from './request-body.ts';

const NAME = /^[a-z][a-z0-9_]*$/; // internal names: lowercase, digits, underscores

function toOutput(p: PropertyDefinition): Record<string, unknown> {
  const { readOnlyValue, ...rest } = p;
  return { ...rest, archived: false, modificationMetadata: { archivable: !p.hubspotDefined, readOnlyDefinition: p.hubspotDefined, readOnlyValue } };
}

function parseOptions(raw: unknown): PropertyOption[] {
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) throw validationError('options must be an array of {label, value}');
  return raw.map((o: Record<string, unknown>, index) => {
    if (typeof o?.['label'] !== 'string' || typeof o['value'] !== 'string') throw validationError(`options[${index}] needs a string label and value`);
    return { label: o['label'], value: o['value'], displayOrder: Number(o['displayOrder'] ?? index), hidden: o['hidden'] === true, description: String(o['description'] ?? '') };
  });
}

/** Inputs per properties batch call (the sandbox's bound; HubSpot documents none for properties). */
const MAX_BATCH_INPUTS = 100;

function namedInputs(body: Record<string, unknown>): string[] {
  const inputs = body['inputs'];
  if (!Array.isArray(inputs)) throw validationError('inputs must be an array of {name}');
  if (inputs.length > MAX_BATCH_INPUTS) throw validationError(`at most ${MAX_BATCH_INPUTS} inputs per batch`);
  return inputs.map((i: { name?: unknown }, index) => {
    if (typeof i?.name !== 'string') throw validationError(`inputs[${index}].name must be a string`);
    return i.name;
  });
}

/** A custom property definition from a create body (the single and the batch create). */
function newDefinition(ctx: SandboxContext, type: CrmObjectType, body: Record<string, unknown>): PropertyDefinition {
  const name = body['name'];
  if (typeof name !== 'string' || !NAME.test(name)) throw validationError('name is required: lowercase letters, digits and underscores, starting with a letter');
  const ptype = body['type'];
  const fieldType = body['fieldType'];
  if (!PROPERTY_TYPES.includes(ptype as PropertyType)) throw validationError(`type must be one of ${PROPERTY_TYPES.join(', ')}`);
  if (!(FIELD_TYPES as readonly string[]).includes(String(fieldType))) throw validationError(`fieldType must be one of ${FIELD_TYPES.join(', ')}`);
  if (typeof body['label'] !== 'string') throw validationError('label is required');
  const groupName = String(body['groupName'] ?? '');
  if (!ctx.registry.getGroup(type, groupName)) throw validationError(`Property group '${groupName}' does not exist; create it with POST /crm/v3/properties/${type}/groups first`);
  const options = parseOptions(body['options']);
  if (ptype === 'enumeration' && options.length === 0 && fieldType !== 'booleancheckbox') throw validationError('enumeration properties need options');
  const at = isoNow(ctx.now);
  return {
    name, label: body['label'], type: ptype as PropertyType, fieldType: String(fieldType), groupName,
    description: String(body['description'] ?? ''), options, displayOrder: Number(body['displayOrder'] ?? -1),
    hubspotDefined: false, readOnlyValue: false, hasUniqueValue: body['hasUniqueValue'] === true, hidden: body['hidden'] === true,
    formField: body['formField'] === true, calculated: false, createdAt: at, updatedAt: at,
  };
}

export function registerPropertyRoutes(api: ApiRouter, ctx: SandboxContext): void {
  for (const type of CRM_OBJECT_TYPES) {
    const base = `/crm/v3/properties/${type}`;
    const read = { kind: 'standard' as const, scopes: schemaScopes(type, 'read') };
    const write = { kind: 'standard' as const, scopes: schemaScopes(type, 'write') };

    // groups first: "/groups" must not be taken for a property name
    api.add('get', `${base}/groups`, read, (_req, res) => { res.json({ results: ctx.registry.listGroups(type) }); });
    api.add('post', `${base}/groups`, write, (req, res) => {
      const body = bodyObject(req);
      const name = body['name'];
      if (typeof name !== 'string' || !NAME.test(name)) throw validationError('name is required: lowercase letters, digits and underscores, starting with a letter');
      if (typeof body['label'] !== 'string') throw validationError('label is required');
      if (ctx.registry.getGroup(type, name)) throw apiError(409, 'OBJECT_ALREADY_EXISTS', `A property group named '${name}' already exists.`);
      const group = { name, label: body['label'], displayOrder: Number(body['displayOrder'] ?? -1), archived: false };
      ctx.registry.addGroup(type, group);
      res.status(201).json(group);
    });
    api.add('get', `${base}/groups/:groupName`, read, (req, res) => {
      const group = ctx.registry.getGroup(type, String(req.params['groupName']));
      if (!group) throw apiError(404, 'OBJECT_NOT_FOUND', `Property group ${String(req.params['groupName'])} does not exist`);
      res.json(group);
    });

    api.add('get', base, read, (_req, res) => { res.json({ results: ctx.registry.list(type).map(toOutput) }); });
    api.add('get', `${base}/:propertyName`, read, (req, res) => {
      const p = ctx.registry.get(type, String(req.params['propertyName']));
      if (!p) throw apiError(404, 'OBJECT_NOT_FOUND', `Unable to find property ${String(req.params['propertyName'])} for object type ${type}`);
      res.json(toOutput(p));
    });
    api.add('post', base, write, (req, res) => {
      const definition = newDefinition(ctx, type, bodyObject(req));
      if (ctx.registry.get(type, definition.name)) throw apiError(409, 'OBJECT_ALREADY_EXISTS', `Property named '${definition.name}' already exists.`);
      ctx.registry.add(type, definition);
      res.status(201).json(toOutput(definition));
    });
    // Batch read (missing names are left out) and batch create (all inputs validated first, as a
    // 400 for the whole batch; a name that exists is a 207 error row, the others are created).
    api.add('post', `${base}/batch/read`, read, (req, res) => {
      const startedAt = isoNow(ctx.now);
      const results = namedInputs(bodyObject(req)).flatMap((name) => {
        const p = ctx.registry.get(type, name);
        return p ? [toOutput(p)] : [];
      });
      res.json({ status: 'COMPLETE', results, startedAt, completedAt: isoNow(ctx.now) });
    });
    api.add('post', `${base}/batch/create`, write, (req, res) => {
      const startedAt = isoNow(ctx.now);
      const inputs = bodyObject(req)['inputs'];
      if (!Array.isArray(inputs) || inputs.length === 0) throw validationError('inputs must be a non-empty array of property definitions');
      if (inputs.length > MAX_BATCH_INPUTS) throw validationError(`at most ${MAX_BATCH_INPUTS} inputs per batch`);
      const definitions = inputs.map((input: unknown, i) => {
        if (!input || typeof input !== 'object') throw validationError(`inputs[${i}] must be an object`);
        return newDefinition(ctx, type, input as Record<string, unknown>);
      });
      const results: unknown[] = [];
      const errors: unknown[] = [];
      for (const d of definitions) {
        if (ctx.registry.get(type, d.name)) {
          errors.push({ status: 'error', category: 'OBJECT_ALREADY_EXISTS', message: `Property named '${d.name}' already exists.`, context: { name: [d.name] } });
          continue;
        }
        ctx.registry.add(type, d);
        results.push(toOutput(d));
      }
      const body: Record<string, unknown> = { status: 'COMPLETE', results, startedAt, completedAt: isoNow(ctx.now) };
      if (errors.length > 0) Object.assign(body, { numErrors: errors.length, errors });
      res.status(errors.length > 0 ? 207 : 201).json(body);
    });
    api.add('patch', `${base}/:propertyName`, write, (req, res) => {
      const p = ctx.registry.get(type, String(req.params['propertyName']));
      if (!p) throw apiError(404, 'OBJECT_NOT_FOUND', `Unable to find property ${String(req.params['propertyName'])} for object type ${type}`);
      if (p.hubspotDefined) throw validationError(`${p.name} is a HubSpot-defined property; its definition is read-only`);
      const body = bodyObject(req);
      const updated: PropertyDefinition = {
        ...p,
        ...(typeof body['label'] === 'string' ? { label: body['label'] } : {}),
        ...(typeof body['description'] === 'string' ? { description: body['description'] } : {}),
        ...(body['options'] !== undefined ? { options: parseOptions(body['options']) } : {}),
        updatedAt: isoNow(ctx.now),
      };
      ctx.registry.add(type, updated);
      res.json(toOutput(updated));
    });
  }
}
