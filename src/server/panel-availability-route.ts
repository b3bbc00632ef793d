// A rep marks themselves away or back from a CRM record panel (Pipedrive: a JSON modal attached
// to the panel; connectors/pipedrive/availability-modal.ts). The CRM calls one endpoint twice:
//   GET  <path>   the modal opens: the rep's absences still in effect
//   POST <path>   the rep submits: away for N hours (an `absences` row) or back now (ended early)
// Every call is verified first (the injected authenticate, AuthError -> 401); the tenant and
// the CRM user come only from the verified request; the user must be one of the tenant's
// config owners (403). Rows record who set / ended them (the audit), and the routing state
// hands them to the engine, which skips the rep on the next decision.
import express, { type Router } from 'express';
import { ForbiddenError, type LeadRouterError } from '../errors.ts';
import type { Logger } from '../logger.ts';
import type { AbsenceRecord, Store, TenantKey } from '../store/types.ts';
import { createErrorHandler } from './error-handler.ts';
import type { PanelCaller } from './panel-route.ts';

export interface PanelAvailabilityRouteDeps<Choice extends string> {
  path: string;
  store: Pick<Store, 'addAbsence' | 'endAbsences' | 'listAbsences'>;
  now: () => number;
  logger: Logger;
  authenticate(query: Record<string, unknown>): PanelCaller;
  /** The CRM user's e-mail (lower-cased), or null when the CRM does not know the user. */
  userEmail(tenant: TenantKey, userId: string): Promise<string | null>;
  ownerEmails(tenant: TenantKey): ReadonlySet<string>;
  parseSubmission(body: unknown): { choice: Choice; hours: number; note: string | null };
  renderLoad(absences: AbsenceRecord[], now: number): unknown;
  renderSaved(choice: Choice): unknown;
  renderError(e: LeadRouterError): unknown;
}

export function createPanelAvailabilityRouter<Choice extends string>(deps: PanelAvailabilityRouteDeps<Choice>): Router {
  const router = express.Router();

  async function rep(query: Record<string, unknown>) {
    const caller = deps.authenticate(query);
    const email = await deps.userEmail(caller.tenant, caller.userId);
    if (!email || !deps.ownerEmails(caller.tenant).has(email)) {
      throw new ForbiddenError(`${email ?? `user ${caller.userId}`} is not one of lead-router's reps in this company's config: ask your admin to add them under owners`);
    }
    return { tenant: caller.tenant, email, by: `pipedrive-user:${caller.userId} (${email})` };
  }

  const effective = (a: AbsenceRecord) => ({ ...a, to: a.endedAt === null ? a.to : Math.min(a.to, a.endedAt) });

  router.get(deps.path, async (req, res, next) => {
    try {
      const r = await rep(req.query as Record<string, unknown>);
      const now = deps.now();
      res.json(deps.renderLoad((await deps.store.listAbsences(r.tenant, { owner: r.email, after: now })).map(effective), now));
    } catch (err) {
      next(err);
    }
  });

  router.post(deps.path, express.json({ limit: '16kb', type: () => true }), async (req, res, next) => {
    try {
      const r = await rep(req.query as Record<string, unknown>);
      const { choice, hours, note } = deps.parseSubmission(req.body);
      const now = deps.now();
      if (hours > 0) await deps.store.addAbsence({ tenant: r.tenant, owner: r.email, from: now, to: now + hours * 3_600_000, note, setBy: r.by, setAt: now });
      else await deps.store.endAbsences(r.tenant, r.email, now, r.by);
      deps.logger.info(hours > 0 ? 'rep marked away' : 'rep marked back', { tenant: r.tenant, hours });
      res.status(200).json(deps.renderSaved(choice));
    } catch (err) {
      next(err);
    }
  });

  router.use(deps.path, createErrorHandler(deps.logger, (e) => deps.renderError(e)));
  return router;
}
