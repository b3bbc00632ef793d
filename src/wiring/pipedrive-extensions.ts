// Pipedrive app extensions, wired to the connector's Pipedrive specifics: the JSON panel, its
// feedback JSON modal and the app settings page (src/server routes). All three verify the HS256
// token Pipedrive signs with the extension's JWT secret (PIPEDRIVE_PANEL_JWT_SECRET, else the
// client secret); docs/pipedrive-app.md says to set that one secret on all three extensions.
import type { Router } from 'express';
import {
  availabilityModalLoad,
  availabilitySaved,
  parseAvailabilitySubmission,
  type PipedriveConnector,
  appExtensionsSdkSource,
  authenticatePanelRequest,
  buildPanelResponse,
  feedbackModalLoad,
  feedbackSaved,
  modalError,
  panelError,
  parseFeedbackSubmission,
  pipedriveTenant,
  PIPEDRIVE_APP_PATHS,
  renderSettingsPage,
  SETTINGS_FRAME_ANCESTORS,
  SETTINGS_SCRIPT,
  SETTINGS_SCRIPT_ASSET,
  SETTINGS_SDK_ASSET,
  verifyPanelToken,
} from '../../connectors/pipedrive/index.ts';
import { companyIdOf } from '../../connectors/pipedrive/tenant.ts';
import type { TenantKey } from '../store/types.ts';
import { createPanelAvailabilityRouter } from '../server/panel-availability-route.ts';
import { createPanelFeedbackRouter } from '../server/panel-feedback-route.ts';
import { createPanelRouter, type PanelCaller } from '../server/panel-route.ts';
import { createSettingsPageRouter } from '../server/settings-page-route.ts';
import type { SharedWiring } from './shared.ts';
import { issueAdminLink } from '../server/console/admin-link.ts';
import { HANDOFF_TTL_MS } from '../server/console/hubspot-handoff-route.ts';

/** A Pipedrive user's e-mail from the company's users (GET /v1/users through the rate-limited
 *  client; only when a rep opens the availability modal, never while a webhook waits). */
function pipedriveUserEmail(connector: Pick<PipedriveConnector, 'client'>) {
  return async (tenant: TenantKey, userId: string): Promise<string | null> => {
    const client = await connector.client(tenant);
    const user = client ? (await client.listOwners()).find((o) => o.id === userId) : undefined;
    return user?.email ? user.email.toLowerCase() : null;
  };
}

/** The JSON panel and its two modals (feedback, the rep's own availability). */
export function panelRouters(shared: SharedWiring, secret: string, connector: Pick<PipedriveConnector, 'client'>): Router[] {
  const authenticate = (query: Record<string, unknown>): PanelCaller => {
    const { companyId, userId, personId } = authenticatePanelRequest(query, secret, shared.now());
    return { tenant: pipedriveTenant(companyId), userId, recordId: personId };
  };
  return [
    // The modals' paths are under the panel's: mounted first so the panel's error handler never sees them.
    createPanelAvailabilityRouter({
      path: PIPEDRIVE_APP_PATHS.availabilityModal,
      store: shared.store,
      now: shared.now,
      logger: shared.logger,
      authenticate,
      userEmail: pipedriveUserEmail(connector),
      ownerEmails: (tenant) => new Set(shared.config(tenant).config.owners.map((o) => o.email.toLowerCase())),
      parseSubmission: parseAvailabilitySubmission,
      renderLoad: availabilityModalLoad,
      renderSaved: availabilitySaved,
      renderError: (e) => modalError(e.message),
    }),
    createPanelFeedbackRouter({
      path: PIPEDRIVE_APP_PATHS.feedbackModal,
      store: shared.store,
      now: shared.now,
      logger: shared.logger,
      authenticate,
      parseSubmission: parseFeedbackSubmission,
      renderLoad: feedbackModalLoad,
      renderSaved: feedbackSaved,
      renderError: (e) => modalError(e.message),
    }),
    createPanelRouter({
      path: PIPEDRIVE_APP_PATHS.panel,
      store: shared.store,
      config: shared.config,
      logger: shared.logger,
      authenticate,
      render: (evaluation, ctx) => buildPanelResponse(evaluation, ctx),
      renderError: (title, detail) => panelError(title, detail),
    }),
  ];
}

/** How long the settings hand-off waits for the user's e-mail before naming them by id. */
const USER_LOOKUP_MS = 3_000;

/**
 * The app settings page (custom UI). Its admin console link is the signed hand-off: each
 * verified context request mints a one-time sign-in link for that company (2 minutes, single
 * use, stored hashed), like the HubSpot settings page's.
 */
export function settingsRouter(
  shared: SharedWiring,
  secret: string,
  isInstalled: (tenant: TenantKey) => Promise<boolean>,
  connector: Pick<PipedriveConnector, 'client'>,
): Router {
  const emailOf = pipedriveUserEmail(connector);
  const base = shared.env.publicBaseUrl?.replace(/\/+$/, '') ?? '';
  return createSettingsPageRouter({
    path: PIPEDRIVE_APP_PATHS.settings,
    page: () => renderSettingsPage(PIPEDRIVE_APP_PATHS.settings),
    assets: {
      [SETTINGS_SDK_ASSET]: { type: 'text/javascript', body: appExtensionsSdkSource },
      [SETTINGS_SCRIPT_ASSET]: { type: 'text/javascript', body: () => SETTINGS_SCRIPT },
    },
    frameAncestors: SETTINGS_FRAME_ANCESTORS,
    authenticate: (query) => {
      const { companyId, userId } = verifyPanelToken(query.token, secret, shared.now());
      return { tenant: pipedriveTenant(companyId), userId };
    },
    isInstalled,
    context: async ({ tenant, userId }) => {
      const companyId = companyIdOf(tenant) ?? '';
      // The link signs in the Pipedrive user of the verified token, named by its e-mail from the
      // company's users when they can be read within USER_LOOKUP_MS (the token carries only the id).
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), USER_LOOKUP_MS)));
      const email = await Promise.race([emailOf(tenant, userId).catch(() => null), late]).finally(() => clearTimeout(timer));
      const user = { id: `pipedrive:${userId}`, name: email ?? `Pipedrive user ${userId}` };
      const link = await issueAdminLink({ store: shared.store, now: shared.now() }, tenant, base, HANDOFF_TTL_MS, user);
      return { companyId, adminUrl: link.url };
    },
    logger: shared.logger,
  });
}
