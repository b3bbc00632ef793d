// Single-record CRM object routes (v3): create, read, list with paging, update, archive, merge.
import type { ApiRouter } from '../api-router.ts';
import type { SandboxContext } from '../context.ts';
import { apiError, validationError } from '../errors.ts';
import { parsePropertyList, toApiObject } from '../record-output.ts';
import { applyCreate, checkCreate, checkUpdate, problemError } from '../record-writes.ts';
import { objectScopes } from '../scopes.ts';
import { CRM_OBJECT_TYPES } from '../types.ts';
import type { CrmObjectType, CrmRecord } from '../types.ts';
import { bodyObject, queryInt } from './request-body.ts';

const LIST_MAX = 100; // the v3 list endpoint caps `limit` at 100

function notFound(id: string) {
  return apiError(404, 'OBJECT_NOT_FOUND', 'Object not found.  objectId are usually numeric.', { context: { id: [id] } });
}

export function findRecord(ctx: SandboxContext, type: CrmObjectType, id: string, idProperty: unknown): CrmRecord | undefined {
  if (idProperty === undefined || idProperty === 'hs_object_id') return ctx.store.get(type, id);
  if (typeof idProperty !== 'string' || !ctx.registry.get(type, idProperty)?.hasUniqueValue) {
    throw validationError(`${String(idProperty)} is not a unique-value property and cannot be used as idProperty`);
  }
  return ctx.store.findBy(type, idProperty, id);
}

export function registerObjectRoutes(api: ApiRouter, ctx: SandboxContext): void {
  for (const type of CRM_OBJECT_TYPES) {
    const base = `/crm/v3/objects/${type}`;
    const read = { kind: 'standard' as const, scopes: objectScopes(type, 'read') };
    const write = { kind: 'standard' as const, scopes: objectScopes(type, 'write') };

    api.add('post', base, write, (req, res) => {
      const body = bodyObject(req);
      const checked = checkCreate(ctx, type, body['properties'], body['associations']);
      if (!checked.ok) throw problemError(checked.problem);
      const record = applyCreate(ctx, type, checked, ctx.integrationOrigin);
      res.status(201).json(toApiObject(ctx.registry, record, Object.keys(checked.values)));
    });

    api.add('get', base, read, (req, res) => {
      const limit = queryInt(req.query['limit'], 10, LIST_MAX, 'limit');
      const after = req.query['after'] === undefined ? 0 : Number(req.query['after']);
      if (!Number.isFinite(after)) throw validationError('after must be a paging cursor returned by a previous page');
      const archived = req.query['archived'] === 'true';
      const all = archived ? [] : ctx.store.list(type).filter((r) => Number(r.id) >= after);
      const page = all.slice(0, limit);
      const properties = parsePropertyList(req.query['properties']);
      const body: Record<string, unknown> = { results: page.map((r) => toApiObject(ctx.registry, r, properties)) };
      const next = all[limit];
      if (next) body['paging'] = { next: { after: next.id, link: `${req.protocol}://${req.get('host')}${base}?after=${next.id}` } };
      res.json(body);
    });

    api.add('get', `${base}/:id`, read, (req, res) => {
      const id = String(req.params['id']);
      const record = findRecord(ctx, type, id, req.query['idProperty']);
      if (!record) throw notFound(id);
      res.json(toApiObject(ctx.registry, record, parsePropertyList(req.query['properties'])));
    });

    api.add('patch', `${base}/:id`, write, (req, res) => {
      const id = String(req.params['id']);
      const found = findRecord(ctx, type, id, req.query['idProperty']);
      if (!found) throw notFound(id);
      const checked = checkUpdate(ctx, type, found.id, bodyObject(req)['properties']);
      if (!checked.ok) throw problemError(checked.problem);
      ctx.store.update(type, checked.record.id, checked.values, ctx.integrationOrigin);
      res.json(toApiObject(ctx.registry, checked.record, Object.keys(checked.values)));
    });

    api.add('delete', `${base}/:id`, write, (req, res) => {
      ctx.store.archive(type, String(req.params['id']), ctx.integrationOrigin);
      res.status(204).end();
    });
  }

  api.add('post', '/crm/v3/objects/contacts/merge', { kind: 'standard', scopes: objectScopes('contacts', 'write') }, (req, res) => {
    const body = bodyObject(req);
    const primaryId = String(body['primaryObjectId'] ?? '');
    const mergedId = String(body['objectIdToMerge'] ?? '');
    const primary = ctx.store.get('contacts', primaryId);
    const merged = ctx.store.get('contacts', mergedId);
    if (!primary || !merged) throw notFound(primary ? mergedId : primaryId);
    if (primary.id === merged.id) throw validationError('primaryObjectId and objectIdToMerge must be different contacts');
    const record = ctx.store.mergeContacts(primary.id, merged.id, ctx.integrationOrigin);
    res.json(toApiObject(ctx.registry, record));
  });
}
