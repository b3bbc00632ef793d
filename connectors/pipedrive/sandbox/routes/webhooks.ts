// Webhook subscriptions (pipedrive.md §1.1): POST /v1/webhooks (there is no v2 path), GET, DELETE.
// Version "2.0" by default; 40 per user; the `admin` scope for OAuth apps; an app's webhooks are
// type "application" and only that app may delete them.
import type { Request } from 'express';
import type { ApiRouter } from '../api-router.ts';
import type { SandboxContext } from '../context.ts';
import { apiError, errorBody, notFound, SandboxApiError } from '../errors.ts';
import { bodyObject } from '../input-checks.ts';
import { MAX_WEBHOOKS_PER_USER, V2_ACTIONS, V2_OBJECTS, type WebhookInput } from '../webhook-registry.ts';
import type { Principal } from '../token-registry.ts';

const SCOPES = ['admin'];

function invalid(errors: Record<string, string[]>): SandboxApiError {
  const summary = Object.entries(errors).map(([k, v]) => `${k}: ${v.join('; ')}`).join(', ');
  return new SandboxApiError(400, { ...errorBody(400, `Validation failed: ${summary}`), status: 'error', errors });
}

function parseWebhook(ctx: SandboxContext, req: Request, principal: Principal): WebhookInput {
  const body = bodyObject(req.body);
  const errors: Record<string, string[]> = {};
  const fail = (k: string, msg: string) => { (errors[k] ??= []).push(msg); };
  const url = body['subscription_url'];
  let parsed: URL | undefined;
  try { parsed = typeof url === 'string' ? new URL(url) : undefined; } catch { parsed = undefined; }
  if (!parsed || !/^https?:$/.test(parsed.protocol)) fail('subscription_url', 'must be a full, valid URL');
  else if (parsed.host === req.get('host') && /^\/(api\/)?v[12]\//.test(parsed.pathname)) fail('subscription_url', 'Pipedrive API endpoints cannot be used as the subscription_url');
  const version = body['version'] === undefined ? '2.0' : String(body['version']);
  // The sandbox renders v2 bodies only; v1 ("1.0") is legacy since Mar 17, 2025 (§1.6).
  if (version !== '2.0') fail('version', 'the sandbox delivers webhooks v2 only: use "2.0" (the default)');
  if (!V2_ACTIONS.includes(String(body['event_action']))) fail('event_action', `must be one of ${V2_ACTIONS.join(', ')}`);
  if (!V2_OBJECTS.includes(String(body['event_object']))) fail('event_object', `must be one of ${V2_OBJECTS.join(', ')}`);
  const userId = body['user_id'] === undefined ? principal.userId : Number(body['user_id']);
  if (!ctx.users.get(userId)) fail('user_id', `user ${String(body['user_id'])} does not exist in this company`);
  for (const k of ['http_auth_user', 'http_auth_password', 'name'] as const) {
    if (body[k] !== undefined && body[k] !== null && typeof body[k] !== 'string') fail(k, 'must be a string');
  }
  if (Object.keys(errors).length) throw invalid(errors);
  if (ctx.webhooks.countForUser(userId) >= MAX_WEBHOOKS_PER_USER) {
    throw invalid({ user_id: [`user ${userId} already has the maximum of ${MAX_WEBHOOKS_PER_USER} webhooks`] });
  }
  return {
    subscription_url: String(url), event_action: String(body['event_action']), event_object: String(body['event_object']), version, user_id: userId,
    http_auth_user: (body['http_auth_user'] as string | undefined) ?? null, http_auth_password: (body['http_auth_password'] as string | undefined) ?? null,
    name: (body['name'] as string | undefined) ?? '',
  };
}

export function registerWebhookRoutes(api: ApiRouter, ctx: SandboxContext): void {
  api.add('get', '/v1/webhooks', { kind: 'api', op: 'list', version: 'v1', scopes: SCOPES }, (_req, res) => {
    res.json({ status: 'ok', success: true, data: ctx.webhooks.list() });
  });

  api.add('post', '/v1/webhooks', { kind: 'api', op: 'create', version: 'v1', scopes: SCOPES }, (req, res, principal) => {
    res.status(201).json({ status: 'ok', success: true, data: ctx.webhooks.create(parseWebhook(ctx, req, principal), principal) });
  });

  api.add('delete', '/v1/webhooks/:id', { kind: 'api', op: 'delete', version: 'v1', scopes: SCOPES }, (req, res, principal) => {
    const id = Number(req.params['id']);
    const hook = Number.isInteger(id) ? ctx.webhooks.get(id) : undefined;
    if (!hook) throw notFound('Webhook');
    // §1.1 "Only the app that created a webhook can delete it."
    if (hook.type === 'application' && ctx.webhooks.state(id)?.clientId !== (principal.clientId ?? null)) {
      throw apiError(403, 'This webhook belongs to a Marketplace app: only that app can delete it', { status: 'error' });
    }
    ctx.webhooks.remove(id);
    res.json({ status: 'ok', success: true });
  });
}
