// Credentials the sandbox accepts (pipedrive.md §2): the first user's API token (x-api-token
// header or api_token query) and OAuth access tokens issued by its own /oauth endpoints:
// single-use authorization codes, 1-hour access tokens, refresh tokens (optionally rotated).
import { randomBytes } from 'node:crypto';
import type { Request } from 'express';
import type { AuthKind } from './types.ts';

export const ACCESS_TOKEN_TTL_S = 3_600; // §2 expires_in, 3600 in a [3rd-party] copy of the reference
const CODE_TTL_MS = 5 * 60_000; // §2 gives no figure; codes are single-use and short-lived
/** Everything lead-router may need (§2 "Scopes this app needs"), plus write access to activities and leads. */
export const DEFAULT_SCOPES = ['base', 'contacts:full', 'activities:full', 'users:read', 'admin', 'leads:full', 'deals:full', 'search:read'];

export interface Principal {
  kind: AuthKind;
  userId: number;
  /** OAuth scopes; null = an API token (all of its user's permissions). */
  scopes: Set<string> | null;
  clientId?: string;
}

export type AuthResult = { ok: true; principal: Principal } | { ok: false };

export class OAuthError extends Error {
  readonly status: number;
  readonly code: string;
  constructor(status: number, code: string, message: string) { super(message); this.status = status; this.code = code; }
}

export interface TokenResponse {
  access_token: string; token_type: 'Bearer'; refresh_token: string; scope: string; expires_in: number; api_domain: string;
}

export interface OAuthSettings { clientId: string; clientSecret: string; scopes: string[]; rotateRefreshTokens: boolean }

export interface TokenRegistry {
  readonly apiToken: string;
  authenticate(req: Request): AuthResult;
  issueCode(clientId: string, redirectUri: string, userId: number): string;
  exchange(authorization: string | undefined, params: Record<string, string | undefined>, apiDomain: string): TokenResponse;
  revoke(authorization: string | undefined, token: string): void;
  /** Uninstall: every token of the app stops working. */
  revokeAll(): void;
  /** Was this credential (code, access or refresh token, API token) issued here? For a host of several companies. */
  knows(credential: string): boolean;
}

interface Grant { redirectUri: string; userId: number; expiresAt: number }
interface Access { userId: number; expiresAt: number; refreshToken: string }
interface Refresh { userId: number }

export function createTokenRegistry(opts: { apiToken: string; apiTokenUserId: number; companyId: number; oauth?: OAuthSettings; now: () => number }): TokenRegistry {
  const codes = new Map<string, Grant>();
  const access = new Map<string, Access>();
  const refresh = new Map<string, Refresh>();
  // Pipedrive tokens read "<company id>:<user id>:<random>".
  const mint = (userId: number) => `${opts.companyId}:${userId}:${randomBytes(20).toString('hex')}`;

  function client(authorization: string | undefined): OAuthSettings {
    const oauth = opts.oauth;
    if (!oauth) throw new OAuthError(400, 'unsupported', 'This sandbox has no OAuth app: pass `oauth: {clientId, clientSecret}`');
    const m = /^Basic\s+(\S+)$/i.exec(authorization ?? '');
    const decoded = m ? Buffer.from(m[1] as string, 'base64').toString('utf8') : '';
    const colon = decoded.indexOf(':');
    if (colon < 0 || decoded.slice(0, colon) !== oauth.clientId || decoded.slice(colon + 1) !== oauth.clientSecret) {
      throw new OAuthError(401, 'invalid_client', 'Client authentication failed: send Authorization: Basic base64(client_id:client_secret)');
    }
    return oauth;
  }

  function issue(oauth: OAuthSettings, userId: number, refreshToken: string, apiDomain: string): TokenResponse {
    const token = mint(userId);
    access.set(token, { userId, expiresAt: opts.now() + ACCESS_TOKEN_TTL_S * 1000, refreshToken });
    return { access_token: token, token_type: 'Bearer', refresh_token: refreshToken, scope: oauth.scopes.join(','), expires_in: ACCESS_TOKEN_TTL_S, api_domain: apiDomain };
  }

  return {
    apiToken: opts.apiToken,
    knows: (c) => c === opts.apiToken || codes.has(c) || access.has(c) || refresh.has(c),
    authenticate(req) {
      const query = req.query['api_token'];
      const apiToken = req.get('x-api-token') ?? (typeof query === 'string' ? query : undefined);
      if (apiToken !== undefined) {
        return apiToken === opts.apiToken ? { ok: true, principal: { kind: 'api_token', userId: opts.apiTokenUserId, scopes: null } } : { ok: false };
      }
      const bearer = /^Bearer\s+(\S+)\s*$/i.exec(req.get('authorization') ?? '');
      const found = bearer ? access.get(bearer[1] as string) : undefined;
      if (!found || opts.now() >= found.expiresAt || !opts.oauth) return { ok: false };
      return { ok: true, principal: { kind: 'oauth', userId: found.userId, scopes: new Set(opts.oauth.scopes), clientId: opts.oauth.clientId } };
    },
    issueCode(clientId, redirectUri, userId) {
      if (!opts.oauth || clientId !== opts.oauth.clientId) throw new OAuthError(400, 'invalid_client', `Unknown client_id "${clientId}"`);
      const code = `${userId}.${randomBytes(16).toString('hex')}`;
      codes.set(code, { redirectUri, userId, expiresAt: opts.now() + CODE_TTL_MS });
      return code;
    },
    exchange(authorization, params, apiDomain) {
      const oauth = client(authorization);
      if (params['grant_type'] === 'authorization_code') {
        const grant = codes.get(params['code'] ?? '');
        codes.delete(params['code'] ?? '');
        if (!grant || opts.now() >= grant.expiresAt) throw new OAuthError(400, 'invalid_grant', 'Invalid grant: the authorization code is invalid, used or expired');
        if (params['redirect_uri'] !== grant.redirectUri) throw new OAuthError(400, 'invalid_grant', 'Invalid grant: redirect_uri does not match the authorize request');
        const refreshToken = mint(grant.userId);
        refresh.set(refreshToken, { userId: grant.userId });
        return issue(oauth, grant.userId, refreshToken, apiDomain);
      }
      if (params['grant_type'] === 'refresh_token') {
        const old = params['refresh_token'] ?? '';
        const found = refresh.get(old);
        if (!found) throw new OAuthError(400, 'invalid_grant', 'Invalid grant: the refresh token is invalid or revoked');
        let token = old;
        if (oauth.rotateRefreshTokens) {
          refresh.delete(old);
          token = mint(found.userId);
          refresh.set(token, found);
        }
        return issue(oauth, found.userId, token, apiDomain);
      }
      throw new OAuthError(400, 'unsupported_grant_type', 'grant_type must be authorization_code or refresh_token');
    },
    revoke(authorization, token) {
      client(authorization);
      refresh.delete(token);
      access.delete(token);
      for (const [t, a] of access) if (a.refreshToken === token) access.delete(t);
    },
    revokeAll() { codes.clear(); access.clear(); refresh.clear(); },
  };
}
