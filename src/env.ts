// The ONLY reader of process.env. Every setting is validated here once; a missing or
// contradictory setting fails at start with a message naming the variable.
import { z } from 'zod';
import { EnvError } from './errors.ts';
import { flag, minLength, oneOf, positiveInt, require, url } from './env-values.ts';
import { MIN_STATE_SECRET_LENGTH } from './crypto/oauth-state.ts';

const optionalString = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));

const rawSchema = z.object({
  PORT: optionalString,
  PUBLIC_BASE_URL: optionalString,
  DATABASE_URL: optionalString,
  LEAD_ROUTER_CONFIG: optionalString,
  LOG_LEVEL: optionalString,
  INBOX_LEASE_MS: optionalString,
  LEAD_ROUTER_PIPELINE: optionalString,
  LEAD_ROUTER_ENCRYPTION_KEY: optionalString,
  LEAD_ROUTER_DEBUG: optionalString,
  HUBSPOT_CLIENT_SECRET: optionalString,
  HUBSPOT_CLIENT_ID: optionalString,
  HUBSPOT_APP_ID: optionalString,
  HUBSPOT_ACCESS_TOKEN: optionalString,
  HUBSPOT_PORTAL_ID: optionalString,
  HUBSPOT_API_BASE_URL: optionalString,
  HUBSPOT_AUTH_BASE_URL: optionalString,
  HUBSPOT_ACCOUNT_TIER: optionalString,
  HUBSPOT_RATE_LIMIT: optionalString,
  PIPEDRIVE_API_TOKEN: optionalString,
  PIPEDRIVE_COMPANY_DOMAIN: optionalString,
  PIPEDRIVE_COMPANY_ID: optionalString,
  PIPEDRIVE_API_BASE_URL: optionalString,
  PIPEDRIVE_OAUTH_BASE_URL: optionalString,
  PIPEDRIVE_CLIENT_ID: optionalString,
  PIPEDRIVE_CLIENT_SECRET: optionalString,
  PIPEDRIVE_WEBHOOK_USER: optionalString,
  PIPEDRIVE_WEBHOOK_PASSWORD: optionalString,
  PIPEDRIVE_PANEL_JWT_SECRET: optionalString,
  PIPEDRIVE_PLAN: optionalString,
  PIPEDRIVE_RATE_LIMIT: optionalString,
  HUBSPOT_ALLOW_LEGACY_SIGNATURES: optionalString,
  METRICS_TOKEN: optionalString,
  METRICS_PORT: optionalString,
  METRICS_HOST: optionalString,
  RETENTION_INBOX_DAYS: optionalString,
  RETENTION_AUDIT_DAYS: optionalString,
});

/** Every variable lead-router reads (compose.yaml and other deployments may set only these). */
export const ENV_NAMES: readonly string[] = Object.keys(rawSchema.shape);

export type HubspotEnv = (
  | { mode: 'private'; clientSecret: string; accessToken: string; portalId?: string; appId?: string; apiBaseUrl: string; tier: HubspotTier; rateLimit?: number }
  | {
      mode: 'oauth';
      clientId: string;
      clientSecret: string;
      appId?: string;
      apiBaseUrl: string;
      authBaseUrl: string;
      tier: HubspotTier;
      rateLimit?: number;
    }
) & {
  /** HUBSPOT_ALLOW_LEGACY_SIGNATURES: accept v1/v2 signatures (no timestamp, replayable). */
  allowLegacySignatures: boolean;
};
export type HubspotTier = 'starter' | 'pro' | 'enterprise' | 'api_add_on';

export type PipedriveEnv =
  | {
      mode: 'api_token';
      token: string;
      apiBaseUrl: string;
      companyId?: string;
      webhookUser: string;
      webhookPassword: string;
      /** JSON panel JWT secret (Developer Hub > App extensions); the panel is served when set. */
      panelJwtSecret?: string;
      plan: PipedrivePlan;
      rateLimit?: number;
    }
  | {
      mode: 'oauth';
      clientId: string;
      clientSecret: string;
      oauthBaseUrl: string;
      panelJwtSecret?: string;
      plan: PipedrivePlan;
      rateLimit?: number;
    };
export type PipedrivePlan = 'lite' | 'growth' | 'premium' | 'ultimate';

