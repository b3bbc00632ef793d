// Associations v4 (shared/reference/hubspot.md §6): batch read (max 1,000 inputs), batch create
// (max 2,000), default (unlabeled) association by PUT, and the per-record list.
import type { ApiRouter } from '../api-router.ts';
import { associationTypeIds, listAssociationPairs, OBJECT_TYPE_IDS } from '../association-store.ts';
import type { SandboxContext } from '../context.ts';
import { apiError, validationError } from '../errors.ts';
import { objectScopes } from '../scopes.ts';
import type { CrmObjectType } from '../types.ts';
import { bodyObject, isoNow } from './request-body.ts';

const MAX_READ_INPUTS = 1_000; // §6 "Batch read max 1,000 inputs"
const MAX_CREATE_INPUTS = 2_000; // §6 "batch create 2,000"
const singular = (type: CrmObjectType): string => (type === 'companies' ? 'company' : type.replace(/s$/, ''));

function inputsOf(body: Record<string, unknown>, max: number): Record<string, unknown>[] {
  const inputs = body['inputs'];
  if (!Array.isArray(inputs)) throw validationError('inputs must be an array');
  if (inputs.length > max) throw validationError(`Too many inputs: ${inputs.length}. The maximum number of inputs supported in this batch request is ${max}.`);
  return inputs.map((i) => (typeof i === 'object' && i !== null ? i as Record<string, unknown> : {}));
}

const idOf = (v: unknown): string => String((v as { id?: unknown } | undefined)?.id ?? '');

export function registerAssociationRoutes(api: ApiRouter, ctx: SandboxContext): void {
  for (const [from, to] of listAssociationPairs()) {
    const read = { kind: 'standard' as const, scopes: objectScopes(from, 'read') };
    const write = { kind: 'standard' as const, scopes: objectScopes(from, 'write') };
    const ids = associationTypeIds(from, to) as { unlabeled: number; primary?: number };

    api.add('post', `/crm/v4/associations/${from}/${to}/batch/read`, read, (req, res) => {
      const startedAt = isoNow(ctx.now);
      const results: unknown[] = [];
      const errors: unknown[] = [];
      for (const input of inputsOf(bodyObject(req), MAX_READ_INPUTS)) {
        const id = idOf(input);
        const record = ctx.store.get(from, id);
        const found = record ? ctx.associations.read(from, record.id, to) : [];
        if (found.length > 0) results.push({ from: { id }, to: found });
        else errors.push({
          status: 'error', category: 'OBJECT_NOT_FOUND', subCategory: 'crm.associations.NO_ASSOCIATIONS_FOUND',
          context: { fromObjectId: [id] }, message: `No ${singular(to)} is associated with ${singular(from)} ${id}.`,
        });
      }
      const body: Record<string, unknown> = { status: 'COMPLETE', results, startedAt, completedAt: isoNow(ctx.now) };
      if (errors.length > 0) Object.assign(body, { numErrors: errors.length, errors });
      res.status(errors.length > 0 ? 207 : 200).json(body);
    });

    api.add('post', `/crm/v4/associations/${from}/${to}/batch/create`, write, (req, res) => {
      const startedAt = isoNow(ctx.now);
      const results: unknown[] = [];
      const errors: unknown[] = [];
      for (const input of inputsOf(bodyObject(req), MAX_CREATE_INPUTS)) {
        const fromId = idOf(input['from']);
        const toId = idOf(input['to']);
        const types = Array.isArray(input['types']) ? input['types'] as { associationCategory?: string; associationTypeId?: number }[] : [];
        const source = ctx.store.get(from, fromId);
        const target = ctx.store.get(to, toId);
        const badType = types.find((t) => t.associationCategory !== 'HUBSPOT_DEFINED' || (t.associationTypeId !== ids.unlabeled && t.associationTypeId !== ids.primary));
        if (!source || !target || types.length === 0 || badType) {
          errors.push({ status: 'error', category: source && target ? 'VALIDATION_ERROR' : 'OBJECT_NOT_FOUND',
            message: source && target ? `Invalid association types for ${from} -> ${to}: ${JSON.stringify(types)}` : `${singular(source ? to : from)} ${source ? toId : fromId} does not exist`,
            context: { fromObjectId: [fromId], toObjectId: [toId] } });
          continue;
        }
        const primary = types.some((t) => t.associationTypeId === ids.primary);
        ctx.store.associate(from, source.id, to, target.id, primary, ctx.integrationOrigin);
        results.push({ fromObjectTypeId: OBJECT_TYPE_IDS[from], fromObjectId: Number(source.id), toObjectTypeId: OBJECT_TYPE_IDS[to], toObjectId: Number(target.id), labels: primary ? ['Primary'] : [] });
      }
      const body: Record<string, unknown> = { status: 'COMPLETE', results, startedAt, completedAt: isoNow(ctx.now) };
      if (errors.length > 0) Object.assign(body, { numErrors: errors.length, errors });
      res.status(errors.length > 0 ? 207 : 201).json(body);
    });

    api.add('put', `/crm/v4/objects/${from}/:fromId/associations/default/${to}/:toId`, write, (req, res) => {
      const startedAt = isoNow(ctx.now);
      const source = ctx.store.get(from, String(req.params['fromId']));
      const target = ctx.store.get(to, String(req.params['toId']));
      if (!source || !target) throw apiError(404, 'OBJECT_NOT_FOUND', `${singular(source ? to : from)} ${String(source ? req.params['toId'] : req.params['fromId'])} does not exist`);
      ctx.store.associate(from, source.id, to, target.id, false, ctx.integrationOrigin);
      res.json({ status: 'COMPLETE', results: [{ from: { id: source.id }, to: { id: target.id }, associationSpec: { associationCategory: 'HUBSPOT_DEFINED', associationTypeId: ids.unlabeled } }], startedAt, completedAt: isoNow(ctx.now) });
    });

    api.add('get', `/crm/v4/objects/${from}/:fromId/associations/${to}`, read, (req, res) => {
      const source = ctx.store.get(from, String(req.params['fromId']));
      if (!source) throw apiError(404, 'OBJECT_NOT_FOUND', `${singular(from)} ${String(req.params['fromId'])} does not exist`);
      res.json({ results: ctx.associations.read(from, source.id, to) });
    });
  }
}
