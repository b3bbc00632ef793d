// Pipedrive OAuth for Marketplace apps (pipedrive.md §2): the authorize URL with a signed
// `state`, the token endpoint (POST {oauthBase}/oauth/token, form-encoded, Basic client auth)
// for the code exchange and refreshes, /v1/users/me to learn the company, and the DELETE
// uninstall callback. Plain fetch: the SDK's OAuth2Configuration keeps one token per instance,
// while lead-router serves many companies; its TokenResponse type describes the wire format.
import type { TokenResponse } from 'pipedrive/v2';
import { z } from 'zod';
import { AuthError, CrmError, PayloadError } from '../../src/errors.ts';
import { basicAuthHeader, verifyUninstallAuth } from './basic-auth.ts';
import { pipedriveErrorText } from './rate-limit.ts';
import { pipedriveTenant } from './tenant.ts';

export const PIPEDRIVE_OAUTH_BASE = 'https://oauth.pipedrive.com';

/** Signs and verifies `state` (src/crypto/oauth-state.ts fits: HMAC, expiring, constant-time). */
export interface StateSigner {
  sign(payload: Record<string, unknown>): string;
  verify(token: string): Record<string, unknown> | null;
}

export interface OAuthClient {
  clientId: string;
  clientSecret: string;
  oauthBase?: string;
  fetch?: typeof fetch;
}

const base = (o: { oauthBase?: string }) => (o.oauthBase ?? PIPEDRIVE_OAUTH_BASE).replace(/\/+$/, '');

/** GET {oauthBase}/oauth/authorize?client_id&redirect_uri&state (§2; scopes are set in Developer Hub). */
export function buildAuthorizeUrl(o: { clientId: string; redirectUri: string; signer: StateSigner; state?: Record<string, unknown>; oauthBase?: string }): string {
  const url = new URL(`${base(o)}/oauth/authorize`);
  url.searchParams.set('client_id', o.clientId);
  url.searchParams.set('redirect_uri', o.redirectUri);
  url.searchParams.set('state', o.signer.sign(o.state ?? {}));
  return url.toString();
}

/**
 * The callback query: `?code&state`, or `?error=access_denied` when the user declined (§2).
 * `state` is required: installs that start in the Marketplace also come back through our
 * authorize URL only if the app's "installation URL" points at it; without one, set
 * `requireState: false` and rely on the code being single-use.
 */
export function readOAuthCallback(query: Record<string, unknown>, signer: StateSigner, opts: { requireState?: boolean } = {}): { code: string; state: Record<string, unknown> | null } {
  if (typeof query.error === 'string') throw new AuthError(`Pipedrive authorization was not granted: ${query.error}`);
  if (typeof query.code !== 'string' || query.code === '') throw new PayloadError('OAuth callback is missing the "code" query parameter');
  if (typeof query.state !== 'string' || query.state === '') {
    if (opts.requireState ?? true) throw new AuthError('OAuth callback is missing the signed "state" parameter');
    return { code: query.code, state: null };
  }
  const state = signer.verify(query.state);
  if (!state) throw new AuthError('OAuth callback "state" is invalid or expired: start the installation again');
  return { code: query.code, state };
}

const tokenSchema = z.looseObject({
  access_token: z.string().min(1),
  refresh_token: z.string().min(1),
  token_type: z.string().optional(),
  expires_in: z.number().positive(),
  scope: z.string().optional(),
  // create-pipedrive-app treats a missing api_domain as an error (§2 "api_domain matters").
  api_domain: z.string().min(1),
});

export type PipedriveTokenResponse = Pick<TokenResponse, 'access_token' | 'refresh_token' | 'expires_in' | 'api_domain'> &
  Partial<Pick<TokenResponse, 'scope' | 'token_type'>>;

async function postToken(o: OAuthClient, params: Record<string, string>, what: string): Promise<PipedriveTokenResponse> {
  let res: Response;
  let text: string;
  try {
    res = await (o.fetch ?? fetch)(`${base(o)}/oauth/token`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        accept: 'application/json',
        authorization: basicAuthHeader(o.clientId, o.clientSecret),
      },
      body: new URLSearchParams(params).toString(),
    });
    text = await res.text();
  } catch (err) {
    throw new CrmError(`Pipedrive OAuth ${what}: no response (${(err as Error).message})`, { retryable: true, cause: err });
  }
  if (!res.ok) {
    const detail = pipedriveErrorText(text) ?? text.slice(0, 200);
    // 4xx: invalid_grant (code used or expired, refresh token revoked) or bad client credentials.
    throw new CrmError(`Pipedrive OAuth ${what} failed (${res.status}): ${detail}`, { status: res.status, retryable: res.status >= 500 });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new CrmError(`Pipedrive OAuth ${what}: the token response is not JSON`, { status: res.status, retryable: true });
  }
  const parsed = tokenSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new CrmError(`Pipedrive OAuth ${what}: unexpected token response (${issue?.path.join('.')}: ${issue?.message})`, { retryable: false });
  }
  return parsed.data;
}

/** grant_type=authorization_code (§2 "Token exchange"). */
export function exchangeCode(o: OAuthClient & { code: string; redirectUri: string }): Promise<PipedriveTokenResponse> {
  return postToken(o, { grant_type: 'authorization_code', code: o.code, redirect_uri: o.redirectUri }, 'code exchange');
}

/** grant_type=refresh_token; the response may carry a new refresh token: always store it (§2). */
export function refreshAccessToken(o: OAuthClient & { refreshToken: string }): Promise<PipedriveTokenResponse> {
  return postToken(o, { grant_type: 'refresh_token', refresh_token: o.refreshToken }, 'token refresh');
}

const uninstallSchema = z.looseObject({
  client_id: z.string().min(1),
  company_id: z.union([z.string().min(1), z.number().int()]).transform(String),
  user_id: z.union([z.string().min(1), z.number().int()]).transform(String).optional(),
});

/**
 * The OAuth uninstall callback: a DELETE with {client_id, company_id, user_id} on the callback
 * URL, authenticated with Basic client_id:client_secret (§2 "Uninstall callback"). Returns the
 * tenant to delete; the route then calls store.deleteTenant and closes the tenant's scheduler.
 */
export function handleUninstall(o: { body: unknown; authorization: string | string[] | undefined; clientId: string; clientSecret: string }): { tenant: string; companyId: string; userId: string | null } {
  verifyUninstallAuth(o.authorization, o.clientId, o.clientSecret);
  let body = o.body;
  if (Buffer.isBuffer(body) || typeof body === 'string') {
    try {
      body = JSON.parse(body.toString());
    } catch {
      throw new PayloadError('Pipedrive uninstall callback body is not valid JSON');
    }
  }
  const parsed = uninstallSchema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new PayloadError(`Pipedrive uninstall callback: ${issue?.path.join('.') || '(body)'}: ${issue?.message}`);
  }
  if (parsed.data.client_id !== o.clientId) throw new AuthError('Pipedrive uninstall callback names another app\'s client_id');
  return { tenant: pipedriveTenant(parsed.data.company_id), companyId: parsed.data.company_id, userId: parsed.data.user_id ?? null };
}
