// The one source of truth for what lead-router's Pipedrive app asks of Pipedrive and what its
// Developer Hub settings must say: OAuth callback / uninstall URL, scopes (derived from the API
// calls the connector makes), the webhooks it registers, and the app extensions (JSON panel,
// its feedback JSON modal, the app settings page) with their endpoints and JSON schemas.
// `npm run pipedrive:app` renders it to docs/pipedrive-app.md; a test fails when that file, the
// connector's API calls or the panel's output drift from it. Pipedrive has no manifest file (an
// app is configured in Developer Hub), so the rendered document is what an operator copies.
import { availabilityModalSchema } from '../availability-modal.ts';
import { feedbackModalSchema } from '../feedback-modal.ts';
import { PANEL_FIELD_LABELS, PANEL_FIELDS } from '../panel.ts';
import { WEBHOOK_EVENTS } from '../webhooks.ts';
import { PIPEDRIVE_APP_PATHS } from './paths.ts';

export { PIPEDRIVE_APP_PATHS };

/** Written in front of every path: the deployment's PUBLIC_BASE_URL. */
export const BASE = '{PUBLIC_BASE_URL}';

export interface ApiUse {
  /** Path prefix as the connector writes it (ids and sub-paths follow). */
  path: string;
  methods: readonly string[];
  scope: string;
  why: string;
}

/**
 * Every Pipedrive API path the connector calls, with the scope that covers it (reference
 * pipedrive.md §2 "Scopes this app needs", SDK per-endpoint scope annotations). The drift test
 * scans connectors/pipedrive/*.ts: a new path without a row here fails it.
 */
export const PIPEDRIVE_API_USE: readonly ApiUse[] = [
  { path: '/v1/users/me', methods: ['GET'], scope: 'base', why: 'which company and user a new token belongs to (install)' },
  { path: '/v1/users', methods: ['GET'], scope: 'users:read', why: 'the owners routing assigns to (active users only)' },
  { path: '/api/v2/persons', methods: ['GET', 'PATCH'], scope: 'contacts:full', why: 'read leads (batch, reconciliation); write score, tier, reasons and owner' },
  { path: '/api/v2/organizations', methods: ['GET'], scope: 'contacts:full', why: "the person's organization fields used by scoring" },
  { path: '/api/v2/organizationFields', methods: ['GET'], scope: 'contacts:full', why: 'resolve configured organization field names to keys' },
  { path: '/api/v2/personFields', methods: ['GET', 'POST'], scope: 'admin', why: 'resolve person fields; create the lead-router fields and their options at install' },
  { path: '/v1/leads', methods: ['GET', 'PATCH'], scope: 'leads:full', why: "Leads-Inbox leads follow their person's owner; with a `lead.*` config field (e.g. `source: { pipedrive: lead.source_name }`), the person's first lead says where the person came from" },
  { path: '/v1/leads/archived', methods: ['GET'], scope: 'leads:full', why: 'the same for a person whose only leads are archived (`lead.*` config fields only)' },
  { path: '/v1/webhooks', methods: ['GET', 'POST', 'DELETE'], scope: 'admin', why: 'register, check and re-create the app webhooks (app webhooks need admin)' },
  { path: '/api/v2/deals', methods: ['GET'], scope: 'deals:read', why: 'outcomes: `backfill --outcomes` pages existing deals (won / lost, value); deal webhooks carry the rest' },
];

/** Scopes not tied to an API call. */
export const PIPEDRIVE_EXTRA_SCOPES: readonly { scope: string; why: string }[] = [
  { scope: 'activities:read', why: 'activity webhooks (first touch, engagement); reference pipedrive.md §2 lists it for reading activities' },
];

/** The scopes to tick in Developer Hub: what the API table and the extras need, nothing more. */
export function pipedriveScopes(): string[] {
  const all = new Set([...PIPEDRIVE_API_USE.map((a) => a.scope), ...PIPEDRIVE_EXTRA_SCOPES.map((s) => s.scope)]);
  return [...all].sort();
}

const DEFINITION: Record<string, string> = { label: 'label', numerical: 'numerical', text: 'text' };

/** The JSON panel's schema for Developer Hub: one object per person, fields in display order. */
export function panelSchema(): Record<string, unknown> {
  const properties: Record<string, unknown> = { id: { $ref: '#/definitions/numerical' }, header: { $ref: '#/definitions/header' } };
  for (const [field, type] of Object.entries(PANEL_FIELDS)) {
    properties[field] = { $ref: `#/definitions/${DEFINITION[type]}`, label: PANEL_FIELD_LABELS[field as keyof typeof PANEL_FIELDS] };
  }
  return { type: 'array', items: { type: 'object', required: ['id', 'header'], properties } };
}

