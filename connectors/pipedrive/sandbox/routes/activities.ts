// Activities (v2, SDK ActivityItem) and activity types (v1): GET /api/v2/activities with
// person_id= / org_id= / owner_id= / lead_id= / done= / updated_since= filters (the v2 replacement
// of /v1/persons/{id}/activities, §3.1), GET / POST / PATCH / DELETE, GET /v1/activityTypes.
import type { Request } from 'express';
import type { ApiRouter } from '../api-router.ts';
import { parseActivityWrite } from '../activity-input.ts';
import type { SandboxContext } from '../context.ts';
import { badRequest, notFound } from '../errors.ts';
import { filterUpdated, pageV2, queryBool, queryIds, queryInt, queryString } from '../list-query.ts';
import { activityToApi } from '../record-output.ts';
import { v1Time } from '../time.ts';
import { apiOrigin } from './contacts.ts';

const READ = ['activities:read', 'activities:full'];
const WRITE = ['activities:full'];

export function registerActivityRoutes(api: ApiRouter, ctx: SandboxContext): void {
  const found = (req: Request) => {
    const raw = String(req.params['id']);
    if (!/^\d+$/.test(raw)) throw badRequest(`id must be an integer, got "${raw}"`);
    const activity = ctx.store.get('activity', Number(raw));
    if (!activity) throw notFound('Activity');
    return activity;
  };

  api.add('get', '/v1/activityTypes', { kind: 'api', op: 'list', version: 'v1', scopes: ['base', ...READ] }, (_req, res) => {
    const stamp = v1Time(ctx.now());
    res.json({
      success: true,
      data: ctx.activityTypes.map((t, i) => ({ ...t, order_nr: i + 1, active_flag: true, color: null, add_time: stamp, update_time: stamp })),
    });
  });

  api.add('get', '/api/v2/activities', { kind: 'api', op: 'list', version: 'v2', scopes: READ }, (req, res) => {
    const ids = queryIds(req.query);
    let acts = filterUpdated(ctx.store.all('activity'), req.query);
    if (ids) acts = acts.filter((a) => ids.has(String(a.id)));
    for (const f of ['person_id', 'org_id', 'owner_id', 'deal_id']) {
      const v = queryInt(req.query, f);
      if (v !== undefined) acts = acts.filter((a) => a[f] === v);
    }
    const lead = queryString(req.query, 'lead_id');
    if (lead !== undefined) acts = acts.filter((a) => a['lead_id'] === lead);
    const done = queryBool(req.query, 'done');
    if (done !== undefined) acts = acts.filter((a) => a['done'] === done);
    const page = pageV2(acts, req.query);
    res.json({ success: true, data: page.items.map(activityToApi), additional_data: { next_cursor: page.nextCursor } });
  });

  api.add('get', '/api/v2/activities/:id', { kind: 'api', op: 'get', version: 'v2', scopes: READ }, (req, res) => {
    res.json({ success: true, data: activityToApi(found(req)) });
  });

  api.add('post', '/api/v2/activities', { kind: 'api', op: 'create', version: 'v2', scopes: WRITE }, (req, res, principal) => {
    const parsed = parseActivityWrite(ctx, req.body, undefined, principal.userId, ctx.now());
    res.json({ success: true, data: activityToApi(ctx.store.create('activity', parsed.fields, {}, apiOrigin(principal))) });
  });

  api.add('patch', '/api/v2/activities/:id', { kind: 'api', op: 'update', version: 'v2', scopes: WRITE }, (req, res, principal) => {
    const activity = found(req);
    const parsed = parseActivityWrite(ctx, req.body, activity, principal.userId, ctx.now());
    res.json({ success: true, data: activityToApi(ctx.store.update('activity', activity.id, parsed.fields, {}, apiOrigin(principal)).record) });
  });

  api.add('delete', '/api/v2/activities/:id', { kind: 'api', op: 'delete', version: 'v2', scopes: WRITE }, (req, res, principal) => {
    const activity = ctx.store.remove('activity', found(req).id, apiOrigin(principal));
    res.json({ success: true, data: { id: activity.id } });
  });
}
