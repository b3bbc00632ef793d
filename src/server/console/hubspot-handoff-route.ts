// POST <HUBSPOT_APP_PATHS.consoleHandoff>: the signed hand-off from the HubSpot app's settings
// page. HubSpot signs the hubspot.fetch call (v3) and appends the admin's portal; once verified,
// the answer is a one-time console link for exactly that portal, valid for 2 minutes (the admin
// clicks it right away). Nothing in the request but the verified portal decides the tenant, and
// the link works once, so a copied or logged link signs nobody in later. The link signs in the
// HubSpot user HubSpot appended to the signed URL (userId, userEmail): its e-mail (else "HubSpot
// user <id>") is what the console shows and what config versions name as their author.
import express, { type Router } from 'express';
import { LeadRouterError } from '../../errors.ts';
import type { Store, TenantKey } from '../../store/types.ts';
import type { ConsoleUser } from '../../store/console-types.ts';
import { authenticateCardRequest, type AuthenticateSigned, type CardCaller } from '../hubspot-card/signed-card-request.ts';
import { publicUrl } from '../webhook-route.ts';
import { issueAdminLink } from './admin-link.ts';

export const HANDOFF_TTL_MS = 2 * 60 * 1000;

export interface HubspotHandoffDeps {
  authenticate: AuthenticateSigned;
  tenantOf: (portalId: string) => Promise<TenantKey | null>;
  store: Pick<Store, 'createAdminLink'>;
  now: () => number;
  publicBaseUrl?: string | undefined;
  path: string;
}

/** The verified caller as a console user; none when HubSpot named no user. */
export function hubspotUser(who: CardCaller): ConsoleUser | undefined {
  if (who.userId === null) return who.userEmail === null ? undefined : { id: 'hubspot', name: who.userEmail };
  return { id: `hubspot:${who.userId}`, name: who.userEmail ?? `HubSpot user ${who.userId}` };
}

export function createHubspotHandoffRouter(deps: HubspotHandoffDeps): Router {
  const router = express.Router();
  router.post(deps.path, express.raw({ type: () => true, limit: '16kb' }), async (req, res) => {
    const who = await authenticateCardRequest(req, { authenticate: deps.authenticate, now: deps.now(), publicBaseUrl: deps.publicBaseUrl });
    const tenant = await deps.tenantOf(who.portalId);
    if (!tenant) throw new LeadRouterError('NOT_FOUND', `lead-router is not installed for HubSpot portal ${who.portalId}: install the app from the marketplace listing`);
    const base = new URL(publicUrl(req, deps.publicBaseUrl)).origin;
    const link = await issueAdminLink({ store: deps.store, now: deps.now() }, tenant, base, HANDOFF_TTL_MS, hubspotUser(who));
    res.set('Cache-Control', 'no-store').json({ url: link.url, expiresAt: link.expiresAt });
  });
  return router;
}