export const PANEL_NAME = 'Lead score';
export const FEEDBACK_MODAL_NAME = 'Rate this lead';
export const AVAILABILITY_MODAL_NAME = 'My availability';
export const SETTINGS_NAME = 'lead-router settings';

export interface PipedriveAppManifest {
  oauth: { callbackUrl: string; uninstallCallback: string; installUrl: string; scopes: string[] };
  api: readonly ApiUse[];
  extraScopes: typeof PIPEDRIVE_EXTRA_SCOPES;
  webhooks: { subscriptionUrl: string; version: '2.0'; events: string[]; auth: string; registeredBy: string };
  panel: { name: string; description: string; apiEndpoint: string; auth: string; locations: string[]; mainAction: string; schema: Record<string, unknown> };
  feedbackModal: { name: string; description: string; apiEndpoint: string; auth: string; locations: string[]; panelActionTarget: string; schema: Record<string, unknown> };
  availabilityModal: { name: string; description: string; apiEndpoint: string; auth: string; locations: string[]; panelActionTarget: string; schema: Record<string, unknown> };
  settings: { name: string; type: string; iframeUrl: string; auth: string; opens: string };
}

export function pipedriveAppManifest(): PipedriveAppManifest {
  const jwt = 'JWT secret = PIPEDRIVE_PANEL_JWT_SECRET (or leave empty: Pipedrive then signs with the client secret, PIPEDRIVE_CLIENT_SECRET); no HTTP Auth';
  return {
    oauth: {
      callbackUrl: `${BASE}${PIPEDRIVE_APP_PATHS.oauthCallback}`,
      uninstallCallback: `DELETE ${BASE}${PIPEDRIVE_APP_PATHS.oauthCallback} (the same callback URL; Basic client_id:client_secret)`,
      installUrl: `${BASE}${PIPEDRIVE_APP_PATHS.oauthInstall}`,
      scopes: pipedriveScopes(),
    },
    api: PIPEDRIVE_API_USE,
    extraScopes: PIPEDRIVE_EXTRA_SCOPES,
    webhooks: {
      subscriptionUrl: `${BASE}${PIPEDRIVE_APP_PATHS.webhook}`,
      version: '2.0',
      events: WEBHOOK_EVENTS.map((e) => `${e.action}.${e.object}`),
      auth: 'HTTP Basic, credentials generated per install and stored encrypted',
      registeredBy: 'the app itself after install (POST /v1/webhooks, re-checked hourly); nothing to configure in Developer Hub',
    },
    panel: {
      name: PANEL_NAME,
      description: "The person's lead score, why, and who it was routed to and why.",
      apiEndpoint: `${BASE}${PIPEDRIVE_APP_PATHS.panel}`,
      auth: jwt,
      locations: ['Person details'],
      mainAction: FEEDBACK_MODAL_NAME,
      schema: panelSchema(),
    },
    feedbackModal: {
      name: FEEDBACK_MODAL_NAME,
      description: 'Tell lead-router whether this lead was good, a bad fit or routed to the wrong owner.',
      apiEndpoint: `${BASE}${PIPEDRIVE_APP_PATHS.feedbackModal}`,
      auth: `${jwt}; use the same secret as the panel`,
      locations: ['Person details'],
      panelActionTarget: `global action of the "${PANEL_NAME}" panel (selected as its main action)`,
      schema: feedbackModalSchema(),
    },
    availabilityModal: {
      name: AVAILABILITY_MODAL_NAME,
      description: 'Mark yourself away (new leads go to your team-mates) or back.',
      apiEndpoint: `${BASE}${PIPEDRIVE_APP_PATHS.availabilityModal}`,
      auth: `${jwt}; use the same secret as the panel`,
      locations: ['Person details'],
      panelActionTarget: `global action of the "${PANEL_NAME}" panel`,
      schema: availabilityModalSchema(),
    },
    settings: {
      name: SETTINGS_NAME,
      type: 'App settings, custom UI (iframe, @pipedrive/app-extensions-sdk)',
      iframeUrl: `${BASE}${PIPEDRIVE_APP_PATHS.settings}`,
      auth: `${jwt}; the page verifies the SDK's signed token before linking`,
      opens: `the admin console for the company (${BASE}${PIPEDRIVE_APP_PATHS.admin}, through a one-time sign-in link minted per verified request)`,
    },
  };
}
