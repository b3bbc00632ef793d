// Access tokens the sandbox accepts: one static private-app token (all scopes) and OAuth access
// tokens issued by its own /oauth endpoints (shared/reference/hubspot.md §3): single-use
// authorization codes, 30-minute access tokens, long-lived refresh tokens.
import { randomBytes, randomUUID } from 'node:crypto';

export const ACCESS_TOKEN_TTL_S = 1_800; // §3 "Access token expires after 30 minutes"
const CODE_TTL_MS = 5 * 60_000; // §3 "The authorization code is single-use and short-lived" (no figure given)
// §3 "Allow tokens of up to 300 characters": issue long ones so token columns get exercised.
const ACCESS_TOKEN_BYTES = 210;

export type Principal =
  | { kind: 'private'; scopes: 'all' }
  | { kind: 'oauth'; scopes: Set<string>; token: string };

export type AuthResult = { ok: true; principal: Principal } | { ok: false; reason: 'missing' | 'unknown' } | { ok: false; reason: 'expired'; expiredForMs: number };

interface Grant { scopes: string[]; redirectUri: string; expiresAt: number; used: boolean }
interface AccessToken { scopes: string[]; expiresAt: number; refreshToken: string }
interface RefreshToken { scopes: string[]; clientId: string }

export type OAuthErrorStatus = 'BAD_CLIENT_ID' | 'BAD_CLIENT_SECRET' | 'BAD_AUTH_CODE' | 'BAD_REDIRECT_URI' | 'BAD_REFRESH_TOKEN' | 'BAD_GRANT_TYPE';
export class OAuthError extends Error {
  readonly code: OAuthErrorStatus;
  constructor(code: OAuthErrorStatus, message: string) { super(message); this.code = code; }
}

/** Token responses carry hub_id and scopes since 2025-08-18 (HubSpot developer changelog). */
export interface TokenResponse { token_type: 'bearer'; access_token: string; refresh_token: string; expires_in: number; hub_id: number; scopes: string[] }

export interface TokenRegistry {
  readonly privateAppToken: string;
  readonly clientId: string;
  authenticate(authorization: string | undefined): AuthResult;
  issueCode(clientId: string, redirectUri: string, scopes: string[]): string;
  exchange(params: Record<string, string | undefined>): TokenResponse;
  describeAccessToken(token: string): { scopes: string[]; expiresInS: number } | undefined;
  describeRefreshToken(token: string): { scopes: string[]; clientId: string } | undefined;
  revokeRefreshToken(token: string): boolean;
  /** The app is uninstalled: every OAuth refresh and access token stops working. */
  revokeAll(): number;
  /** Was this credential (code, access or refresh token, private-app token) issued here? For a host of several portals. */
  knows(credential: string): boolean;
}

export function createTokenRegistry(opts: { privateAppToken: string; clientId: string; clientSecret: string; portalId: number; now: () => number }): TokenRegistry {
  const codes = new Map<string, Grant>();
  const access = new Map<string, AccessToken>();
  const refresh = new Map<string, RefreshToken>();

  function issueTokens(scopes: string[], refreshToken: string): TokenResponse {
    const token = `CN${randomBytes(ACCESS_TOKEN_BYTES).toString('base64url')}`;
    access.set(token, { scopes, expiresAt: opts.now() + ACCESS_TOKEN_TTL_S * 1000, refreshToken });
    return { token_type: 'bearer', access_token: token, refresh_token: refreshToken, expires_in: ACCESS_TOKEN_TTL_S, hub_id: opts.portalId, scopes: [...scopes] };
  }

  function checkClient(params: Record<string, string | undefined>): void {
    if (params['client_id'] !== opts.clientId) throw new OAuthError('BAD_CLIENT_ID', 'missing or unknown client id');
    if (params['client_secret'] !== opts.clientSecret) throw new OAuthError('BAD_CLIENT_SECRET', 'missing or invalid client secret');
  }

  return {
    privateAppToken: opts.privateAppToken,
    clientId: opts.clientId,
    knows: (c) => c === opts.privateAppToken || codes.has(c) || access.has(c) || refresh.has(c),
    authenticate(authorization) {
      const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
      if (!match) return { ok: false, reason: 'missing' };
      const token = match[1] as string;
      if (token === opts.privateAppToken) return { ok: true, principal: { kind: 'private', scopes: 'all' } };
      const found = access.get(token);
      if (!found) return { ok: false, reason: 'unknown' };
      const now = opts.now();
      if (now >= found.expiresAt) return { ok: false, reason: 'expired', expiredForMs: now - found.expiresAt };
      return { ok: true, principal: { kind: 'oauth', scopes: new Set(found.scopes), token } };
    },
    issueCode(clientId, redirectUri, scopes) {
      if (clientId !== opts.clientId) throw new OAuthError('BAD_CLIENT_ID', 'missing or unknown client id');
      const code = `na1-${randomUUID()}`;
      codes.set(code, { scopes, redirectUri, expiresAt: opts.now() + CODE_TTL_MS, used: false });
      return code;
    },
    exchange(params) {
      const grantType = params['grant_type'];
      if (grantType === 'authorization_code') {
        checkClient(params);
        const grant = codes.get(params['code'] ?? '');
        if (!grant || grant.used || opts.now() >= grant.expiresAt) throw new OAuthError('BAD_AUTH_CODE', 'missing or unknown auth code');
        if (params['redirect_uri'] !== grant.redirectUri) throw new OAuthError('BAD_REDIRECT_URI', 'redirect_uri does not match the one used to authorize');
        grant.used = true;
        const refreshToken = `na1-${randomUUID()}`;
        refresh.set(refreshToken, { scopes: grant.scopes, clientId: opts.clientId });
        return issueTokens(grant.scopes, refreshToken);
      }
      if (grantType === 'refresh_token') {
        checkClient(params);
        const token = params['refresh_token'] ?? '';
        const found = refresh.get(token);
        if (!found) throw new OAuthError('BAD_REFRESH_TOKEN', 'missing or unknown refresh token');
        return issueTokens(found.scopes, token);
      }
      throw new OAuthError('BAD_GRANT_TYPE', 'grant_type must be authorization_code or refresh_token');
    },
    describeAccessToken(token) {
      const found = access.get(token);
      if (!found) return undefined;
      const left = Math.floor((found.expiresAt - opts.now()) / 1000);
      return left > 0 ? { scopes: found.scopes, expiresInS: left } : undefined;
    },
    describeRefreshToken: (token) => refresh.get(token),
    revokeAll() {
      const n = refresh.size;
      refresh.clear();
      access.clear();
      return n;
    },
    revokeRefreshToken(token) {
      const existed = refresh.delete(token);
      for (const [t, a] of access) if (a.refreshToken === token) access.delete(t);
      return existed;
    },
  };
}
