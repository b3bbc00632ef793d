// The ONLY reader of process.env. Every setting is validated here once; a missing or
// contradictory setting fails at start with a message naming the variable.
import { z } from 'zod';
import { EnvError } from './errors.ts';

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
});

export type HubspotEnv =
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
  hubspot?: HubspotEnv;
  pipedrive?: PipedriveEnv;
}

const HUBSPOT_API = 'https://api.hubapi.com';
const HUBSPOT_AUTH = 'https://app.hubspot.com';
const PIPEDRIVE_OAUTH = 'https://oauth.pipedrive.com';

function positiveInt(name: string, v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n <= 0) throw new EnvError([name], `${name} must be a positive integer, got "${v}"`);
  return n;
}

function oneOf<T extends string>(name: string, v: string | undefined, allowed: readonly T[], dflt: T): T {
  if (v === undefined) return dflt;
  if (!(allowed as readonly string[]).includes(v)) {
    throw new EnvError([name], `${name} must be one of ${allowed.join(', ')}, got "${v}"`);
  }
  return v as T;
}

function url(name: string, v: string | undefined): string | undefined {
  if (v === undefined) return undefined;
  try {
    const u = new URL(v);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error('protocol');
    return v.replace(/\/+$/, '');
  } catch {
    throw new EnvError([name], `${name} must be an http(s) URL, got "${v}"`);
  }
}

function require(names: string[], env: Record<string, string | undefined>, why: string): void {
  const missing = names.filter((n) => env[n] === undefined);
  if (missing.length) throw new EnvError(missing, `Missing ${missing.join(', ')}: ${why}`);
}

function readHubspot(e: Record<string, string | undefined>): HubspotEnv | undefined {
  const any = Object.keys(e).some((k) => k.startsWith('HUBSPOT_') && e[k] !== undefined);
  if (!any) return undefined;
  const apiBaseUrl = url('HUBSPOT_API_BASE_URL', e.HUBSPOT_API_BASE_URL) ?? HUBSPOT_API;
  const tier = oneOf('HUBSPOT_ACCOUNT_TIER', e.HUBSPOT_ACCOUNT_TIER, ['starter', 'pro', 'enterprise', 'api_add_on'] as const, 'starter');
  const rateLimit = positiveInt('HUBSPOT_RATE_LIMIT', e.HUBSPOT_RATE_LIMIT);
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
    };
  }
  require(
    ['HUBSPOT_CLIENT_ID', 'HUBSPOT_CLIENT_SECRET', 'PUBLIC_BASE_URL', 'LEAD_ROUTER_ENCRYPTION_KEY'],
    e,
    'HubSpot needs HUBSPOT_ACCESS_TOKEN + HUBSPOT_CLIENT_SECRET (private app), or HUBSPOT_CLIENT_ID + HUBSPOT_CLIENT_SECRET + PUBLIC_BASE_URL + LEAD_ROUTER_ENCRYPTION_KEY (marketplace OAuth)',
  );
  return {
    mode: 'oauth',
    clientId: e.HUBSPOT_CLIENT_ID!,
    clientSecret: e.HUBSPOT_CLIENT_SECRET!,
    appId: e.HUBSPOT_APP_ID,
    apiBaseUrl,
    authBaseUrl: url('HUBSPOT_AUTH_BASE_URL', e.HUBSPOT_AUTH_BASE_URL) ?? HUBSPOT_AUTH,
    tier,
    rateLimit,
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
    hubspot: readHubspot(e),
    pipedrive: readPipedrive(e),
  };
}

/** The raw environment as a plain record (for CLI commands that pass env through). */
export function processEnv(): Record<string, string | undefined> {
  return process.env;
}
