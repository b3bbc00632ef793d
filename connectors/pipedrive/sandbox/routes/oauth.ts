// OAuth for Marketplace apps (pipedrive.md §2), served on the sandbox's own host (it stands in for
// both oauth.pipedrive.com and the company's api_domain): GET /oauth/authorize consents at once and
// redirects to redirect_uri?code&state; POST /oauth/token (form-encoded, Basic client auth)
// exchanges codes and refresh tokens; POST /oauth/revoke. No token, no rate limit.
import type { Request, Response } from 'express';
import type { ApiRouter } from '../api-router.ts';
import type { SandboxContext } from '../context.ts';
import { OAuthError } from '../token-registry.ts';

function sendOAuthError(res: Response, err: unknown): void {
  if (!(err instanceof OAuthError)) throw err;
  res.status(err.status).json({ success: false, error: err.code, error_description: err.message, message: err.message });
}

function form(req: Request): Record<string, string | undefined> {
  const body: unknown = req.body;
  if (typeof body !== 'object' || body === null) return {};
  return Object.fromEntries(Object.entries(body as Record<string, unknown>).map(([k, v]) => [k, typeof v === 'string' ? v : undefined]));
}

/** The base URL the app calls (token response `api_domain`): the host the request reached. */
export function requestBase(req: Request): string {
  return `${req.protocol}://${req.get('host') ?? 'localhost'}`;
}

export function registerOAuthRoutes(api: ApiRouter, ctx: SandboxContext): void {
  api.addOAuth('get', '/oauth/authorize', (req, res) => {
    let target: URL;
    try { target = new URL(String(req.query['redirect_uri'] ?? '')); } catch {
      res.status(400).json({ success: false, error: 'invalid_request', error_description: 'redirect_uri must be an absolute URL' });
      return;
    }
    // Sandbox extension: ?user_id= installs as another user (default: the first admin).
    const userId = req.query['user_id'] === undefined ? ctx.users.primaryAdmin().id : Number(req.query['user_id']);
    if (!ctx.users.isActive(userId)) {
      res.status(400).json({ success: false, error: 'invalid_request', error_description: `user_id ${String(req.query['user_id'])} is not an active user` });
      return;
    }
    try {
      target.searchParams.set('code', ctx.tokens.issueCode(String(req.query['client_id'] ?? ''), String(req.query['redirect_uri']), userId));
    } catch (err) { sendOAuthError(res, err); return; }
    if (typeof req.query['state'] === 'string') target.searchParams.set('state', req.query['state']);
    res.redirect(302, target.toString());
  });

  api.addOAuth('post', '/oauth/token', (req, res) => {
    try { res.json(ctx.tokens.exchange(req.get('authorization'), form(req), requestBase(req))); } catch (err) { sendOAuthError(res, err); }
  });

  api.addOAuth('post', '/oauth/revoke', (req, res) => {
    try {
      ctx.tokens.revoke(req.get('authorization'), form(req)['token'] ?? '');
      res.status(200).json({ success: true });
    } catch (err) { sendOAuthError(res, err); }
  });
}
