// Paths on lead-router's public base URL that Pipedrive calls (the app's Developer Hub settings
// point here; manifest.ts documents them). The wiring mounts the routes on these very paths.
export const PIPEDRIVE_APP_PATHS = {
  webhook: '/webhooks/pipedrive',
  /** OAuth redirect URL AND uninstall callback (DELETE): Pipedrive has one callback URL. */
  oauthCallback: '/oauth/pipedrive/callback',
  /** Install from outside the Marketplace (redirects to Pipedrive's consent page). */
  oauthInstall: '/oauth/pipedrive/install',
  /** JSON panel "API endpoint" (person details). */
  panel: '/panels/pipedrive',
  /** The feedback JSON modal's "API endpoint" (GET on open, POST on submit). */
  feedbackModal: '/panels/pipedrive/feedback',
  /** The rep's own availability JSON modal (GET on open, POST on submit). */
  availabilityModal: '/panels/pipedrive/availability',
  /** App settings custom UI (iframe). */
  settings: '/pipedrive/settings',
  /** The admin console (another issue); the settings page links here. */
  admin: '/admin',
} as const;
