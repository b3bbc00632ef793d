// HubSpot wiring: connector (private app or marketplace OAuth), OAuth routes (src/server),
// property setup in the background (an unreachable HubSpot is not a start failure).
import type { Router } from 'express';
import { buildInstallUrl, createHubspotClient, createHubspotConnector, createHubspotTokenManager, HUBSPOT_SCOPES, hubspotTenant } from '../../connectors/hubspot/index.ts';
import { HUBSPOT_OPTIONAL_SCOPES } from '../../connectors/hubspot/app-project/manifest.ts';
import { createTokenCipher } from '../crypto/token-cipher.ts';
import type { HubspotEnv } from '../env.ts';
import { EnvError } from '../errors.ts';
import { createOAuthRouter } from '../server/oauth-routes.ts';
import type { ReadinessCheck } from '../server/health-routes.ts';
import { retryInBackground } from '../pipeline/jobs/retry-in-background.ts';
import { uninstallTenant } from '../tenants/uninstall-tenant.ts';
import { installTemplates } from './install-template.ts';
import type { CrmWiring, SharedWiring } from './shared.ts';
import { hubspotCardRouter } from './hubspot-card.ts';

export async function wireHubspot(shared: SharedWiring, hs: HubspotEnv): Promise<CrmWiring> {
  const { env, store, schedulers, config, logger, now } = shared;
  const checks: ReadinessCheck[] = [];
  const routers: Router[] = [];
  if (hs.allowLegacySignatures) {
    logger.warn('HUBSPOT_ALLOW_LEGACY_SIGNATURES=true: v1/v2 webhook signatures are accepted; they carry no timestamp, so a captured delivery can be replayed');
  }
  // Each portal's client follows its own active config version (tiers, fields, properties).
  const configOf = (tenant: string) => config(tenant).config;
  const callCounter = (info: { tenant: string; path: string; status: number }) =>
    logger.debug('hubspot call', { tenant: info.tenant, path: info.path, status: info.status });

  if (hs.mode === 'private') {
    const connector = createHubspotConnector({
      clientSecret: hs.clientSecret,
      allowLegacySignatures: hs.allowLegacySignatures,
      appId: hs.appId,
      config: configOf,
      apiBaseUrl: hs.apiBaseUrl,
      auth: { mode: 'private', accessToken: hs.accessToken, portalId: hs.portalId },
      schedulers,
      store,
      now,
      onCall: callCounter,
    });
    if (shared.background) {
      // The token's portal: configured, or learned now (one try before we listen, so webhooks
      // are not refused with 503 for long), else in the background until HubSpot answers.
      if (!hs.portalId) await connector.portalId().catch((err: Error) => logger.warn('could not learn the HubSpot portal of HUBSPOT_ACCESS_TOKEN yet; webhooks get 503 until it is known (or set HUBSPOT_PORTAL_ID)', { error: err.message }));
      const setup = retryInBackground(
        'hubspot property setup',
        async () => {
          const portalId = await connector.portalId();
          const client = await connector.client(hubspotTenant(portalId!));
          await client!.ensureProperties();
          await client!.listOwners();
        },
        logger,
      );
      shared.onClose(setup.stop);
      checks.push({ name: 'hubspot', check: async () => setup.status() });
    }
    routers.push(hubspotCardRouter(shared, connector));
    return { connector, routers, checks };
  }

  if (!env.encryptionKey || !env.publicBaseUrl) {
    throw new EnvError(['LEAD_ROUTER_ENCRYPTION_KEY', 'PUBLIC_BASE_URL'], 'HubSpot OAuth mode needs LEAD_ROUTER_ENCRYPTION_KEY and PUBLIC_BASE_URL');
  }
  const cipher = createTokenCipher(env.encryptionKey);
  // Per-install background work (property setup), stopped on uninstall.
  const setups = new Map<string, () => void>();
  // HubSpot does not call the app on uninstall (the webhooks journal's APP_LIFECYCLE_EVENT is
  // polled with a client-credentials token; not wired yet): a refresh token refused as revoked
  // is the signal. A 401 forces that refresh, so the pipeline finds out on its next call.
  const onRevoked = async (portalId: string): Promise<void> => {
    const tenant = hubspotTenant(portalId);
    const stop = () => {
      setups.get(tenant)?.();
      setups.delete(tenant);
      tokens.forget(portalId);
      connector.forget(tenant);
    };
    // Not awaited: this runs inside a call on the tenant's own scheduler, which the uninstall
    // drops (and waits for); the call fails now, its rows go with the tenant's data.
    void uninstallTenant(shared, { tenant, crm: 'hubspot', reason: 'refresh token revoked (app uninstalled in HubSpot)', stop }).catch((err: Error) =>
      logger.error('hubspot uninstall failed', { tenant, error: err.message }),
    );
  };
  const tokens = createHubspotTokenManager({ store, cipher, clientId: hs.clientId, clientSecret: hs.clientSecret, apiBase: hs.apiBaseUrl, now, requiredScopes: HUBSPOT_SCOPES, onRevoked });
  const connector = createHubspotConnector({
    clientSecret: hs.clientSecret,
    allowLegacySignatures: hs.allowLegacySignatures,
    appId: hs.appId,
    config: configOf,
    apiBaseUrl: hs.apiBaseUrl,
    auth: { mode: 'oauth', tokens },
    schedulers,
    store,
    now,
    onCall: callCounter,
  });
  routers.push(
    hubspotCardRouter(shared, connector),
    createOAuthRouter({
      crm: 'hubspot',
      store,
      templates: installTemplates(shared, connector),
      publicBaseUrl: env.publicBaseUrl,
      stateSecret: hs.clientSecret,
      now,
      logger,
      buildAuthorizeUrl: ({ redirectUri, state }) =>
        buildInstallUrl({ clientId: hs.clientId, redirectUri, scopes: HUBSPOT_SCOPES, optionalScopes: HUBSPOT_OPTIONAL_SCOPES, state, authBase: hs.authBaseUrl }),
      completeInstall: async ({ code, redirectUri }) => {
        const result = await tokens.install(code, redirectUri);
        // Create the property group and properties idempotently (checklist 9), in the background.
        const client = createHubspotClient({
          tenant: result.tenant,
          basePath: hs.apiBaseUrl,
          getAccessToken: () => tokens.getAccessToken(result.portalId),
          scheduler: schedulers.get(result.tenant),
          config: config(result.tenant).config,
          now,
        });
        setups.get(result.tenant)?.();
        const setup = retryInBackground(`hubspot property setup ${result.tenant}`, () => client.ensureProperties(), logger);
        setups.set(result.tenant, setup.stop);
        shared.onClose(setup.stop);
        return { tenant: result.tenant };
      },
    }),
  );
  checks.push({
    name: 'hubspot',
    check: async () => {
      const installs = await store.listInstalls('hubspot');
      return { ok: true, detail: `${installs.length} portal(s) installed` };
    },
  });
  return { connector, routers, checks };
}
