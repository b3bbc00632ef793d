// OAuth tokens per portal (reference §3, checklist 7): stored encrypted in the install
// record, refreshed proactively before expiry with one refresh in flight per portal, the
// (possibly rotated) refresh token persisted after every refresh.
import type { InstallRecord, Store, TenantKey } from '../../src/store/types.ts';
import { AuthError, CrmError } from '../../src/errors.ts';
import { exchangeCode, fetchTokenInfo, refreshAccessToken, RefreshTokenRevokedError, type HubspotTokens } from './oauth.ts';
import { hubspotTenant } from './tenant.ts';

/** Refresh when less than 5 minutes are left (access tokens live ~30 min, §3). */
export const REFRESH_MARGIN_MS = 5 * 60_000;

/**
 * Same shape as src/crypto's createTokenCipher (AES-256-GCM). The tenant key is passed as the
 * authenticated context, so credentials copied to another tenant's row fail to decrypt.
 */
export interface TokenCipher {
  encrypt(plain: string, context?: string): string;
  decrypt(sealed: string, context?: string): string;
}

export type InstallStore = Pick<Store, 'saveInstall' | 'getInstall' | 'listInstalls'>;

export interface HubspotTokenManagerOptions {
  store: InstallStore;
  cipher: TokenCipher;
  clientId: string;
  clientSecret: string;
  apiBase: string;
  now?: () => number;
  /** Scopes an install must grant; one that lacks any is refused before anything is stored. */
  requiredScopes?: readonly string[];
  /** The portal's refresh token was refused as revoked: the app was uninstalled there. */
  onRevoked?: (portalId: string) => Promise<void>;
}

export interface HubspotInstallResult {
  tenant: TenantKey;
  portalId: string;
  scopes: string[];
}

export interface HubspotTokenManager {
  /** Finish an install: exchange the code, find the portal, store the tokens encrypted. */
  install(code: string, redirectUri: string): Promise<HubspotInstallResult>;
  /** A valid access token for the portal, refreshed when it expires within 5 minutes. */
  getAccessToken(portalId: string): Promise<string>;
  isInstalled(portalId: string): Promise<boolean>;
  /** Refresh now, however fresh the token looks (after a 401); rejects when the app was uninstalled. */
  refresh(portalId: string): Promise<void>;
  /** Drop what is cached for an uninstalled portal. */
  forget(portalId: string): void;
}

type StoredTokens = Pick<HubspotTokens, 'accessToken' | 'refreshToken' | 'expiresAt'>;

