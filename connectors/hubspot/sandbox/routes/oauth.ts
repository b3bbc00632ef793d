// OAuth (shared/reference/hubspot.md §3): simulated consent at /oauth/authorize, form-encoded token
// endpoint (v3 path, plus the v1 path the SDK's tokensApi still calls), token introspection.
// OAuth calls carry no bearer token and are not rate limited.
import type { Response } from 'express';
import type { ApiRouter } from '../api-router.ts';
import type { SandboxContext } from '../context.ts';
import { OAuthError } from '../token-registry.ts';
import { HUBSPOT_REQUIRED_SCOPES } from '../../app-project/manifest.ts';

function sendOAuthError(res: Response, err: unknown): void {
  if (!(err instanceof OAuthError)) throw err;
  res.status(400).json({ status: err.code, message: err.message, correlationId: crypto.randomUUID() });
}

export function registerOAuthRoutes(api: ApiRouter, ctx: SandboxContext): void {
  const spec = { kind: 'oauth' as const };

  api.add('get', '/oauth/authorize', spec, (req, res) => {
    const clientId = String(req.query['client_id'] ?? '');
    const redirectUri = String(req.query['redirect_uri'] ?? '');
    const scope = String(req.query['scope'] ?? '');
    let target: URL;
    try { target = new URL(redirectUri); } catch {
      res.status(400).json({ status: 'BAD_REDIRECT_URI', message: 'redirect_uri must be an absolute URL', correlationId: crypto.randomUUID() });
      return;
    }
    if (scope.trim() === '') {
      res.status(400).json({ status: 'error', message: 'scope is required (space-separated scopes the app declares)', correlationId: crypto.randomUUID() });
      return;
    }
    const optional = String(req.query['optional_scope'] ?? '');
    const scopes = [...new Set(`${scope} ${optional}`.split(/[\s+]+/).filter((s) => s !== ''))];
    try {
      // The sandbox's simulated user consents at once: straight back to the app with a code.
      target.searchParams.set('code', ctx.tokens.issueCode(clientId, redirectUri, scopes));
    } catch (err) { sendOAuthError(res, err); return; }
    if (typeof req.query['state'] === 'string') target.searchParams.set('state', req.query['state']);
    res.redirect(302, target.toString());
  });

  for (const path of ['/oauth/v3/token', '/oauth/v1/token']) {
    api.add('post', path, spec, (req, res) => {
      const body = (typeof req.body === 'object' && req.body !== null ? req.body : {}) as Record<string, string | undefined>;
      try { res.json(ctx.tokens.exchange(body)); } catch (err) { sendOAuthError(res, err); }
    });
  }

  api.add('get', '/oauth/v1/access-tokens/:token', spec, (req, res) => {
    const token = String(req.params['token']);
    const info = ctx.tokens.describeAccessToken(token);
    if (!info) { res.status(404).json({ status: 'error', message: 'Token not found or expired', correlationId: crypto.randomUUID() }); return; }
    const user = ctx.owners.getByUserId(ctx.owners.actingUserId());
    res.json({
      token, user: user?.email ?? 'admin@example.com', hub_domain: `sandbox-${ctx.portalId}.hubspot.local`, scopes: info.scopes,
      hub_id: ctx.portalId, app_id: ctx.appId, expires_in: info.expiresInS, user_id: ctx.owners.actingUserId(), token_type: 'access',
    });
  });

  // Private-app token info (HubSpot's private apps page): POST with { tokenKey }; the static
  // token is the sandbox's private app, so it names the sandbox's portal and grants every scope.
  api.add('post', '/oauth/v2/private-apps/get/access-token-info', spec, (req, res) => {
    const key = String(((typeof req.body === 'object' && req.body !== null ? req.body : {}) as { tokenKey?: unknown }).tokenKey ?? '');
    if (key !== ctx.tokens.privateAppToken) { res.status(401).json({ status: 'error', message: 'The access token provided is invalid or not a private app token', correlationId: crypto.randomUUID() }); return; }
    res.json({ userId: Number(ctx.owners.actingUserId()), hubId: ctx.portalId, appId: ctx.appId, scopes: [...HUBSPOT_REQUIRED_SCOPES] });
  });

  api.add('get', '/oauth/v1/refresh-tokens/:token', spec, (req, res) => {
    const token = String(req.params['token']);
    const info = ctx.tokens.describeRefreshToken(token);
    if (!info) { res.status(404).json({ status: 'error', message: 'Refresh token not found', correlationId: crypto.randomUUID() }); return; }
    res.json({ token, user: ctx.owners.getByUserId(ctx.owners.actingUserId())?.email ?? 'admin@example.com', hub_id: ctx.portalId, client_id: info.clientId, scopes: info.scopes, token_type: 'refresh' });
  });

  api.add('delete', '/oauth/v1/refresh-tokens/:token', spec, (req, res) => {
    ctx.tokens.revokeRefreshToken(String(req.params['token']));
    res.status(204).end();
  });
}