/**
 * How long rows are kept (src/pipeline/jobs/prune-expired.ts). Done inbox rows deduplicate
 * redeliveries, so they must outlive every CRM's retry window: HubSpot retries a delivery up to
 * 10 times over 24 h, Pipedrive within about 3 minutes (../shared/reference/*.md).
 */
export interface RetentionEnv {
  /** Days a done inbox row is kept (RETENTION_INBOX_DAYS, default 7, at least 2). */
  inboxDays: number;
  /** Days audit rows and superseded assignments are kept (RETENTION_AUDIT_DAYS, default 180, at least 8). */
  auditDays: number;
}

/** thread (default): the pipeline on a worker thread of its own (src/wiring/pipeline-thread.ts); inline: on the server's event loop. */
export const PIPELINE_MODES = ['thread', 'inline'] as const;
export type PipelineMode = (typeof PIPELINE_MODES)[number];

export interface AppEnv {
  port: number;
  publicBaseUrl?: string;
  databaseUrl?: string;
  configPath?: string;
  logLevel: string;
  debug: boolean;
  encryptionKey?: string;
  /** How long a claimed inbox row stays with its process before others may claim it (crash recovery). */
  inboxLeaseMs?: number;
  /** Where the pipeline runs (LEAD_ROUTER_PIPELINE): a worker thread beside intake, or inline on its event loop. */
  pipeline: PipelineMode;
  hubspot?: HubspotEnv;
  pipedrive?: PipedriveEnv;
  metrics: MetricsEnv;
  retention: RetentionEnv;
}

/**
 * Who may read /metrics (it names every tenant): a bearer token on the public port
 * (METRICS_TOKEN), and/or a separate listener (METRICS_PORT on METRICS_HOST, default
 * 127.0.0.1). With neither, /metrics is not served on the public port at all.
 */
export interface MetricsEnv {
  token?: string;
  port?: number;
  host: string;
}

/** A bearer token shorter than this is guessable; `openssl rand -hex 32` makes a good one. */
const MIN_METRICS_TOKEN_LENGTH = 16;

function readMetrics(e: Record<string, string | undefined>): MetricsEnv {
  const port = positiveInt('METRICS_PORT', e.METRICS_PORT);
  if (port !== undefined && port > 65535) throw new EnvError(['METRICS_PORT'], `METRICS_PORT must be 1-65535, got ${port}`);
  const token = minLength('METRICS_TOKEN', e.METRICS_TOKEN, MIN_METRICS_TOKEN_LENGTH, '(a random value, e.g. `openssl rand -hex 32`)');
  return { ...(token ? { token } : {}), ...(port ? { port } : {}), host: e.METRICS_HOST ?? '127.0.0.1' };
}

const HUBSPOT_API = 'https://api.hubapi.com';
const HUBSPOT_AUTH = 'https://app.hubspot.com';
const PIPEDRIVE_OAUTH = 'https://oauth.pipedrive.com';

