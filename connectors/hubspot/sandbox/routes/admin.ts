// /_sandbox/* admin endpoints: simulate users (CRM_UI changes), inject outages, inspect state.
// Not part of HubSpot's API: no token, no rate limit, not counted in stats.
import type { Express, Request } from 'express';
import { z } from 'zod';
import type { SandboxContext } from '../context.ts';
import { apiError, validationError } from '../errors.ts';
import type { SandboxStats } from '../types.ts';
import type { UserActions } from '../user-actions.ts';

const value = z.union([z.string(), z.number(), z.boolean(), z.null()]);
const properties = z.record(z.string(), value);
const schemas = {
  outage: z.strictObject({ status: z.number().int().min(400).max(599), forMs: z.number().nonnegative() }),
  companies: z.array(properties),
  contacts: z.array(z.strictObject({ properties, companyId: z.union([z.string(), z.number()]).optional() })),
  update: z.strictObject({ properties }),
  merge: z.strictObject({ primaryId: z.union([z.string(), z.number()]), mergedId: z.union([z.string(), z.number()]) }),
  association: z.strictObject({ contactId: z.union([z.string(), z.number()]), companyId: z.union([z.string(), z.number()]) }),
  engagement: z.strictObject({
    contactId: z.union([z.string(), z.number()]), type: z.enum(['call', 'email', 'meeting', 'note', 'task']),
    ownerId: z.union([z.string(), z.number()]).optional(), at: z.number(), body: z.string().optional(),
  }),
  events: z.array(z.strictObject({ type: z.string(), at: z.number(), props: z.record(z.string(), z.unknown()).optional() })),
  webhookUrl: z.strictObject({ url: z.url() }),
};

function parse<T>(schema: z.ZodType<T>, input: unknown, path: string): T {
  const result = schema.safeParse(input);
  if (!result.success) throw validationError(`Invalid body for ${path}: ${z.prettifyError(result.error)}`);
  return result.data;
}

/** Accepts a bare array or {key: [...]}. */
function list(req: Request, key: string): unknown {
  const body: unknown = req.body;
  return Array.isArray(body) ? body : (body as Record<string, unknown> | undefined)?.[key];
}

export interface AdminHooks {
  stats(): SandboxStats;
  setOutage(outage: { status: number; forMs: number }): void;
  setWebhookUrl(url: string): void;
  flushWebhooks(): Promise<void>;
  info(): Record<string, unknown>;
}

export function registerAdminRoutes(app: Express, ctx: SandboxContext, actions: UserActions, hooks: AdminHooks): void {
  const contactView = (id: string) => {
    const view = actions.getContact(id);
    if (!view) throw apiError(404, 'OBJECT_NOT_FOUND', `contact ${id} does not exist`);
    return view;
  };
  app.get('/_sandbox', (_req, res) => { res.json(hooks.info()); });
  app.get('/_sandbox/stats', (_req, res) => { res.json(hooks.stats()); });
  app.get('/_sandbox/owners', (_req, res) => { res.json({ results: ctx.owners.list() }); });
  app.post('/_sandbox/outage', (req, res) => {
    hooks.setOutage(parse(schemas.outage, req.body, 'POST /_sandbox/outage'));
    res.status(204).end();
  });
  app.put('/_sandbox/webhook-url', (req, res) => {
    hooks.setWebhookUrl(parse(schemas.webhookUrl, req.body, 'PUT /_sandbox/webhook-url').url);
    res.status(204).end();
  });
  app.post('/_sandbox/webhooks/flush', async (_req, res) => {
    await hooks.flushWebhooks();
    res.json(hooks.stats().webhooks);
  });
  app.post('/_sandbox/companies', (req, res) => {
    res.status(201).json({ results: actions.createCompanies(parse(schemas.companies, list(req, 'companies'), 'POST /_sandbox/companies')) });
  });
  app.post('/_sandbox/contacts', (req, res) => {
    const inputs = parse(schemas.contacts, list(req, 'contacts'), 'POST /_sandbox/contacts');
    res.status(201).json({ results: actions.createContacts(inputs.map((c) => ({ properties: c.properties, ...(c.companyId === undefined ? {} : { companyId: String(c.companyId) }) }))) });
  });
  app.post('/_sandbox/contacts/merge', (req, res) => {
    const body = parse(schemas.merge, req.body, 'POST /_sandbox/contacts/merge');
    res.json(actions.mergeContacts(String(body.primaryId), String(body.mergedId)));
  });
  app.get('/_sandbox/contacts/:id', (req, res) => { res.json(contactView(String(req.params['id']))); });
  app.patch('/_sandbox/contacts/:id', (req, res) => {
    res.json(actions.updateContact(String(req.params['id']), parse(schemas.update, req.body, 'PATCH /_sandbox/contacts/:id').properties));
  });
  app.delete('/_sandbox/contacts/:id', (req, res) => {
    actions.deleteContact(String(req.params['id']));
    res.status(204).end();
  });
  app.get('/_sandbox/contacts/:id/events', (req, res) => {
    const events = actions.getTrackedEvents(String(req.params['id']));
    if (!events) throw apiError(404, 'OBJECT_NOT_FOUND', `contact ${String(req.params['id'])} does not exist`);
    res.json({ results: events });
  });
  app.post('/_sandbox/contacts/:id/events', (req, res) => {
    res.json(actions.trackEvents(String(req.params['id']), parse(schemas.events, list(req, 'events'), 'POST /_sandbox/contacts/:id/events')));
  });
  app.post('/_sandbox/associations', (req, res) => {
    const body = parse(schemas.association, req.body, 'POST /_sandbox/associations');
    actions.associate(String(body.contactId), String(body.companyId));
    res.status(204).end();
  });
  app.post('/_sandbox/engagements', (req, res) => {
    const body = parse(schemas.engagement, req.body, 'POST /_sandbox/engagements');
    res.status(201).json(actions.logEngagement({
      contactId: String(body.contactId), type: body.type, at: body.at,
      ...(body.ownerId === undefined ? {} : { ownerId: String(body.ownerId) }), ...(body.body === undefined ? {} : { body: body.body }),
    }));
  });
}
