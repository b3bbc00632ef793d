// POST /crm/v3/objects/{type}/search: its own 5 requests/s limiter and no rate-limit headers (§5).
import type { ApiRouter } from '../api-router.ts';
import type { SandboxContext } from '../context.ts';
import { validationError } from '../errors.ts';
import { toApiObject } from '../record-output.ts';
import { objectScopes } from '../scopes.ts';
import { parseFilterGroups, parseSorts, SEARCH_MAX_LIMIT, SEARCH_MAX_RESULTS, searchRecords } from '../search-filters.ts';
import { CRM_OBJECT_TYPES } from '../types.ts';
import { bodyObject } from './request-body.ts';

export function registerSearchRoutes(api: ApiRouter, ctx: SandboxContext): void {
  for (const type of CRM_OBJECT_TYPES) {
    api.add('post', `/crm/v3/objects/${type}/search`, { kind: 'search', scopes: objectScopes(type, 'read') }, (req, res) => {
      const body = bodyObject(req);
      const limit = body['limit'] === undefined ? 10 : Number(body['limit']);
      if (!Number.isInteger(limit) || limit < 1 || limit > SEARCH_MAX_LIMIT) throw validationError(`limit must be between 1 and ${SEARCH_MAX_LIMIT}`);
      const after = body['after'] === undefined ? 0 : Number(body['after']);
      if (!Number.isInteger(after) || after < 0) throw validationError('after must be a paging cursor returned by a previous page');
      if (after + limit > SEARCH_MAX_RESULTS) throw validationError(`The search API returns at most ${SEARCH_MAX_RESULTS} results per query; narrow the filters instead of paging further`);
      const query = typeof body['query'] === 'string' ? body['query'] : undefined;
      const found = searchRecords(ctx.registry, ctx.store.list(type), parseFilterGroups(body['filterGroups']), parseSorts(body['sorts']), query);
      const properties = Array.isArray(body['properties']) && body['properties'].length > 0 ? (body['properties'] as unknown[]).map(String) : undefined;
      const page = found.slice(after, after + limit);
      const out: Record<string, unknown> = { total: found.length, results: page.map((r) => toApiObject(ctx.registry, r, properties)) };
      if (after + limit < found.length) out['paging'] = { next: { after: String(after + limit) } };
      res.json(out);
    });
  }
}
