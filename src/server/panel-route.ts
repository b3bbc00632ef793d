// GET <path>: a CRM record panel (Pipedrive JSON panel) showing the lead's latest decision:
// score, tier, reasons, owner. The CRM signs each panel request; the composition root injects
// how to verify it and how the CRM wants the answer drawn. Errors go through the one error
// mapping (error-handler.ts), drawn in the panel's own error format.
import express, { type Router } from 'express';
import type { LoadedConfig } from '../config/load.ts';
import type { Evaluation } from '../engine/types.ts';
import { NotFoundError } from '../errors.ts';
import type { Logger } from '../logger.ts';
import type { Store, TenantKey } from '../store/types.ts';
import { createErrorHandler } from './error-handler.ts';

export interface PanelRouteDeps {
  path: string;
  store: Pick<Store, 'getAudit'>;
  config: () => LoadedConfig;
  logger: Logger;
  /** Verify the CRM's signed request (throws AuthError); which tenant, user and record it is for. */
  authenticate(query: Record<string, unknown>): PanelCaller;
  render(evaluation: Evaluation, ctx: { ownerName?: string; nameOf: (email: string) => string }): unknown;
  renderError(title: string, detail: string): unknown;
}

export interface PanelCaller {
  tenant: TenantKey;
  userId: string;
  recordId: string;
}

/** Owner e-mail -> display name from the active config (the e-mail when not configured). */
export function ownerNames(config: LoadedConfig): (email: string) => string {
  const names = new Map(config.config.owners.map((o) => [o.email, o.name ?? o.email] as const));
  return (email) => names.get(email) ?? email;
}

const TITLES: Record<number, string> = { 401: 'Not authorized', 404: 'Not scored yet' };

export function createPanelRouter(deps: PanelRouteDeps): Router {
  const router = express.Router();
  router.get(deps.path, async (req, res, next) => {
    try {
      const { tenant, recordId } = deps.authenticate(req.query as Record<string, unknown>);
      const [audit] = await deps.store.getAudit(tenant, recordId, 1);
      if (!audit) throw new NotFoundError('lead-router has not scored this person yet; it will within seconds of the next change.');
      const nameOf = ownerNames(deps.config());
      const ownerEmail = audit.evaluation.route.owner;
      res.json(deps.render(audit.evaluation, ownerEmail ? { ownerName: nameOf(ownerEmail), nameOf } : { nameOf }));
    } catch (err) {
      next(err);
    }
  });
  router.use(deps.path, createErrorHandler(deps.logger, (e) => deps.renderError(TITLES[e.status] ?? 'Something went wrong', e.message)));
  return router;
}
