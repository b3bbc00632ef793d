// Lists API v3 (crm/v3/lists): create a list, read it, add records to it, page its members.
// Memberships add takes a JSON array of record ids; missing ids come back in recordIdsMissing
// and current members are ignored; DYNAMIC lists refuse it (400). Scopes crm.lists.read/write.
import type { ApiRouter } from '../api-router.ts';
import type { SandboxContext } from '../context.ts';
import { apiError, validationError } from '../errors.ts';
import { listToApi, PROCESSING_TYPES, type ListStore, type ProcessingType } from '../list-store.ts';
import { bodyObject, isoNow, queryInt } from './request-body.ts';

/** Contacts' object type id (HubSpot: 0-1). Only contact lists are emulated. */
const CONTACTS = '0-1';
/** Ids per memberships call the sandbox accepts (the v3 pages we read state none; kept generous). */
export const SANDBOX_MEMBERSHIP_ADD_MAX = 100_000;
const READ = ['crm.lists.read', 'crm.lists.write'];
const WRITE = ['crm.lists.write'];

export function registerListRoutes(api: ApiRouter, ctx: SandboxContext, lists: ListStore): void {
  const list = (id: string) => {
    const l = lists.get(id);
    if (!l) throw apiError(404, 'OBJECT_NOT_FOUND', `List ${id} does not exist.`);
    return l;
  };

  api.add('post', '/crm/v3/lists', { kind: 'standard', scopes: WRITE }, (req, res) => {
    const body = bodyObject(req);
    const { name, objectTypeId, processingType } = body;
    if (typeof name !== 'string' || name.trim() === '') throw validationError('name is required');
    if (typeof objectTypeId !== 'string') throw validationError('objectTypeId is required');
    if (objectTypeId !== CONTACTS) throw validationError(`objectTypeId ${objectTypeId} is not supported by the sandbox (contacts: ${CONTACTS})`);
    if (!PROCESSING_TYPES.includes(processingType as ProcessingType)) throw validationError(`processingType must be one of ${PROCESSING_TYPES.join(', ')}`);
    if (lists.byName(objectTypeId, name)) throw validationError(`A list named "${name}" already exists.`, { subCategory: 'ILS.DUPLICATE_LIST_NAMES' });
    res.json({ list: listToApi(lists.create({ name, objectTypeId, processingType: processingType as ProcessingType }, isoNow(ctx.now))) });
  });

  api.add('get', '/crm/v3/lists/:listId', { kind: 'standard', scopes: READ }, (req, res) => {
    res.json({ list: listToApi(list(String(req.params['listId']))) });
  });

  api.add('put', '/crm/v3/lists/:listId/memberships/add', { kind: 'standard', scopes: WRITE }, (req, res) => {
    const l = list(String(req.params['listId']));
    const ids: unknown = req.body;
    if (!Array.isArray(ids) || !ids.every((id) => (typeof id === 'string' || typeof id === 'number') && /^\d+$/.test(String(id)))) {
      throw validationError('Invalid input JSON: expected an array of record ids');
    }
    if (ids.length > SANDBOX_MEMBERSHIP_ADD_MAX) throw validationError(`At most ${SANDBOX_MEMBERSHIP_ADD_MAX} record ids per request, got ${ids.length}`);
    if (l.processingType === 'DYNAMIC') {
      throw validationError(`List ${l.listId} has processingType DYNAMIC: memberships can only be changed for MANUAL or SNAPSHOT lists.`);
    }
    const added: string[] = [];
    const missing: string[] = [];
    const at = isoNow(ctx.now);
    for (const raw of ids) {
      const record = ctx.store.get('contacts', String(raw));
      if (!record) missing.push(String(raw));
      else if (!l.members.has(record.id)) {
        l.members.set(record.id, at);
        added.push(record.id);
      }
    }
    if (added.length) l.updatedAt = at;
    res.json({ recordIdsMissing: missing, recordIdsRemoved: [], recordsIdsAdded: added });
  });

  api.add('get', '/crm/v3/lists/:listId/memberships', { kind: 'standard', scopes: READ }, (req, res) => {
    const l = list(String(req.params['listId']));
    const limit = queryInt(req.query['limit'], 100, 250, 'limit');
    const all = [...l.members.entries()].sort((a, b) => Number(a[0]) - Number(b[0]));
    const start = req.query['after'] ? all.findIndex(([id]) => Number(id) > Number(req.query['after'])) : 0;
    const page = start < 0 ? [] : all.slice(start, start + limit);
    const more = start >= 0 && start + limit < all.length;
    res.json({
      results: page.map(([recordId, membershipTimestamp]) => ({ recordId, membershipTimestamp })),
      ...(more ? { paging: { next: { after: page[page.length - 1]![0] } } } : {}),
    });
  });
}
