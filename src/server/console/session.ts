// Every console API request runs through here: the session cookie names one tenant, and the
// handlers read only that tenant. Writes also need the session's CSRF token (X-CSRF-Token) and,
// when the browser sends one, our own Origin. 401: no or unknown or expired session; 403: a
// request naming another tenant, or a write without its CSRF token.
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { safeEqual } from '../../crypto/safe-equal.ts';
import { AuthError, ForbiddenError } from '../../errors.ts';
import type { ConsoleUser } from '../../store/console-types.ts';
import type { Store, TenantKey } from '../../store/types.ts';
import { SESSION_COOKIE, clearSessionCookie, readCookie } from './cookies.ts';
import { hashSecret, looksLikeSecret } from './tokens.ts';

export interface ConsoleSession {
  tenant: TenantKey;
  idHash: string;
  csrfToken: string;
  expiresAt: number;
  /** Who signed in (from the link that opened the session); undefined: anonymous. */
  user?: ConsoleUser;
}

/**
 * The author of what a console session changes (config versions: publish, rollback, out of
 * office): the signed-in user "name (id)" as the link's issuer verified it, else the session by
 * a short, non-secret prefix of its hash. Nothing in a console request can set it.
 */
export function consoleAuthor(session: ConsoleSession): string {
  return session.user ? `${session.user.name} (${session.user.id})` : `console session ${session.idHash.slice(0, 8)}`;
}

const SIGN_IN_HINT = 'run `lead-router admin-link --tenant <tenant>` (or open the console from the CRM app settings) and open the link it prints';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function sessionOf(res: Response): ConsoleSession {
  const session = res.locals.consoleSession as ConsoleSession | undefined;
  if (!session) throw new AuthError(`Not signed in to the console: ${SIGN_IN_HINT}`);
  return session;
}

export function requireSession(deps: { store: Pick<Store, 'getAdminSession' | 'deleteAdminSession'>; now: () => number }): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    void (async () => {
      const cookie = readCookie(req, SESSION_COOKIE);
      if (cookie === undefined || cookie === '') throw new AuthError(`Not signed in to the console: ${SIGN_IN_HINT}`);
      if (!looksLikeSecret(cookie)) throw new AuthError(`Unknown console session: ${SIGN_IN_HINT}`);
      const idHash = hashSecret(cookie);
      const row = await deps.store.getAdminSession(idHash);
      if (!row) {
        clearSessionCookie(req, res);
        throw new AuthError(`Unknown console session (signed out or the tenant was uninstalled): ${SIGN_IN_HINT}`);
      }
      if (row.expiresAt <= deps.now()) {
        await deps.store.deleteAdminSession(idHash);
        clearSessionCookie(req, res);
        throw new AuthError(`Console session expired at ${new Date(row.expiresAt).toISOString()}: ${SIGN_IN_HINT}`);
      }
      const named = req.query.tenant ?? req.get('x-lead-router-tenant');
      if (named !== undefined && named !== row.tenant) {
        throw new ForbiddenError(`This console session belongs to tenant ${row.tenant}; it cannot read or change another tenant. Sign in to that tenant separately.`);
      }
      if (!SAFE_METHODS.has(req.method)) checkCsrf(req, row.csrfToken);
      res.locals.consoleSession = { tenant: row.tenant, idHash, csrfToken: row.csrfToken, expiresAt: row.expiresAt, ...(row.user ? { user: row.user } : {}) } satisfies ConsoleSession;
    })().then(() => next(), next);
  };
}

function checkCsrf(req: Request, expected: string): void {
  const origin = req.get('origin');
  if (origin !== undefined && origin !== 'null') {
    let host: string;
    try {
      host = new URL(origin).host;
    } catch {
      host = '';
    }
    if (host !== req.get('host')) throw new ForbiddenError(`Cross-site write refused: Origin ${origin} is not this server`);
  } else if (origin === 'null') {
    throw new ForbiddenError('Cross-site write refused: Origin null');
  }
  const sent = req.get('x-csrf-token');
  if (!sent || !safeEqual(sent, expected)) {
    throw new ForbiddenError('Missing or wrong X-CSRF-Token: reload the console (GET /admin/api/session returns the token) and try again');
  }
}
