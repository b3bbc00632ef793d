// Public surface of the HubSpot connector, for the composition root (src/wiring, CLI, demo).
export { createHubspotConnector, type HubspotAuth, type HubspotConnector, type HubspotConnectorOptions } from './connector.ts';
export { createHubspotClient, type HubspotTenantClient } from './client.ts';
export { createHubspotTokenManager, type HubspotTokenManager } from './token-manager.ts';
export { buildInstallUrl, exchangeCode, refreshAccessToken, fetchTokenInfo, fetchPrivateAppTokenInfo, HUBSPOT_SCOPES, HUBSPOT_API_BASE, HUBSPOT_AUTH_BASE } from './oauth.ts';
export { verifyHubspotSignature } from './signature.ts';
export { hubspotTenant, portalIdOf } from './tenant.ts';
