// v2 persons and organizations (pipedrive.md §3.2): cursor lists with ids= / owner_id= / org_id= /
// updated_since= filters, GET one (custom_fields= to slim, include_fields= for counts), POST,
// PATCH (custom_fields by hash; owner_id reassigns), DELETE, and the search endpoints.
import type { Request } from 'express';
import type { ApiRouter } from '../api-router.ts';
import type { SandboxContext } from '../context.ts';
import { parseOrganizationWrite, parsePersonWrite, type ParsedWrite } from '../contact-input.ts';
import type { Origin, StoredRecord } from '../entity-store.ts';
import { badRequest, notFound } from '../errors.ts';
import { filterUpdated, pageV2, queryIds, queryInt, queryString } from '../list-query.ts';
import { organizationToApi, outputOptions, personToApi, PERSON_INCLUDE_FIELDS, type OutputOptions } from '../record-output.ts';
import type { Principal } from '../token-registry.ts';
import type { FieldEntity } from '../types.ts';

interface ContactKind {
  entity: FieldEntity;
  path: string;
  label: string;
  parse: (ctx: SandboxContext, body: unknown, mode: 'create' | 'update', actorId: number) => ParsedWrite;
  toApi: (ctx: SandboxContext, r: StoredRecord, o?: OutputOptions) => Record<string, unknown>;
  filters: readonly string[];
  include: readonly string[];
  searchText: (r: StoredRecord) => string[];
}

const KINDS: ContactKind[] = [
  {
    entity: 'person', path: '/api/v2/persons', label: 'Person', parse: parsePersonWrite, toApi: personToApi, filters: ['owner_id', 'org_id'], include: PERSON_INCLUDE_FIELDS,
    searchText: (r) => [String(r['name']), ...((r['emails'] as { value: string }[]) ?? []).map((e) => e.value), ...((r['phones'] as { value: string }[]) ?? []).map((p) => p.value)],
  },
  {
    entity: 'organization', path: '/api/v2/organizations', label: 'Organization', parse: parseOrganizationWrite, toApi: organizationToApi, filters: ['owner_id'], include: [],
    searchText: (r) => [String(r['name']), String((r['address'] as { value?: string } | null)?.value ?? '')],
  },
];

const READ = ['contacts:read', 'contacts:full'];
const WRITE = ['contacts:full'];
export const apiOrigin = (p: Principal): Origin => ({ source: 'api', actorId: p.userId });

function recordId(req: Request): number {
  const raw = String(req.params['id']);
  if (!/^\d+$/.test(raw)) throw badRequest(`id must be an integer, got "${raw}"`);
  return Number(raw);
}

export function registerContactRoutes(api: ApiRouter, ctx: SandboxContext): void {
  for (const kind of KINDS) {
    const found = (req: Request) => {
      const record = ctx.store.get(kind.entity, recordId(req));
      if (!record) throw notFound(kind.label);
      return record;
    };

    api.add('get', `${kind.path}/search`, { kind: 'api', op: 'search', version: 'v2', scopes: ['search:read'], lane: 'search' }, (req, res) => {
      const term = queryString(req.query, 'term') ?? '';
      const exact = queryString(req.query, 'exact_match') === 'true';
      if (term.length < (exact ? 1 : 2)) throw badRequest('term must be at least 2 characters long (1 with exact_match=true)');
      const want = term.toLowerCase();
      const hits = ctx.store.all(kind.entity).filter((r) => kind.searchText(r).some((t) => (exact ? t.toLowerCase() === want : t.toLowerCase().includes(want))));
      const page = pageV2(hits, req.query);
      const items = page.items.map((r) => ({ result_score: 1, item: { ...kind.toApi(ctx, r), type: kind.entity, custom_fields: [], notes: [] } }));
      res.json({ success: true, data: { items }, additional_data: { next_cursor: page.nextCursor } });
    });

    api.add('get', kind.path, { kind: 'api', op: 'list', version: 'v2', scopes: READ }, (req, res) => {
      const o = outputOptions(req.query, kind.include);
      const ids = queryIds(req.query);
      let records = filterUpdated(ctx.store.all(kind.entity), req.query);
      if (ids) records = records.filter((r) => ids.has(String(r.id)));
      for (const f of kind.filters) {
        const v = queryInt(req.query, f);
        if (v !== undefined) records = records.filter((r) => r[f] === v);
      }
      const page = pageV2(records, req.query);
      res.json({ success: true, data: page.items.map((r) => kind.toApi(ctx, r, o)), additional_data: { next_cursor: page.nextCursor } });
    });

    api.add('get', `${kind.path}/:id`, { kind: 'api', op: 'get', version: 'v2', scopes: READ }, (req, res) => {
      const o = outputOptions(req.query, kind.include); // a bad query is a 400 even for an unknown id
      res.json({ success: true, data: kind.toApi(ctx, found(req), o) });
    });

    api.add('post', kind.path, { kind: 'api', op: 'create', version: 'v2', scopes: WRITE }, (req, res, principal) => {
      const parsed = kind.parse(ctx, req.body, 'create', principal.userId);
      res.json({ success: true, data: kind.toApi(ctx, ctx.store.create(kind.entity, parsed.fields, parsed.custom, apiOrigin(principal))) });
    });

    api.add('patch', `${kind.path}/:id`, { kind: 'api', op: 'update', version: 'v2', scopes: WRITE }, (req, res, principal) => {
      const record = found(req);
      const parsed = kind.parse(ctx, req.body, 'update', principal.userId);
      const { record: updated } = ctx.store.update(kind.entity, record.id, parsed.fields, parsed.custom, apiOrigin(principal));
      res.json({ success: true, data: kind.toApi(ctx, updated) });
    });

    api.add('delete', `${kind.path}/:id`, { kind: 'api', op: 'delete', version: 'v2', scopes: WRITE }, (req, res, principal) => {
      const record = ctx.store.remove(kind.entity, found(req).id, apiOrigin(principal));
      res.json({ success: true, data: { id: record.id } });
    });
  }
}
