// Public entry of the HubSpot sandbox.
export { createHubspotSandbox } from './create-hubspot-sandbox.ts';
export type { HubspotSandbox } from './create-hubspot-sandbox.ts';
export { startHubspotSandbox } from './start-hubspot-sandbox.ts';
export type { StartedHubspotSandbox } from './start-hubspot-sandbox.ts';
export { signHubspotV1, signHubspotV3, decodeSignatureUri } from './sign.ts';
export type { WebhookEvent } from './webhook-events.ts';
export type * from './types.ts';
