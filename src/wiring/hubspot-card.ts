// The score card backend, wired to the HubSpot connector: its signature check (v3 HMAC with
// the app's client secret, connectors/hubspot/signature.ts) and its notion of which portals
// this deployment serves (installed, or the configured private-app portal).
import type { Router } from 'express';
import type { CrmConnector } from '../crm/types.ts';
import { HUBSPOT_APP_PATHS } from '../../connectors/hubspot/app-project/manifest.ts';
import { hubspotTenant } from '../../connectors/hubspot/tenant.ts';
import { createHubspotCardRouter } from '../server/hubspot-card/card-routes.ts';
import { configLabel } from '../tenants/config-label.ts';
import type { SharedWiring } from './shared.ts';

export function hubspotCardRouter(shared: SharedWiring, connector: CrmConnector): Router {
  return createHubspotCardRouter({
    authenticate: async (request) => {
      await connector.verify(request);
    },
    tenantOf: async (portalId) => {
      const tenant = hubspotTenant(portalId);
      return (await connector.client(tenant)) ? tenant : null;
    },
    store: shared.store,
    now: shared.now,
    configVersion: (tenant) => configLabel(shared.config(tenant)),
    ownerEmails: (tenant) => new Set(shared.config(tenant).config.owners.map((o) => o.email.toLowerCase())),
    publicBaseUrl: shared.env.publicBaseUrl,
    logger: shared.logger,
    basePath: HUBSPOT_APP_PATHS.card,
  });
}
