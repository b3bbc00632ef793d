// v2 deals (pipedrive.md §3.2 conventions): cursor list with ids= / person_id= / owner_id= /
// status= / updated_since= filters, GET one, POST, PATCH (status won / lost stamps the times).
// Every change emits a v2 deal webhook (create / change), which is how outcomes reach lead-router.
import type { Request } from 'express';
import type { ApiRouter } from '../api-router.ts';
import type { SandboxContext } from '../context.ts';
import { parseDealWrite } from '../deal-input.ts';
import { badRequest, notFound } from '../errors.ts';
import { filterUpdated, pageV2, queryIds, queryInt, queryString } from '../list-query.ts';
import { dealToApi } from '../record-output.ts';
import { apiOrigin } from './contacts.ts';

const READ = ['deals:read', 'deals:full'];
const WRITE = ['deals:full'];
const STATUS_FILTER = ['open', 'won', 'lost', 'deleted'];

export function registerDealRoutes(api: ApiRouter, ctx: SandboxContext): void {
  const found = (req: Request) => {
    const deal = ctx.store.get('deal', Number(req.params['id']));
    if (!deal) throw notFound('Deal');
    return deal;
  };

  api.add('get', '/api/v2/deals', { kind: 'api', op: 'list', version: 'v2', scopes: READ }, (req, res) => {
    const ids = queryIds(req.query);
    let deals = filterUpdated(ctx.store.all('deal'), req.query);
    if (ids) deals = deals.filter((d) => ids.has(String(d.id)));
    for (const f of ['person_id', 'owner_id', 'org_id']) {
      const v = queryInt(req.query, f);
      if (v !== undefined) deals = deals.filter((d) => d[f] === v);
    }
    const status = queryString(req.query, 'status');
    if (status !== undefined) {
      if (!STATUS_FILTER.includes(status)) throw badRequest(`status must be one of ${STATUS_FILTER.join(', ')}`);
      deals = deals.filter((d) => d['status'] === status);
    }
    const page = pageV2(deals, req.query);
    res.json({ success: true, data: page.items.map(dealToApi), additional_data: { next_cursor: page.nextCursor } });
  });

  api.add('get', '/api/v2/deals/:id', { kind: 'api', op: 'get', version: 'v2', scopes: READ }, (req, res) => {
    res.json({ success: true, data: dealToApi(found(req)) });
  });

  api.add('post', '/api/v2/deals', { kind: 'api', op: 'create', version: 'v2', scopes: WRITE }, (req, res, principal) => {
    const parsed = parseDealWrite(ctx, req.body, undefined, principal.userId);
    res.json({ success: true, data: dealToApi(ctx.store.create('deal', parsed.fields, {}, apiOrigin(principal))) });
  });

  api.add('patch', '/api/v2/deals/:id', { kind: 'api', op: 'update', version: 'v2', scopes: WRITE }, (req, res, principal) => {
    const deal = found(req);
    const parsed = parseDealWrite(ctx, req.body, deal, principal.userId);
    res.json({ success: true, data: dealToApi(ctx.store.update('deal', deal.id, parsed.fields, {}, apiOrigin(principal)).record) });
  });
}
