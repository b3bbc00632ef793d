// HubSpot OAuth for the marketplace app (reference §3): the install URL, and the v3 token
// endpoint (POST /oauth/v3/token, every parameter in the form-encoded body, never the query;
// v1 is deprecated on 2027-02-16 and new listings need v3).
import { z } from 'zod';
import { toHubspotCrmError, toNetworkCrmError } from './errors.ts';
import { CrmError } from '../../src/errors.ts';
import { readResponseBody } from './http.ts';
import { HUBSPOT_REQUIRED_SCOPES } from './app-project/manifest.ts';

/** The scopes the install URL requests: exactly the app's required scopes (app-project/manifest.ts). */
export const HUBSPOT_SCOPES = HUBSPOT_REQUIRED_SCOPES;

export const HUBSPOT_AUTH_BASE = 'https://app.hubspot.com';
export const HUBSPOT_API_BASE = 'https://api.hubapi.com';

export interface HubspotTokens {
  accessToken: string;
  refreshToken: string;
  /** epoch ms: now + expires_in (about 30 minutes, §3; read it, never hard-code it) */
  expiresAt: number;
  /** The portal the token belongs to (token responses carry hub_id since 2025-08-18). */
  hubId?: string;
  scopes?: string[];
}

export interface BuildInstallUrlOptions {
  clientId: string;
  redirectUri: string;
  scopes: readonly string[];
  optionalScopes?: readonly string[];
  /** Anti-CSRF value; validate it on the callback (checklist 7). */
  state: string;
  authBase?: string;
}

/** https://app.hubspot.com/oauth/authorize?client_id&redirect_uri&scope&optional_scope&state (§3). */
export function buildInstallUrl(o: BuildInstallUrlOptions): string {
  const params: [string, string][] = [
    ['client_id', o.clientId],
    ['redirect_uri', o.redirectUri],
    ['scope', o.scopes.join(' ')],
  ];
  if (o.optionalScopes && o.optionalScopes.length > 0) params.push(['optional_scope', o.optionalScopes.join(' ')]);
  params.push(['state', o.state]);
  // encodeURIComponent (spaces as %20) as in HubSpot's own example, not '+' form encoding.
  const query = params.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&');
  return `${(o.authBase ?? HUBSPOT_AUTH_BASE).replace(/\/+$/, '')}/oauth/authorize?${query}`;
}

const tokenResponse = z.object({
  access_token: z.string().min(1),
  refresh_token: z.string().min(1).optional(),
  expires_in: z.number().positive(),
  hub_id: z.union([z.number(), z.string()]).optional(),
  scopes: z.array(z.string()).optional(),
});

interface TokenRequestBase {
  apiBase: string;
  clientId: string;
  clientSecret: string;
  /** epoch ms (injectable clock) */
  now: number;
}

/** The refresh token is dead (BAD_REFRESH_TOKEN): the app was uninstalled from the portal or
 *  its access revoked; retrying never helps (HubSpot OAuth docs, "missing or invalid refresh token"). */
export class RefreshTokenRevokedError extends CrmError {}

