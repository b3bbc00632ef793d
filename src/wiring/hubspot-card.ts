// The HubSpot app's backends, wired to the HubSpot connector: its signature check (v3 HMAC with
// the app's client secret, connectors/hubspot/signature.ts) and its notion of which portals
// this deployment serves (installed, or the configured private-app portal). Two routes use it:
// the score card and the settings page's hand-off into the admin console.
import { Router } from 'express';
import type { CrmConnector } from '../crm/types.ts';
import type { TenantKey } from '../store/types.ts';
import { HUBSPOT_APP_PATHS } from '../../connectors/hubspot/app-project/manifest.ts';
import { hubspotTenant } from '../../connectors/hubspot/tenant.ts';
import { createHubspotHandoffRouter } from '../server/console/hubspot-handoff-route.ts';
import { createHubspotCardRouter } from '../server/hubspot-card/card-routes.ts';
import { configLabel } from '../tenants/config-label.ts';
import type { SharedWiring } from './shared.ts';

export function hubspotCardRouter(shared: SharedWiring, connector: CrmConnector): Router {
  const authenticate = async (request: Parameters<CrmConnector['verify']>[0]) => {
    await connector.verify(request);
  };
  const tenantOf = async (portalId: string): Promise<TenantKey | null> => {
    const tenant = hubspotTenant(portalId);
    return (await connector.client(tenant)) ? tenant : null;
  };
  const router = Router();
  router.use(
    createHubspotCardRouter({
      authenticate,
      tenantOf,
      store: shared.store,
      now: shared.now,
      configVersion: (tenant) => configLabel(shared.config(tenant)),
      ownerEmails: (tenant) => new Set(shared.config(tenant).config.owners.map((o) => o.email.toLowerCase())),
      publicBaseUrl: shared.env.publicBaseUrl,
      logger: shared.logger,
      basePath: HUBSPOT_APP_PATHS.card,
    }),
    createHubspotHandoffRouter({ authenticate, tenantOf, store: shared.store, now: shared.now, publicBaseUrl: shared.env.publicBaseUrl, path: HUBSPOT_APP_PATHS.consoleHandoff }),
  );
  return router;
}
