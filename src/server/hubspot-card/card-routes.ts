// The score card's backend (hubspot.fetch from connectors/hubspot/app/src/app/cards/):
//   GET  <base>/:objectId            the lead's latest decision as a CardView
//   POST <base>/:objectId/feedback   {kind: good_lead | bad_fit | wrong_owner | duplicate, note?}
//                                    stored, and queued for the CRM's feedback property (give-feedback.ts)
//   POST <base>/:objectId/rescore    queue a rescore (lead.rescore inbox row; the worker polls)
//   GET|POST|DELETE <base>/me/availability   the calling rep's own absences (availability-routes.ts)
// Every call is signature-checked before anything is read, and the portal comes only from the
// verified URL, so one portal never sees another's leads. Reads are two indexed queries, far
// inside hubspot.fetch's 15 s timeout and 1 MB limit (reference hubspot.md §7).
import express, { type Router } from 'express';
import { z } from 'zod';
import { InputError, LeadRouterError } from '../../errors.ts';
import type { Logger } from '../../logger.ts';
import { FEEDBACK_KINDS, type Store, type TenantKey } from '../../store/types.ts';
import { buildCardView, CARD_FEEDBACK_SHOWN } from './card-view.ts';
import { mountAvailabilityRoutes } from './availability-routes.ts';
import { parseJson } from './json-body.ts';
import { giveFeedback } from '../give-feedback.ts';
import { authenticateCardRequest, type AuthenticateSigned, type CardCaller } from './signed-card-request.ts';

/** hubspot.fetch: "request and response payloads are limited to 1MB". */
export const CARD_BODY_LIMIT = '1mb';
export const CARD_RESCORE_SOURCE = 'hubspot-card';

export interface HubspotCardDeps {
  /** HubSpot's request-signature check (the HubSpot connector's, from the composition root). */
  authenticate: AuthenticateSigned;
  /** The tenant of a portal this deployment serves, or null (not installed / not configured). */
  tenantOf: (portalId: string) => Promise<TenantKey | null>;
  store: Store;
  now: () => number;
  /** The tenant's active config version label ("v3", "file:<hash>"), shown when the audit row
   *  predates recording the version that decided it. */
  configVersion: (tenant: TenantKey) => string;
  /** The tenant's config owners (lower-cased e-mails): who may mark themselves away. */
  ownerEmails: (tenant: TenantKey) => ReadonlySet<string>;
  publicBaseUrl?: string | undefined;
  logger: Logger;
  /** Mount point; HUBSPOT_APP_PATHS.card. */
  basePath: string;
}

const feedbackBody = z.strictObject({
  kind: z.enum(FEEDBACK_KINDS as [string, ...string[]]),
  // NUL is dropped: PostgreSQL text rejects it.
  note: z.string().trim().max(500).transform((t) => t.replace(/\u0000/g, '')).optional(),
});

function objectIdOf(raw: string | undefined): string {
  if (!raw || !/^\d{1,20}$/.test(raw)) throw new InputError(`"${raw ?? ''}" is not a HubSpot record id (expected digits)`);
  return raw;
}

export function createHubspotCardRouter(deps: HubspotCardDeps): Router {
  const router = express.Router();
  const raw = express.raw({ type: () => true, limit: CARD_BODY_LIMIT });

  /** Authenticate, then resolve the caller's tenant; never trusts anything unverified. */
  async function caller(req: express.Request): Promise<CardCaller & { tenant: TenantKey }> {
    const who = await authenticateCardRequest(req, { authenticate: deps.authenticate, now: deps.now(), publicBaseUrl: deps.publicBaseUrl });
    const tenant = await deps.tenantOf(who.portalId);
    if (!tenant) throw new LeadRouterError('NOT_FOUND', `lead-router is not installed for HubSpot portal ${who.portalId}: install the app from the marketplace listing`);
    return { ...who, tenant };
  }

  mountAvailabilityRoutes(router, `${deps.basePath}/me/availability`, raw, { ...deps, caller });

  router.get(`${deps.basePath}/:objectId`, raw, async (req, res, next) => {
    try {
      const { tenant } = await caller(req);
      const objectId = objectIdOf(req.params.objectId);
      const [latest] = await deps.store.getAudit(tenant, objectId, 1);
      if (!latest) {
        throw new LeadRouterError('NOT_FOUND', `Contact ${objectId} has not been scored yet; lead-router scores it within seconds of its next change, or press "Rescore now"`);
      }
      const feedback = await deps.store.listFeedback(tenant, objectId, CARD_FEEDBACK_SHOWN);
      res.json(buildCardView(latest, feedback, latest.configVersion ?? deps.configVersion(tenant)));
    } catch (err) {
      next(err);
    }
  });

  router.post(`${deps.basePath}/:objectId/feedback`, raw, async (req, res, next) => {
    try {
      const who = await caller(req);
      const objectId = objectIdOf(req.params.objectId);
      const parsed = feedbackBody.safeParse(parseJson(req.body));
      if (!parsed.success) {
        throw new InputError(`Invalid feedback: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`).join('; ')} (kind is one of ${FEEDBACK_KINDS.join(', ')})`);
      }
      const record = {
        tenant: who.tenant,
        leadId: objectId,
        at: deps.now(),
        userId: who.userId,
        kind: parsed.data.kind as (typeof FEEDBACK_KINDS)[number],
        note: parsed.data.note || null,
        source: 'card' as const,
      };
      await giveFeedback(deps.store, record);
      deps.logger.info('card feedback', { tenant: who.tenant, leadId: objectId, kind: record.kind });
      res.status(201).json({ saved: { kind: record.kind, at: record.at, userId: record.userId, note: record.note } });
    } catch (err) {
      next(err);
    }
  });

  router.post(`${deps.basePath}/:objectId/rescore`, raw, async (req, res, next) => {
    try {
      const who = await caller(req);
      const objectId = objectIdOf(req.params.objectId);
      const at = deps.now();
      await deps.store.inboxAppend(
        [{ tenant: who.tenant, source: CARD_RESCORE_SOURCE, dedupeKey: `card-rescore:${objectId}:${at}`, kind: 'lead.rescore', objectId, occurredAt: at, payload: { reason: 'card', userId: who.userId } }],
        at,
      );
      res.status(202).json({ queued: true, objectId });
    } catch (err) {
      next(err);
    }
  });

  return router;
}
