// Public entry of the Pipedrive sandbox.
export { createPipedriveSandbox } from './create-pipedrive-sandbox.ts';
export type { PipedriveSandbox } from './create-pipedrive-sandbox.ts';
export { startPipedriveSandbox } from './start-pipedrive-sandbox.ts';
export type { StartedPipedriveSandbox, StartWebhooks } from './start-pipedrive-sandbox.ts';
export type { ContactInput } from './user-actions.ts';
export type { WebhookBody } from './webhook-events.ts';
export type { Webhook, WebhookView } from './webhook-registry.ts';
export type { FieldDef, FieldOption } from './field-registry.ts';
export type * from './types.ts';