function readHubspot(e: Record<string, string | undefined>): HubspotEnv | undefined {
  const any = Object.keys(e).some((k) => k.startsWith('HUBSPOT_') && e[k] !== undefined);
  if (!any) return undefined;
  const apiBaseUrl = url('HUBSPOT_API_BASE_URL', e.HUBSPOT_API_BASE_URL) ?? HUBSPOT_API;
  const tier = oneOf('HUBSPOT_ACCOUNT_TIER', e.HUBSPOT_ACCOUNT_TIER, ['starter', 'pro', 'enterprise', 'api_add_on'] as const, 'starter');
  const rateLimit = positiveInt('HUBSPOT_RATE_LIMIT', e.HUBSPOT_RATE_LIMIT);
  const allowLegacySignatures = flag('HUBSPOT_ALLOW_LEGACY_SIGNATURES', e.HUBSPOT_ALLOW_LEGACY_SIGNATURES);
  if (e.HUBSPOT_ACCESS_TOKEN && e.HUBSPOT_CLIENT_ID) {
    throw new EnvError(
      ['HUBSPOT_ACCESS_TOKEN', 'HUBSPOT_CLIENT_ID'],
      'Both HUBSPOT_ACCESS_TOKEN (private-app mode) and HUBSPOT_CLIENT_ID (marketplace OAuth mode) are set: unset one of them',
    );
  }
  if (e.HUBSPOT_ACCESS_TOKEN) {
    require(['HUBSPOT_CLIENT_SECRET'], e, 'private-app mode verifies webhook signatures with the app client secret');
    return {
      mode: 'private',
      clientSecret: e.HUBSPOT_CLIENT_SECRET!,
      accessToken: e.HUBSPOT_ACCESS_TOKEN,
      portalId: e.HUBSPOT_PORTAL_ID,
      appId: e.HUBSPOT_APP_ID,
      apiBaseUrl,
      tier,
      rateLimit,
      allowLegacySignatures,
    };
  }
  require(
    ['HUBSPOT_CLIENT_ID', 'HUBSPOT_CLIENT_SECRET', 'PUBLIC_BASE_URL', 'LEAD_ROUTER_ENCRYPTION_KEY'],
    e,
    'HubSpot needs HUBSPOT_ACCESS_TOKEN + HUBSPOT_CLIENT_SECRET (private app), or HUBSPOT_CLIENT_ID + HUBSPOT_CLIENT_SECRET + PUBLIC_BASE_URL + LEAD_ROUTER_ENCRYPTION_KEY (marketplace OAuth)',
  );
  // The client secret also signs the OAuth `state` (src/crypto/oauth-state.ts): too short a
  // secret would only fail at the first /oauth/hubspot/install, with a 500.
  minLength('HUBSPOT_CLIENT_SECRET', e.HUBSPOT_CLIENT_SECRET, MIN_STATE_SECRET_LENGTH, 'it signs the OAuth state (use the client secret from the app settings)');
  return {
    mode: 'oauth',
    clientId: e.HUBSPOT_CLIENT_ID!,
    clientSecret: e.HUBSPOT_CLIENT_SECRET!,
    appId: e.HUBSPOT_APP_ID,
    apiBaseUrl,
    authBaseUrl: url('HUBSPOT_AUTH_BASE_URL', e.HUBSPOT_AUTH_BASE_URL) ?? HUBSPOT_AUTH,
    tier,
    rateLimit,
    allowLegacySignatures,
  };
}

function readPipedrive(e: Record<string, string | undefined>): PipedriveEnv | undefined {
  const any = Object.keys(e).some((k) => k.startsWith('PIPEDRIVE_') && e[k] !== undefined);
  if (!any) return undefined;
  const plan = oneOf('PIPEDRIVE_PLAN', e.PIPEDRIVE_PLAN, ['lite', 'growth', 'premium', 'ultimate'] as const, 'lite');
  const rateLimit = positiveInt('PIPEDRIVE_RATE_LIMIT', e.PIPEDRIVE_RATE_LIMIT);
  if (e.PIPEDRIVE_API_TOKEN && e.PIPEDRIVE_CLIENT_ID) {
    throw new EnvError(
      ['PIPEDRIVE_API_TOKEN', 'PIPEDRIVE_CLIENT_ID'],
      'Both PIPEDRIVE_API_TOKEN (single-company mode) and PIPEDRIVE_CLIENT_ID (marketplace OAuth mode) are set: unset one of them',
    );
  }
  if (e.PIPEDRIVE_API_TOKEN) {
    require(
      ['PIPEDRIVE_WEBHOOK_USER', 'PIPEDRIVE_WEBHOOK_PASSWORD'],
      e,
      'Pipedrive webhooks are authenticated with HTTP Basic credentials that lead-router registers and checks',
    );
    if (!e.PIPEDRIVE_COMPANY_DOMAIN && !e.PIPEDRIVE_API_BASE_URL) {
      throw new EnvError(['PIPEDRIVE_COMPANY_DOMAIN'], 'Missing PIPEDRIVE_COMPANY_DOMAIN (e.g. "acme" for acme.pipedrive.com) or PIPEDRIVE_API_BASE_URL');
    }
    const apiBaseUrl =
      url('PIPEDRIVE_API_BASE_URL', e.PIPEDRIVE_API_BASE_URL) ?? `https://${e.PIPEDRIVE_COMPANY_DOMAIN!.replace(/\.pipedrive\.com$/, '')}.pipedrive.com`;
    return {
      mode: 'api_token',
      token: e.PIPEDRIVE_API_TOKEN,
      apiBaseUrl,
      companyId: e.PIPEDRIVE_COMPANY_ID,
      webhookUser: e.PIPEDRIVE_WEBHOOK_USER!,
      webhookPassword: e.PIPEDRIVE_WEBHOOK_PASSWORD!,
      panelJwtSecret: e.PIPEDRIVE_PANEL_JWT_SECRET,
      plan,
      rateLimit,
    };
  }
  require(
    ['PIPEDRIVE_CLIENT_ID', 'PIPEDRIVE_CLIENT_SECRET', 'PUBLIC_BASE_URL', 'LEAD_ROUTER_ENCRYPTION_KEY'],
    e,
    'Pipedrive needs PIPEDRIVE_API_TOKEN + PIPEDRIVE_COMPANY_DOMAIN + PIPEDRIVE_WEBHOOK_USER/PASSWORD (single company), or PIPEDRIVE_CLIENT_ID + PIPEDRIVE_CLIENT_SECRET + PUBLIC_BASE_URL + LEAD_ROUTER_ENCRYPTION_KEY (marketplace OAuth)',
  );
  minLength('PIPEDRIVE_CLIENT_SECRET', e.PIPEDRIVE_CLIENT_SECRET, MIN_STATE_SECRET_LENGTH, 'it signs the OAuth state (use the client secret from the Developer Hub)');
  return {
    mode: 'oauth',
    clientId: e.PIPEDRIVE_CLIENT_ID!,
    clientSecret: e.PIPEDRIVE_CLIENT_SECRET!,
    oauthBaseUrl: url('PIPEDRIVE_OAUTH_BASE_URL', e.PIPEDRIVE_OAUTH_BASE_URL) ?? PIPEDRIVE_OAUTH,
    panelJwtSecret: e.PIPEDRIVE_PANEL_JWT_SECRET,
    plan,
    rateLimit,
  };
}