export function createHubspotTokenManager(opts: HubspotTokenManagerOptions): HubspotTokenManager {
  const now = opts.now ?? Date.now;
  const cache = new Map<string, StoredTokens>();
  const inFlight = new Map<string, Promise<string>>();
  const fresh = (t: StoredTokens) => t.expiresAt - now() > REFRESH_MARGIN_MS;
  const base = { apiBase: opts.apiBase, clientId: opts.clientId, clientSecret: opts.clientSecret };

  function unseal(record: InstallRecord, portalId: string): StoredTokens {
    try {
      const t = JSON.parse(opts.cipher.decrypt(record.credentials, record.tenant)) as StoredTokens;
      if (typeof t.accessToken !== 'string' || typeof t.refreshToken !== 'string' || typeof t.expiresAt !== 'number') throw new Error('incomplete');
      return t;
    } catch (err) {
      throw new CrmError(
        `Cannot read the stored HubSpot credentials of portal ${portalId} (${(err as Error).message}): ` +
          'check that the token encryption key is the one used at install time, or reinstall the app',
        { retryable: false, cause: err },
      );
    }
  }

  async function save(portalId: string, tokens: StoredTokens, meta: Record<string, unknown>, previous: InstallRecord | null) {
    const at = now();
    const sealed: StoredTokens = { accessToken: tokens.accessToken, refreshToken: tokens.refreshToken, expiresAt: tokens.expiresAt };
    const tenant = hubspotTenant(portalId);
    await opts.store.saveInstall({
      tenant,
      crm: 'hubspot',
      externalId: portalId,
      credentials: opts.cipher.encrypt(JSON.stringify(sealed), tenant),
      meta: { ...previous?.meta, ...meta },
      installedAt: previous?.installedAt ?? at,
      updatedAt: at,
    });
    cache.set(portalId, sealed);
  }

  async function loadOrRefresh(portalId: string, force = false): Promise<string> {
    const record = await opts.store.getInstall(hubspotTenant(portalId));
    if (!record) throw new CrmError(`HubSpot portal ${portalId} is not installed: install the app into it first`, { retryable: false });
    const stored = unseal(record, portalId);
    // Another process may already have refreshed (multi-instance): use its tokens if fresh.
    if (!force && fresh(stored)) {
      cache.set(portalId, stored);
      return stored.accessToken;
    }
    let next: HubspotTokens;
    try {
      next = await refreshAccessToken({ ...base, refreshToken: stored.refreshToken, now: now() });
    } catch (err) {
      if (err instanceof RefreshTokenRevokedError) await revoked(portalId, stored.refreshToken);
      if (err instanceof CrmError && !err.retryable) {
        throw new CrmError(
          `HubSpot portal ${portalId}: refreshing the access token was refused (${err.message}); ` +
            'the app was probably uninstalled or its refresh token revoked: reinstall the app',
          { status: err.crmStatus, retryable: false, cause: err },
        );
      }
      throw err;
    }
    await save(portalId, next, next.scopes ? { scopes: next.scopes } : {}, record);
    return next.accessToken;
  }

  /** A revoked refresh token means uninstalled, unless another process stored a newer one meanwhile. */
  async function revoked(portalId: string, used: string): Promise<void> {
    const record = await opts.store.getInstall(hubspotTenant(portalId));
    if (record && unseal(record, portalId).refreshToken === used) await opts.onRevoked?.(portalId);
  }

  function singleFlight(portalId: string, force: boolean): Promise<string> {
    // Concurrent callers share one store read and at most one refresh.
    let flight = inFlight.get(portalId);
    if (!flight) {
      flight = loadOrRefresh(portalId, force).finally(() => inFlight.delete(portalId));
      inFlight.set(portalId, flight);
    }
    return flight;
  }

  return {
    async install(code, redirectUri) {
      const tokens = await exchangeCode({ ...base, code, redirectUri, now: now() });
      let portalId = tokens.hubId;
      let scopes = tokens.scopes;
      if (!portalId || !scopes) {
        const info = await fetchTokenInfo({ apiBase: opts.apiBase, accessToken: tokens.accessToken, now: now() });
        portalId = info.hubId;
        scopes ??= info.scopes;
      }
      // Checked before saving: a working install is never replaced by one that lacks scopes.
      const missing = (opts.requiredScopes ?? []).filter((s) => !(scopes ?? []).includes(s));
      if (missing.length > 0) {
        throw new AuthError(`The HubSpot install of portal ${portalId} is missing the required scopes ${missing.join(', ')}: install again and approve every requested scope (nothing was changed)`);
      }
      const previous = await opts.store.getInstall(hubspotTenant(portalId));
      await save(portalId, tokens, { scopes: scopes ?? [] }, previous);
      return { tenant: hubspotTenant(portalId), portalId, scopes: scopes ?? [] };
    },

    getAccessToken(portalId) {
      const cached = cache.get(portalId);
      if (cached && fresh(cached)) return Promise.resolve(cached.accessToken);
      return singleFlight(portalId, false);
    },

    async refresh(portalId) {
      cache.delete(portalId);
      await singleFlight(portalId, true);
    },

    forget(portalId) {
      cache.delete(portalId);
    },

    async isInstalled(portalId) {
      return (await opts.store.getInstall(hubspotTenant(portalId))) !== null;
    },
  };
}
