// Registers Pipedrive API routes behind the checks every real call goes through: injected outage,
// credentials (401), OAuth scopes (403), rate limits and the token budget (429 / 403 HTML, with
// x-ratelimit-* headers), then the handler. v1 routes answer under /v1 and /api/v1 (§3.1).
import type { Express, NextFunction, Request, Response } from 'express';
import type { CallStats } from './call-stats.ts';
import { apiError, outageError, SandboxApiError, scopeMismatch, unauthorized } from './errors.ts';
import type { Lane, RateLimiter } from './rate-limiter.ts';
import { tokenCost, type ApiVersion, type CallOp } from './token-costs.ts';
import type { Principal, TokenRegistry } from './token-registry.ts';

export type RouteSpec =
  | { kind: 'api'; op: CallOp; version: ApiVersion; scopes: string[]; lane?: Lane }
  | { kind: 'oauth' };

export type ApiHandler = (req: Request, res: Response, principal: Principal) => void | Promise<void>;
export type OAuthHandler = (req: Request, res: Response) => void | Promise<void>;

export interface Outage { status: number; until: number; html: boolean }

export interface ApiRouter {
  /** `template` starts with /api/v2 or /v1. */
  add(method: 'get' | 'post' | 'patch' | 'put' | 'delete', template: string, spec: Extract<RouteSpec, { kind: 'api' }>, handler: ApiHandler): void;
  addOAuth(method: 'get' | 'post', template: string, handler: OAuthHandler): void;
}

export function createApiRouter(deps: {
  app: Express;
  stats: CallStats;
  limiter: RateLimiter;
  tokens: TokenRegistry;
  now: () => number;
  getOutage: () => Outage | undefined;
}): ApiRouter {
  function checkOutage(): void {
    const outage = deps.getOutage();
    if (outage && deps.now() < outage.until) throw outageError(outage.status, outage.html);
  }

  return {
    add(method, template, spec, handler) {
      const paths = template.startsWith('/v1/') ? [template, `/api${template}`] : [template];
      for (const path of paths) {
        const route = `${method.toUpperCase()} ${path}`;
        deps.app[method](path, async (req: Request, res: Response) => {
          deps.stats.count(route);
          checkOutage();
          const auth = deps.tokens.authenticate(req);
          if (!auth.ok) throw unauthorized();
          const { principal } = auth;
          if (principal.scopes && !spec.scopes.some((s) => principal.scopes?.has(s))) throw scopeMismatch(spec.scopes);
          res.set(deps.limiter.admit({ kind: principal.kind, userId: principal.userId }, spec.lane ?? 'standard', tokenCost(spec.op, spec.version)));
          return handler(req, res, principal);
        });
      }
    },
    addOAuth(method, template, handler) {
      const route = `${method.toUpperCase()} ${template}`;
      deps.app[method](template, async (req: Request, res: Response) => {
        deps.stats.count(route);
        checkOutage();
        return handler(req, res);
      });
    },
  };
}

/** The last middleware: Pipedrive-shaped bodies for every error (one mapping per error kind). */
export function createErrorHandler() {
  return (err: unknown, _req: Request, res: Response, _next: NextFunction): void => {
    if (err instanceof SandboxApiError) {
      res.set(err.headers).status(err.status);
      if (err.html) res.type('text/html').send(String(err.body));
      else res.json(err.body);
      return;
    }
    const parseError = err as { type?: string; message?: string };
    if (parseError.type === 'entity.parse.failed') {
      const e = apiError(400, `Invalid JSON in the request body: ${parseError.message ?? 'malformed'}`);
      res.status(400).json(e.body);
      return;
    }
    res.status(500).json(apiError(500, `sandbox bug: ${err instanceof Error ? err.message : String(err)}`).body);
  };
}
