// GET /admin/login?token=...: the one-time link. A valid link becomes a session (cookie bound to
// the link's tenant) and a 303 to /admin; a forged, expired or used link gets a 401 page that
// says which, and how to get a new one. POST /admin/api/logout ends the session.
import { Router, type Request, type Response } from 'express';
import type { Store } from '../../store/types.ts';
import { setSessionCookie } from './cookies.ts';
import { messageHtml, setPageHeaders } from './pages.ts';
import { hashSecret, looksLikeSecret, newSecret } from './tokens.ts';

/** A console session lasts a working day; then the admin signs in again. */
export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;

const NEW_LINK = 'Run `lead-router admin-link` again (or reopen the console from the CRM app settings) for a new link.';

export interface LoginDeps {
  store: Pick<Store, 'consumeAdminLink' | 'createAdminSession'>;
  now: () => number;
  sessionTtlMs?: number;
}

function refuse(res: Response, title: string, message: string): void {
  setPageHeaders(res);
  res.status(401).type('html').send(messageHtml(title, message));
}

export function createLoginRouter(deps: LoginDeps): Router {
  const router = Router();
  router.get('/admin/login', async (req: Request, res: Response) => {
    const token = req.query.token;
    if (!looksLikeSecret(token)) return refuse(res, 'Sign-in link not valid', `This link is not a console sign-in link. ${NEW_LINK}`);
    const now = deps.now();
    const used = await deps.store.consumeAdminLink(hashSecret(token), now);
    if (used.status !== 'ok') {
      if (used.status === 'expired') return refuse(res, 'Sign-in link expired', `Sign-in links work for 10 minutes. ${NEW_LINK}`);
      if (used.status === 'used') return refuse(res, 'Sign-in link already used', `Each sign-in link works once. ${NEW_LINK}`);
      return refuse(res, 'Sign-in link not valid', `This sign-in link is unknown to this server. ${NEW_LINK}`);
    }
    const ttl = deps.sessionTtlMs ?? SESSION_TTL_MS;
    const secret = newSecret();
    await deps.store.createAdminSession({ idHash: hashSecret(secret), tenant: used.tenant, csrfToken: newSecret(), createdAt: now, expiresAt: now + ttl, ...(used.user ? { user: used.user } : {}) });
    setPageHeaders(res);
    setSessionCookie(req, res, secret, ttl);
    res.redirect(303, '/admin');
  });
  return router;
}