function atLeast(name: string, v: string | undefined, min: number, dflt: number, why: string): number {
  const n = positiveInt(name, v) ?? dflt;
  if (n < min) throw new EnvError([name], `${name} must be at least ${min}, got ${n}: ${why}`);
  return n;
}

function readRetention(e: Record<string, string | undefined>): RetentionEnv {
  return {
    inboxDays: atLeast('RETENTION_INBOX_DAYS', e.RETENTION_INBOX_DAYS, 2, 7, 'done inbox rows deduplicate redeliveries, and HubSpot retries a webhook for up to 24 h'),
    auditDays: atLeast('RETENTION_AUDIT_DAYS', e.RETENTION_AUDIT_DAYS, 8, 180, "weekly capacity counts the last week's assignments"),
  };
}

/** Read and validate the environment. Throws EnvError naming the variable(s) to fix. */
export function readEnv(env: Record<string, string | undefined> = process.env): AppEnv {
  const e = rawSchema.parse(env) as Record<string, string | undefined>;
  const port = e.PORT === undefined ? 3000 : positiveInt('PORT', e.PORT)!;
  if (port > 65535) throw new EnvError(['PORT'], `PORT must be 1-65535, got ${port}`);
  return {
    port,
    publicBaseUrl: url('PUBLIC_BASE_URL', e.PUBLIC_BASE_URL),
    databaseUrl: e.DATABASE_URL,
    configPath: e.LEAD_ROUTER_CONFIG,
    logLevel: oneOf('LOG_LEVEL', e.LOG_LEVEL, ['error', 'warn', 'info', 'http', 'verbose', 'debug'] as const, 'info'),
    debug: e.LEAD_ROUTER_DEBUG === '1' || e.LEAD_ROUTER_DEBUG === 'true',
    encryptionKey: e.LEAD_ROUTER_ENCRYPTION_KEY,
    inboxLeaseMs: positiveInt('INBOX_LEASE_MS', e.INBOX_LEASE_MS),
    pipeline: oneOf('LEAD_ROUTER_PIPELINE', e.LEAD_ROUTER_PIPELINE, PIPELINE_MODES, 'thread'),
    hubspot: readHubspot(e),
    pipedrive: readPipedrive(e),
    metrics: readMetrics(e),
    retention: readRetention(e),
  };
}

/** The raw environment as a plain record (for CLI commands that pass env through). */
export function processEnv(): Record<string, string | undefined> {
  return process.env;
}
