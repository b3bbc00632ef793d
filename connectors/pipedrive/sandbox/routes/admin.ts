// /_sandbox/* admin endpoints: simulate users (change_source "app"), inject outages, trigger the
// uninstall callback, inspect state. Not part of Pipedrive's API: no token, no rate limit, not
// counted in stats.
import type { Express, Request } from 'express';
import { z } from 'zod';
import { badRequest, notFound } from '../errors.ts';
import type { SandboxStats } from '../types.ts';
import type { ContactInput, UserActions } from '../user-actions.ts';
import type { WebhookView } from '../webhook-registry.ts';

const id = z.union([z.number().int(), z.string().regex(/^\d+$/).transform(Number)]);
const schemas = {
  outage: z.strictObject({ status: z.number().int().min(400).max(599), forMs: z.number().nonnegative(), html: z.boolean().optional() }),
  records: z.array(z.record(z.string(), z.unknown())),
  record: z.record(z.string(), z.unknown()),
  merge: z.strictObject({ keepId: id, mergedId: id }),
  actAs: z.strictObject({ userId: id }),
  uninstall: z.strictObject({ callbackUrl: z.url(), userId: id.optional() }),
};

function parse<T>(schema: z.ZodType<T>, input: unknown, path: string): T {
  const result = schema.safeParse(input);
  if (!result.success) throw badRequest(`Invalid body for ${path}: ${z.prettifyError(result.error)}`);
  return result.data;
}

/** Accepts a bare array or {key: [...]}. */
function list(req: Request, key: string): unknown {
  const body: unknown = req.body;
  return Array.isArray(body) ? body : (body as Record<string, unknown> | undefined)?.[key];
}

export interface AdminHooks {
  info(): Record<string, unknown>;
  stats(): SandboxStats;
  users(): unknown[];
  webhooks(): WebhookView[];
  setOutage(outage: { status: number; forMs: number; html?: boolean }): void;
  flushWebhooks(): Promise<void>;
  uninstall(callbackUrl: string, opts?: { userId?: number }): Promise<{ status: number }>;
}

export function registerAdminRoutes(app: Express, actions: UserActions, hooks: AdminHooks): void {
  const personId = (req: Request) => parse(id, req.params['id'], 'the person id');
  app.get('/_sandbox', (_req, res) => { res.json(hooks.info()); });
  app.get('/_sandbox/stats', (_req, res) => { res.json(hooks.stats()); });
  app.get('/_sandbox/users', (_req, res) => { res.json({ data: hooks.users() }); });
  app.get('/_sandbox/webhooks', (_req, res) => { res.json({ data: hooks.webhooks() }); });
  app.post('/_sandbox/webhooks/flush', async (_req, res) => {
    await hooks.flushWebhooks();
    res.json(hooks.stats().webhooks);
  });
  app.post('/_sandbox/outage', (req, res) => {
    hooks.setOutage(parse(schemas.outage, req.body, 'POST /_sandbox/outage'));
    res.status(204).end();
  });
  app.post('/_sandbox/act-as', (req, res) => {
    actions.actAs(parse(schemas.actAs, req.body, 'POST /_sandbox/act-as').userId);
    res.status(204).end();
  });
  app.post('/_sandbox/uninstall', async (req, res) => {
    const body = parse(schemas.uninstall, req.body, 'POST /_sandbox/uninstall');
    res.json(await hooks.uninstall(body.callbackUrl, body.userId === undefined ? {} : { userId: body.userId }));
  });
  app.post('/_sandbox/organizations', (req, res) => {
    res.status(201).json({ data: actions.createOrganizations(parse(schemas.records, list(req, 'organizations'), 'POST /_sandbox/organizations') as ContactInput[]) });
  });
  app.patch('/_sandbox/organizations/:id', (req, res) => {
    const orgId = parse(id, req.params['id'], 'the organization id');
    res.json({ data: actions.updateOrganization(orgId, parse(schemas.record, req.body, 'PATCH /_sandbox/organizations/:id') as ContactInput) });
  });
  app.post('/_sandbox/persons', (req, res) => {
    res.status(201).json({ data: actions.createPersons(parse(schemas.records, list(req, 'persons'), 'POST /_sandbox/persons') as ContactInput[]) });
  });
  app.post('/_sandbox/persons/merge', (req, res) => {
    const body = parse(schemas.merge, req.body, 'POST /_sandbox/persons/merge');
    res.json({ data: actions.mergePersons(body.keepId, body.mergedId) });
  });
  app.get('/_sandbox/persons/:id', (req, res) => {
    const pid = personId(req);
    const person = actions.getPerson(pid);
    if (!person) throw notFound('Person');
    res.json({ data: person, fields: actions.readPersonFields(pid) });
  });
  app.patch('/_sandbox/persons/:id', (req, res) => {
    res.json({ data: actions.updatePerson(personId(req), parse(schemas.record, req.body, 'PATCH /_sandbox/persons/:id') as ContactInput) });
  });
  app.delete('/_sandbox/persons/:id', (req, res) => {
    actions.deletePerson(personId(req));
    res.status(204).end();
  });
  app.post('/_sandbox/activities', (req, res) => {
    res.status(201).json({ data: actions.logActivity(parse(schemas.record, req.body, 'POST /_sandbox/activities')) });
  });
  app.post('/_sandbox/deals', (req, res) => {
    res.status(201).json({ data: actions.createDeals(parse(schemas.records, list(req, 'deals'), 'POST /_sandbox/deals')) });
  });
  app.patch('/_sandbox/deals/:id', (req, res) => {
    res.json({ data: actions.updateDeal(parse(id, req.params['id'], 'the deal id'), parse(schemas.record, req.body, 'PATCH /_sandbox/deals/:id')) });
  });
  app.post('/_sandbox/leads', (req, res) => {
    res.status(201).json({ data: actions.createLeads(parse(schemas.records, list(req, 'leads'), 'POST /_sandbox/leads')) });
  });
  app.patch('/_sandbox/leads/:id', (req, res) => {
    res.json({ data: actions.updateLead(String(req.params['id']), parse(schemas.record, req.body, 'PATCH /_sandbox/leads/:id')) });
  });
}