async function postToken(o: TokenRequestBase, params: Record<string, string>): Promise<z.infer<typeof tokenResponse>> {
  const what = 'POST /oauth/v3/token';
  const body = new URLSearchParams({ ...params, client_id: o.clientId, client_secret: o.clientSecret });
  let res: Response;
  try {
    res = await fetch(`${o.apiBase.replace(/\/+$/, '')}/oauth/v3/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded;charset=utf-8', Accept: 'application/json' },
      body: body.toString(),
    });
  } catch (err) {
    throw toNetworkCrmError(err, what);
  }
  const json = await readResponseBody(res);
  if (!res.ok) {
    const error = toHubspotCrmError({ status: res.status, headers: res.headers, body: json }, what, o.now);
    if ((json as { status?: unknown } | null)?.status === 'BAD_REFRESH_TOKEN') throw new RefreshTokenRevokedError(error.message, { status: res.status, retryable: false, cause: error });
    throw error;
  }
  const parsed = tokenResponse.safeParse(json);
  if (!parsed.success) throw new CrmError(`HubSpot ${what} returned an unexpected body: ${parsed.error.issues[0]?.message}`, { retryable: false });
  return parsed.data;
}

function toTokens(r: z.infer<typeof tokenResponse>, now: number, previousRefresh?: string): HubspotTokens {
  const refreshToken = r.refresh_token ?? previousRefresh;
  if (!refreshToken) throw new CrmError('HubSpot POST /oauth/v3/token returned no refresh_token', { retryable: false });
  return {
    accessToken: r.access_token,
    refreshToken,
    expiresAt: now + r.expires_in * 1000,
    ...(r.hub_id !== undefined ? { hubId: String(r.hub_id) } : {}),
    ...(r.scopes ? { scopes: r.scopes } : {}),
  };
}

/** Exchange the one-time authorization code from the install redirect for tokens. */
export async function exchangeCode(o: TokenRequestBase & { code: string; redirectUri: string }): Promise<HubspotTokens> {
  const r = await postToken(o, { grant_type: 'authorization_code', code: o.code, redirect_uri: o.redirectUri });
  return toTokens(r, o.now);
}

/** A new access token for a refresh token; HubSpot may rotate the refresh token, so keep the returned one. */
export async function refreshAccessToken(o: TokenRequestBase & { refreshToken: string }): Promise<HubspotTokens> {
  const r = await postToken(o, { grant_type: 'refresh_token', refresh_token: o.refreshToken });
  return toTokens(r, o.now, o.refreshToken);
}

const tokenInfo = z.object({ hub_id: z.union([z.number(), z.string()]), scopes: z.array(z.string()).optional(), hub_domain: z.string().optional() });

/**
 * Portal id of an access token: GET /oauth/v1/access-tokens/{token}. Only a fallback for
 * token responses without hub_id (the token travels in the path: HubSpot's design, not ours).
 */
export async function fetchTokenInfo(o: { apiBase: string; accessToken: string; now: number }): Promise<{ hubId: string; scopes?: string[]; hubDomain?: string }> {
  const what = 'GET /oauth/v1/access-tokens/{token}';
  let res: Response;
  try {
    res = await fetch(`${o.apiBase.replace(/\/+$/, '')}/oauth/v1/access-tokens/${encodeURIComponent(o.accessToken)}`, {
      headers: { Accept: 'application/json' },
    });
  } catch (err) {
    throw toNetworkCrmError(err, what);
  }
  const json = await readResponseBody(res);
  if (!res.ok) throw toHubspotCrmError({ status: res.status, headers: res.headers, body: json }, what, o.now);
  const parsed = tokenInfo.safeParse(json);
  if (!parsed.success) throw new CrmError(`HubSpot ${what} returned no hub_id`, { retryable: false });
  return {
    hubId: String(parsed.data.hub_id),
    ...(parsed.data.scopes ? { scopes: parsed.data.scopes } : {}),
    ...(parsed.data.hub_domain ? { hubDomain: parsed.data.hub_domain } : {}),
  };
}

const privateTokenInfo = z.object({ hubId: z.union([z.number(), z.string()]), scopes: z.array(z.string()).optional(), appId: z.union([z.number(), z.string()]).optional() });

/**
 * Portal and scopes of a private-app (or project static-auth) token: POST
 * /oauth/v2/private-apps/get/access-token-info with `{ tokenKey }` (HubSpot's private apps page;
 * `GET /oauth/v1/access-tokens/{token}` describes OAuth tokens only). The bearer header is sent
 * too: EU tokens (pat-eu1) need it.
 */
export async function fetchPrivateAppTokenInfo(o: { apiBase: string; accessToken: string; now: number }): Promise<{ hubId: string; scopes?: string[] }> {
  const what = 'POST /oauth/v2/private-apps/get/access-token-info';
  let res: Response;
  try {
    res = await fetch(`${o.apiBase.replace(/\/+$/, '')}/oauth/v2/private-apps/get/access-token-info`, {
      method: 'POST',
      headers: { Accept: 'application/json', 'Content-Type': 'application/json', Authorization: `Bearer ${o.accessToken}` },
      body: JSON.stringify({ tokenKey: o.accessToken }),
    });
  } catch (err) {
    throw toNetworkCrmError(err, what);
  }
  const json = await readResponseBody(res);
  if (!res.ok) throw toHubspotCrmError({ status: res.status, headers: res.headers, body: json }, what, o.now);
  const parsed = privateTokenInfo.safeParse(json);
  if (!parsed.success) throw new CrmError(`HubSpot ${what} returned no hubId`, { retryable: false });
  return { hubId: String(parsed.data.hubId), ...(parsed.data.scopes ? { scopes: parsed.data.scopes } : {}) };
}
