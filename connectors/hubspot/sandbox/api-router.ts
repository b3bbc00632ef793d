// Registers HubSpot API routes behind the checks every real call goes through, in HubSpot's order:
// injected outage, bearer token (401), scopes (403, OAuth tokens only), rate limit (429 + headers).
import type { Express, NextFunction, Request, Response } from 'express';
import type { CallStats } from './call-stats.ts';
import { apiError, buildErrorBody, buildOutageBody, sendApiError, SandboxApiError } from './errors.ts';
import type { LimitKind, RateLimiter } from './rate-limiter.ts';
import type { Principal, TokenRegistry } from './token-registry.ts';

export interface RouteSpec {
  /** standard: burst-limited; search: 5/s limiter; oauth: no token, no limit (§5). */
  kind: LimitKind | 'oauth';
  /** Any one of these scopes grants access (OAuth tokens; the private-app token has all). */
  scopes?: string[];
}

export type ApiHandler = (req: Request, res: Response, principal: Principal | undefined) => void | Promise<void>;

export interface ApiRouter {
  add(method: 'get' | 'post' | 'patch' | 'put' | 'delete', template: string, spec: RouteSpec, handler: ApiHandler): void;
}

export interface Outage { status: number; until: number }

const NO_CREDENTIALS = 'Authentication credentials not found. This API supports OAuth 2.0 authentication and you can find more details at https://developers.hubspot.com/docs/methods/auth/oauth-overview';

export function createApiRouter(deps: {
  app: Express;
  stats: CallStats;
  limiter: RateLimiter;
  tokens: TokenRegistry;
  now: () => number;
  getOutage: () => Outage | undefined;
}): ApiRouter {
  function authenticate(req: Request): Principal {
    const result = deps.tokens.authenticate(req.get('authorization'));
    if (result.ok) return result.principal;
    if (result.reason === 'expired') {
      const minutes = Math.max(1, Math.round(result.expiredForMs / 60_000));
      throw apiError(401, 'EXPIRED_AUTHENTICATION', `The OAuth token used to make this call expired ${minutes} minute(s) ago.`);
    }
    throw apiError(401, 'INVALID_AUTHENTICATION', NO_CREDENTIALS);
  }

  function checkScopes(principal: Principal, scopes: string[] | undefined): void {
    if (!scopes || principal.kind === 'private' || scopes.some((s) => principal.scopes.has(s))) return;
    throw apiError(403, 'MISSING_SCOPES', "This app hasn't been granted all required scopes to make this call. Read more about required scopes here: https://developers.hubspot.com/scopes.", {
      errors: [{ message: 'One or more of the following scopes are required.', context: { requiredGranularScopes: scopes } }],
    });
  }

  return {
    add(method, template, spec, handler) {
      const route = `${method.toUpperCase()} ${template}`;
      deps.app[method](template, async (req: Request, res: Response) => {
        deps.stats.count(route);
        const outage = deps.getOutage();
        if (outage && deps.now() < outage.until) throw new SandboxApiError(outage.status, { ...buildOutageBody(outage.status) });
        if (spec.kind === 'oauth') return handler(req, res, undefined);
        const principal = authenticate(req);
        checkScopes(principal, spec.scopes);
        res.set(deps.limiter.take(spec.kind, principal.kind === 'private'));
        return handler(req, res, principal);
      });
    },
  };
}

/** The last middleware: HubSpot-shaped bodies for every error (one mapping per error kind). */
export function createErrorHandler(stats: CallStats) {
  return (err: unknown, _req: Request, res: Response, _next: NextFunction): void => {
    if (err instanceof SandboxApiError) {
      if (err.status === 429) stats.countRateLimited();
      sendApiError(res, err);
      return;
    }
    const parseError = err as { type?: string; message?: string };
    if (parseError.type === 'entity.parse.failed') {
      res.status(400).json(buildErrorBody('VALIDATION_ERROR', `Invalid input JSON: ${parseError.message ?? 'malformed body'}`));
      return;
    }
    res.status(500).json(buildErrorBody('INTERNAL_ERROR', `sandbox bug: ${err instanceof Error ? err.message : String(err)}`));
  };
}
