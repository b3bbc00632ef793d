// Marketplace install flow, CRM-neutral: /oauth/<crm>/install redirects to the CRM's consent
// page with a signed, expiring `state` whose nonce is stored; /oauth/<crm>/callback checks the
// signature and age, uses the nonce up (a state works once, in any process sharing the store),
// and only then hands the code to the connector's token manager (which checks the granted scopes
// before it stores anything, so a working install is never replaced by a lesser one); a CRM that calls back on uninstall (Pipedrive: DELETE
// to the callback URL, pipedrive.md §2) gets that route too. The CRM specifics are injected.
import express, { type Router } from 'express';
import { randomBytes } from 'node:crypto';
import { signState, verifyState } from '../crypto/oauth-state.ts';
import { AuthError, PayloadError } from '../errors.ts';
import type { Logger } from '../logger.ts';
import type { CrmKind, Store } from '../store/types.ts';

/** A state older than this is refused (consent takes a minute; a leaked link stops working soon). */
export const STATE_MAX_AGE_MS = 10 * 60_000;

export interface OAuthRouteDeps {
  crm: CrmKind;
  store: Pick<Store, 'saveOAuthNonce' | 'consumeOAuthNonce'>;
  publicBaseUrl: string;
  stateSecret: string;
  now: () => number;
  logger: Logger;
  buildAuthorizeUrl(opts: { redirectUri: string; state: string }): string;
  /** Exchange the code and store the install; returns the tenant key. */
  completeInstall(opts: { code: string; redirectUri: string }): Promise<{ tenant: string }>;
  /** Templates an install may start from (`?template=`), and what to do with the chosen one
   *  once installed (publish it, owners resolved; returns the version label). */
  templates?: { names: readonly string[]; apply(o: { tenant: string; template: string }): Promise<string | null> };
  /** DELETE /oauth/<crm>/callback: authenticate the CRM's uninstall call (throws AuthError) and
   *  delete the tenant's data; returns the tenant key. */
  uninstall?(req: { body: unknown; authorization: string | undefined }): Promise<{ tenant: string }>;
}

export function callbackUrl(publicBaseUrl: string, crm: string): string {
  return `${publicBaseUrl.replace(/\/+$/, '')}/oauth/${crm}/callback`;
}

export function createOAuthRouter(deps: OAuthRouteDeps): Router {
  const router = express.Router();
  const redirectUri = callbackUrl(deps.publicBaseUrl, deps.crm);
  router.get(`/oauth/${deps.crm}/install`, async (req, res, next) => {
    try {
      const template = typeof req.query['template'] === 'string' ? req.query['template'] : undefined;
      if (template !== undefined && !deps.templates?.names.includes(template)) {
        throw new PayloadError(`Unknown install template "${template}": use one of ${(deps.templates?.names ?? []).join(', ') || '(none configured)'}`);
      }
      const now = deps.now();
      const nonce = randomBytes(16).toString('base64url');
      await deps.store.saveOAuthNonce(nonce, deps.crm, now + STATE_MAX_AGE_MS, now);
      const state = signState({ crm: deps.crm, nonce, ...(template ? { template } : {}) }, deps.stateSecret, now);
      res.redirect(302, deps.buildAuthorizeUrl({ redirectUri, state }));
    } catch (err) {
      next(err);
    }
  });
  router.get(`/oauth/${deps.crm}/callback`, async (req, res, next) => {
    try {
      const { code, state, error } = req.query as Record<string, string | undefined>;
      if (error) throw new PayloadError(`The installation was not approved (${error})`);
      if (!code) throw new PayloadError('Missing ?code= in the OAuth callback');
      const payload = state ? verifyState(state, deps.stateSecret, deps.now(), STATE_MAX_AGE_MS) : null;
      if (!payload || (payload as { crm?: string }).crm !== deps.crm) {
        throw new AuthError('Invalid or expired OAuth state: start the installation again from /oauth/' + deps.crm + '/install');
      }
      if (!(await deps.store.consumeOAuthNonce(payload.nonce, deps.crm, deps.now()))) {
        throw new AuthError('This OAuth state was already used (or was not issued here): start the installation again from /oauth/' + deps.crm + '/install');
      }
      const { tenant } = await deps.completeInstall({ code, redirectUri });
      deps.logger.info('app installed', { crm: deps.crm, tenant });
      const template = typeof payload['template'] === 'string' ? payload['template'] : null;
      const config = template && deps.templates ? await deps.templates.apply({ tenant, template }) : null;
      res.status(200).json({ installed: true, tenant, ...(config ? { config } : {}) });
    } catch (err) {
      next(err);
    }
  });
  const uninstall = deps.uninstall;
  if (uninstall) {
    router.delete(`/oauth/${deps.crm}/callback`, express.json(), async (req, res, next) => {
      try {
        const { tenant } = await uninstall({ body: req.body, authorization: req.headers.authorization });
        deps.logger.info('app uninstalled; tenant data deleted', { crm: deps.crm, tenant });
        res.status(200).json({ uninstalled: true });
      } catch (err) {
        next(err);
      }
    });
  }
  return router;
}
