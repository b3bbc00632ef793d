// GET /crm/v3/owners (cursor paging, archived, email filter) and GET /crm/v3/owners/{ownerId}
// (idProperty=id|userId) — shared/reference/hubspot.md §6 "Owners".
import type { ApiRouter } from '../api-router.ts';
import type { SandboxContext } from '../context.ts';
import { apiError, validationError } from '../errors.ts';
import { OWNER_SCOPES } from '../scopes.ts';
import { queryInt } from './request-body.ts';

const OWNERS_DEFAULT_LIMIT = 100;
const OWNERS_MAX_LIMIT = 500; // §6 "(500 is commonly cited)"

export function registerOwnerRoutes(api: ApiRouter, ctx: SandboxContext): void {
  const spec = { kind: 'standard' as const, scopes: OWNER_SCOPES };
  api.add('get', '/crm/v3/owners', spec, (req, res) => {
    const limit = queryInt(req.query['limit'], OWNERS_DEFAULT_LIMIT, OWNERS_MAX_LIMIT, 'limit');
    const after = req.query['after'] === undefined ? 0 : Number(req.query['after']);
    if (!Number.isInteger(after) || after < 0) throw validationError('after must be a paging cursor returned by a previous page');
    const archived = req.query['archived'] === 'true';
    const email = typeof req.query['email'] === 'string' ? req.query['email'].toLowerCase() : undefined;
    const all = ctx.owners.list().filter((o) => o.archived === archived && (email === undefined || o.email.toLowerCase() === email));
    const body: Record<string, unknown> = { results: all.slice(after, after + limit) };
    if (after + limit < all.length) {
      body['paging'] = { next: { after: String(after + limit), link: `${req.protocol}://${req.get('host')}/crm/v3/owners/?after=${after + limit}` } };
    }
    res.json(body);
  });
  api.add('get', '/crm/v3/owners/:ownerId', spec, (req, res) => {
    const raw = String(req.params['ownerId']);
    const byUserId = req.query['idProperty'] === 'userId';
    const owner = byUserId ? ctx.owners.getByUserId(Number(raw)) : ctx.owners.get(raw);
    const archived = req.query['archived'] === 'true';
    if (!owner || owner.archived !== archived) throw apiError(404, 'OBJECT_NOT_FOUND', `Owner ${raw} not found`, { context: { id: [raw] } });
    res.json(owner);
  });
}
