// Public surface of the Pipedrive connector, for the composition root (src/wiring) and routes.
export { createPipedriveConnector, type PipedriveConnector, type PipedriveConnectorOptions } from './connector.ts';
export { createPipedriveClient, type PipedriveClientOptions, type PipedriveTenantClient } from './client.ts';
export { createPipedriveTokenManager, type PipedriveTokenManager, type PipedriveInstallResult, type TokenCipher } from './token-manager.ts';
export { buildAuthorizeUrl, readOAuthCallback, exchangeCode, refreshAccessToken, handleUninstall, PIPEDRIVE_OAUTH_BASE, type StateSigner } from './oauth.ts';
export { verifyBasicAuth, verifyUninstallAuth } from './basic-auth.ts';
export { parsePipedriveEvent, parseCustomFieldValue } from './events.ts';
export { buildPanelResponse, panelError, verifyPanelToken, PANEL_FIELDS, PANEL_LIMITS } from './panel.ts';
export { WEBHOOK_EVENTS, type WebhookRegistration, type WebhookSyncResult } from './webhooks.ts';
export { pipedriveTenant, companyIdOf } from './tenant.ts';
export type { PipedriveCallInfo, PipedriveAuth } from './http.ts';
export { authenticatePanelRequest, type PanelRequest } from './panel-request.ts';
export { feedbackModalLoad, feedbackModalSchema, feedbackSaved, modalError, parseFeedbackSubmission } from './feedback-modal.ts';
export { PIPEDRIVE_APP_PATHS } from './app-manifest/paths.ts';
export { appExtensionsSdkSource, renderSettingsPage, SETTINGS_FRAME_ANCESTORS, SETTINGS_SCRIPT, SETTINGS_SCRIPT_ASSET, SETTINGS_SDK_ASSET } from './settings-page.ts';
export { PIPEDRIVE_REQUIRED_SCOPES, missingPipedriveScopes } from './scopes.ts';
export { availabilityModalLoad, availabilityModalSchema, availabilitySaved, parseAvailabilitySubmission, AVAILABILITY_CHOICES } from './availability-modal.ts';
