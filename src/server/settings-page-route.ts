// A CRM's app settings page shown in an iframe inside the CRM (Pipedrive: "Custom UI for app
// settings"). Three routes under one path:
//   GET <path>            the page (static: no tenant data, framed only by the CRM)
//   GET <path>/<asset>    its scripts
//   GET <path>/context    ?token=<signed token from the CRM's SDK> -> the caller's company and
//                         its admin console link, only for an installed company
// The composition root injects the CRM specifics (page, assets, token check, install check).
import express, { type Router } from 'express';
import { NotFoundError } from '../errors.ts';
import type { Logger } from '../logger.ts';
import type { TenantKey } from '../store/types.ts';
import { createErrorHandler } from './error-handler.ts';

export interface SettingsCaller {
  tenant: TenantKey;
  userId: string;
}

export interface SettingsPageDeps {
  path: string;
  page: () => string;
  assets: Record<string, { type: string; body: () => string }>;
  /** CSP frame-ancestors: who may frame the page. */
  frameAncestors: string;
  /** Verify the CRM's signed token (throws AuthError -> 401). */
  authenticate(query: Record<string, unknown>): SettingsCaller;
  isInstalled(tenant: TenantKey): Promise<boolean>;
  context(caller: SettingsCaller): unknown | Promise<unknown>;
  logger: Logger;
}

export function createSettingsPageRouter(deps: SettingsPageDeps): Router {
  const router = express.Router();
  const csp = (connect: boolean) =>
    [`default-src 'none'`, `script-src 'self'`, `style-src 'unsafe-inline'`, connect ? `connect-src 'self'` : '', `frame-ancestors ${deps.frameAncestors}`].filter(Boolean).join('; ');

  router.get(deps.path, (_req, res) => {
    res.set({ 'content-security-policy': csp(true), 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' }).type('html').send(deps.page());
  });

  router.get(`${deps.path}/context`, async (req, res, next) => {
    try {
      const caller = deps.authenticate(req.query as Record<string, unknown>);
      if (!(await deps.isInstalled(caller.tenant))) throw new NotFoundError(`lead-router is not installed for ${caller.tenant}: install the app from the marketplace listing`);
      res.set('cache-control', 'no-store').json(await deps.context(caller));
    } catch (err) {
      next(err);
    }
  });

  for (const [name, asset] of Object.entries(deps.assets)) {
    router.get(`${deps.path}/${name}`, (_req, res) => {
      res.set({ 'cache-control': 'public, max-age=300', 'x-content-type-options': 'nosniff' }).type(asset.type).send(asset.body());
    });
  }

  router.use(deps.path, createErrorHandler(deps.logger));
  return router;
}
