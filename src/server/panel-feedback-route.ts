// A rep's feedback on a lead from the CRM record panel (Pipedrive: a JSON modal attached to the
// panel). The CRM calls one endpoint twice:
//   GET  <path>   the modal opens: show the decision being judged
//   POST <path>   the rep submits: store {kind, note} in `feedback` for the caller's tenant, and
//                 queue it for the CRM's feedback field (give-feedback.ts)
// Every call is verified before anything is read (the injected authenticate, throwing AuthError
// -> 401), the tenant comes only from the verified request, and feedback is accepted only for a
// lead this tenant has a decision for, so one company can neither read nor write another's.
// How the CRM wants answers and form data shaped is injected by the composition root.
import express, { type Router } from 'express';
import type { Evaluation } from '../engine/types.ts';
import { NotFoundError, type LeadRouterError } from '../errors.ts';
import type { Logger } from '../logger.ts';
import type { FeedbackKind, Store } from '../store/types.ts';
import { createErrorHandler } from './error-handler.ts';
import { giveFeedback } from './give-feedback.ts';
import type { PanelCaller } from './panel-route.ts';

/** A modal form is a few hundred bytes; anything near this is not one. */
export const PANEL_FEEDBACK_BODY_LIMIT = '16kb';
export const PANEL_FEEDBACK_SOURCE = 'pipedrive-panel';

export interface PanelFeedbackRouteDeps {
  path: string;
  store: Store;
  now: () => number;
  logger: Logger;
  authenticate(query: Record<string, unknown>): PanelCaller;
  /** The submitted form as a verdict; throws InputError (400) when it is not one. */
  parseSubmission(body: unknown): { kind: FeedbackKind; note: string | null };
  renderLoad(evaluation: Evaluation): unknown;
  renderSaved(kind: FeedbackKind): unknown;
  renderError(e: LeadRouterError): unknown;
}

export function createPanelFeedbackRouter(deps: PanelFeedbackRouteDeps): Router {
  const router = express.Router();

  async function latest(caller: PanelCaller): Promise<Evaluation> {
    const [audit] = await deps.store.getAudit(caller.tenant, caller.recordId, 1);
    if (!audit) throw new NotFoundError(`lead-router has no decision for person ${caller.recordId} in this company yet, so there is nothing to give feedback on`);
    return audit.evaluation;
  }

  router.get(deps.path, async (req, res, next) => {
    try {
      const caller = deps.authenticate(req.query as Record<string, unknown>);
      res.json(deps.renderLoad(await latest(caller)));
    } catch (err) {
      next(err);
    }
  });

  router.post(deps.path, express.json({ limit: PANEL_FEEDBACK_BODY_LIMIT, type: () => true }), async (req, res, next) => {
    try {
      const caller = deps.authenticate(req.query as Record<string, unknown>);
      await latest(caller);
      const { kind, note } = deps.parseSubmission(req.body);
      const at = deps.now();
      await giveFeedback(deps.store, { tenant: caller.tenant, leadId: caller.recordId, at, userId: caller.userId, kind, note, source: 'panel' });
      deps.logger.info('panel feedback', { tenant: caller.tenant, leadId: caller.recordId, kind, source: PANEL_FEEDBACK_SOURCE });
      res.status(200).json(deps.renderSaved(kind));
    } catch (err) {
      next(err);
    }
  });

  router.use(deps.path, createErrorHandler(deps.logger, (e) => deps.renderError(e)));
  return router;
}
