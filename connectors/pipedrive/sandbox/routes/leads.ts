// Leads Inbox (pipedrive.md §3.6, v1 only): GET / POST /v1/leads, GET /v1/leads/archived, GET /
// PATCH / DELETE /v1/leads/{id} (uuid ids; owner_id and label_ids are what routing changes), GET
// /v1/leadLabels. Archived leads are listed only by /v1/leads/archived and cannot be edited
// (since Jul 15, 2025).
import type { Request, Response } from 'express';
import type { ApiRouter } from '../api-router.ts';
import type { SandboxContext } from '../context.ts';
import { notFound } from '../errors.ts';
import { parseLeadWrite } from '../lead-input.ts';
import { pageV1, queryInt, sortV1 } from '../list-query.ts';
import { leadToApi } from '../record-output.ts';
import { apiOrigin } from './contacts.ts';

const READ = ['leads:read', 'leads:full'];
const WRITE = ['leads:full'];
/** `sort` fields of GET /v1/leads (SDK v1 LeadsApi getLeads / getArchivedLeads). */
const SORT_FIELDS = ['id', 'title', 'owner_id', 'creator_id', 'was_seen', 'expected_close_date', 'next_activity_id', 'add_time', 'update_time'];

export function registerLeadRoutes(api: ApiRouter, ctx: SandboxContext): void {
  const found = (req: Request) => {
    const lead = ctx.store.get('lead', String(req.params['id']));
    if (!lead) throw notFound('Lead');
    return lead;
  };

  api.add('get', '/v1/leadLabels', { kind: 'api', op: 'list', version: 'v1', scopes: READ }, (_req, res) => {
    res.json({ success: true, data: ctx.leadLabels });
  });

  // GET /v1/leads lists the open ones, /v1/leads/archived the archived ones (same parameters).
  const list = (archived: boolean) => (req: Request, res: Response) => {
    let leads = ctx.store.all('lead').filter((l) => (l['is_archived'] === true) === archived);
    for (const f of ['owner_id', 'person_id', 'organization_id']) {
      const v = queryInt(req.query, f);
      if (v !== undefined) leads = leads.filter((l) => l[f] === v);
    }
    const page = pageV1(sortV1(leads, req.query, SORT_FIELDS), req.query);
    res.json({ success: true, data: page.items.map((l) => leadToApi(ctx, l)), additional_data: { pagination: page.pagination } });
  };
  api.add('get', '/v1/leads', { kind: 'api', op: 'list', version: 'v1', scopes: READ }, list(false));
  api.add('get', '/v1/leads/archived', { kind: 'api', op: 'list', version: 'v1', scopes: READ }, list(true));

  api.add('post', '/v1/leads', { kind: 'api', op: 'create', version: 'v1', scopes: WRITE }, (req, res, principal) => {
    const parsed = parseLeadWrite(ctx, req.body, undefined, principal.userId);
    res.status(201).json({ success: true, data: leadToApi(ctx, ctx.store.create('lead', parsed.fields, {}, apiOrigin(principal))) });
  });

  api.add('get', '/v1/leads/:id', { kind: 'api', op: 'get', version: 'v1', scopes: READ }, (req, res) => {
    res.json({ success: true, data: leadToApi(ctx, found(req)) });
  });

  api.add('patch', '/v1/leads/:id', { kind: 'api', op: 'update', version: 'v1', scopes: WRITE }, (req, res, principal) => {
    const lead = found(req);
    const parsed = parseLeadWrite(ctx, req.body, lead, principal.userId);
    res.json({ success: true, data: leadToApi(ctx, ctx.store.update('lead', lead.id, parsed.fields, {}, apiOrigin(principal)).record) });
  });

  api.add('delete', '/v1/leads/:id', { kind: 'api', op: 'delete', version: 'v1', scopes: WRITE }, (req, res, principal) => {
    const lead = ctx.store.remove('lead', found(req).id, apiOrigin(principal));
    res.json({ success: true, data: { id: lead.id } });
  });
}
