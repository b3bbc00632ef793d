// OAuth tokens per company (pipedrive.md "must do" 9): stored encrypted in the install record
// (with the install's webhook credentials), `api_domain` in its meta; refreshed before expiry
// with one refresh in flight per company; rotated refresh tokens persisted after every refresh.
import type { InstallRecord, Store, TenantKey } from '../../src/store/types.ts';
import { AuthError, CrmError } from '../../src/errors.ts';
import { missingPipedriveScopes } from './scopes.ts';
import type { BasicCredentials } from './basic-auth.ts';
import { fetchCurrentUser } from './current-user.ts';
import { exchangeCode, refreshAccessToken, type OAuthClient, type PipedriveTokenResponse } from './oauth.ts';
import { pipedriveTenant } from './tenant.ts';
import { createWebhookCredentials } from './webhook-credentials.ts';

/**
 * Refresh when less than 5 minutes are left. Access tokens last `expires_in` seconds (3600 in a
 * third-party copy of the reference, §2), so this margin covers clock skew and slow calls.
 */
export const REFRESH_MARGIN_MS = 5 * 60_000;

/** src/crypto/token-cipher.ts fits; `context` (the tenant) binds a blob to its install. */
export interface TokenCipher {
  encrypt(plain: string, context?: string): string;
  decrypt(sealed: string, context?: string): string;
}

export type InstallStore = Pick<Store, 'saveInstall' | 'getInstall'>;

/** What the encrypted credentials blob holds. */
export interface PipedriveSecrets {
  accessToken: string;
  refreshToken: string;
  /** epoch ms */
  expiresAt: number;
  webhookUser: string;
  webhookPassword: string;
}

export interface PipedriveInstallResult {
  tenant: TenantKey;
  companyId: string;
  /** The installing user: use as the webhooks' `user_id` (an admin sees every event, §1.1). */
  userId: string;
  apiDomain: string;
  webhook: BasicCredentials;
}

export interface PipedriveTokenManager {
  /** Finish an install: exchange the code, find the company (/v1/users/me), store it encrypted. */
  install(o: { code: string; redirectUri: string }): Promise<PipedriveInstallResult>;
  /** A valid access token, refreshed when it expires within REFRESH_MARGIN_MS. */
  getAccessToken(companyId: string): Promise<string>;
  /** Refresh now (after a 401); joins a refresh already in flight. */
  refresh(companyId: string): Promise<string>;
  /** The install's api_domain, or null when not installed. */
  apiDomain(companyId: string): Promise<string | null>;
  /** The install's webhook Basic credentials, or null when not installed. */
  webhookCredentials(companyId: string): Promise<BasicCredentials | null>;
  /** Drop cached tokens (uninstall). */
  forget(companyId: string): void;
}

export interface PipedriveTokenManagerOptions extends OAuthClient {
  store: InstallStore;
  cipher: TokenCipher;
  now?: () => number;
  random?: (n: number) => Buffer;
  /** Scopes an install must grant; one that lacks any is refused before anything is stored. */
  requiredScopes?: readonly string[];
}

const tenantOf = pipedriveTenant;

export function createPipedriveTokenManager(opts: PipedriveTokenManagerOptions): PipedriveTokenManager {
  const now = opts.now ?? Date.now;
  const cache = new Map<string, PipedriveSecrets>();
  const inFlight = new Map<string, Promise<string>>();
  const fresh = (s: PipedriveSecrets) => s.expiresAt - now() > REFRESH_MARGIN_MS;

  function unseal(record: InstallRecord, companyId: string): PipedriveSecrets {
    try {
      const s = JSON.parse(opts.cipher.decrypt(record.credentials, record.tenant)) as PipedriveSecrets;
      if (typeof s.accessToken !== 'string' || typeof s.refreshToken !== 'string' || typeof s.expiresAt !== 'number') throw new Error('incomplete');
      return s;
    } catch (err) {
      throw new CrmError(
        `Cannot read the stored Pipedrive credentials of company ${companyId} (${(err as Error).message}): ` +
          'check that the encryption key is the one used at install time, or reinstall the app',
        { retryable: false, cause: err },
      );
    }
  }

  async function load(companyId: string): Promise<{ record: InstallRecord; secrets: PipedriveSecrets }> {
    const record = await opts.store.getInstall(tenantOf(companyId));
    if (!record) throw new CrmError(`Pipedrive company ${companyId} is not installed: install the app into it first`, { retryable: false });
    return { record, secrets: unseal(record, companyId) };
  }

  async function save(companyId: string, secrets: PipedriveSecrets, meta: Record<string, unknown>): Promise<void> {
    // Re-read right before writing so meta written meanwhile (field codes) is kept.
    const latest = await opts.store.getInstall(tenantOf(companyId));
    const at = now();
    await opts.store.saveInstall({
      tenant: tenantOf(companyId),
      crm: 'pipedrive',
      externalId: companyId,
      credentials: opts.cipher.encrypt(JSON.stringify(secrets), tenantOf(companyId)),
      meta: { ...latest?.meta, ...meta },
      installedAt: latest?.installedAt ?? at,
      updatedAt: at,
    });
    cache.set(companyId, secrets);
  }

  const withTokens = (s: Pick<PipedriveSecrets, 'webhookUser' | 'webhookPassword'>, t: PipedriveTokenResponse): PipedriveSecrets => ({
    accessToken: t.access_token,
    refreshToken: t.refresh_token,
    expiresAt: now() + t.expires_in * 1000,
    webhookUser: s.webhookUser,
    webhookPassword: s.webhookPassword,
  });

  async function doRefresh(companyId: string, force: boolean): Promise<string> {
    const { secrets } = await load(companyId);
    const cached = cache.get(companyId);
    // Another process may have refreshed already (multi-instance): use its token if it is
    // fresh and, for a forced refresh, not the one that was just rejected.
    if (fresh(secrets) && (!force || secrets.accessToken !== cached?.accessToken)) {
      cache.set(companyId, secrets);
      return secrets.accessToken;
    }
    let next: PipedriveTokenResponse;
    try {
      next = await refreshAccessToken({ ...opts, refreshToken: secrets.refreshToken });
    } catch (err) {
      if (err instanceof CrmError && !err.retryable) {
        throw new CrmError(
          `Pipedrive company ${companyId}: refreshing the access token was refused (${err.message}); ` +
            'the app was probably uninstalled or its access revoked: reinstall the app',
          { status: 401, retryable: false, cause: err },
        );
      }
      throw err;
    }
    await save(companyId, withTokens(secrets, next), { api_domain: next.api_domain, ...(next.scope ? { scope: next.scope } : {}) });
    return next.access_token;
  }

  function singleFlight(companyId: string, force: boolean): Promise<string> {
    let flight = inFlight.get(companyId);
    if (!flight) {
      flight = doRefresh(companyId, force).finally(() => inFlight.delete(companyId));
      inFlight.set(companyId, flight);
    }
    return flight;
  }

  return {
    async install({ code, redirectUri }) {
      const tokens = await exchangeCode({ ...opts, code, redirectUri });
      const me = await fetchCurrentUser({ apiBase: tokens.api_domain, auth: { kind: 'oauth', accessToken: tokens.access_token }, ...(opts.fetch ? { fetch: opts.fetch } : {}) });
      // Checked before saving: a working install is never replaced by one that lacks scopes.
      const missing = opts.requiredScopes ? missingPipedriveScopes(tokens.scope, opts.requiredScopes) : [];
      if (missing.length > 0) {
        throw new AuthError(`The Pipedrive install of company ${me.companyId} is missing the required scopes ${missing.join(', ')}: add them to the app in Developer Hub and install again (nothing was changed)`);
      }
      const previous = await opts.store.getInstall(tenantOf(me.companyId));
      // A reinstall keeps the webhook credentials, so existing subscriptions keep working.
      let webhook = createWebhookCredentials(me.companyId, opts.random);
      if (previous) {
        try {
          const old = unseal(previous, me.companyId);
          if (old.webhookUser && old.webhookPassword) webhook = { user: old.webhookUser, password: old.webhookPassword };
        } catch {
          // unreadable (key rotated): issue new credentials; webhooks get re-registered with them
        }
      }
      const secrets = withTokens({ webhookUser: webhook.user, webhookPassword: webhook.password }, tokens);
      await save(me.companyId, secrets, {
        api_domain: tokens.api_domain,
        installedBy: me.userId,
        ...(tokens.scope ? { scope: tokens.scope } : {}),
        ...(me.companyDomain ? { companyDomain: me.companyDomain } : {}),
      });
      return { tenant: tenantOf(me.companyId), companyId: me.companyId, userId: me.userId, apiDomain: tokens.api_domain, webhook };
    },

    getAccessToken(companyId) {
      const cached = cache.get(companyId);
      if (cached && fresh(cached)) return Promise.resolve(cached.accessToken);
      return singleFlight(companyId, false);
    },

    refresh: (companyId) => singleFlight(companyId, true),

    async apiDomain(companyId) {
      const record = await opts.store.getInstall(tenantOf(companyId));
      return typeof record?.meta.api_domain === 'string' ? record.meta.api_domain : null;
    },

    async webhookCredentials(companyId) {
      // Read from the store every time: a reinstall elsewhere may have issued new credentials.
      const record = await opts.store.getInstall(tenantOf(companyId));
      if (!record) return null;
      const s = unseal(record, companyId);
      return s.webhookUser && s.webhookPassword ? { user: s.webhookUser, password: s.webhookPassword } : null;
    },

    forget(companyId) {
      cache.delete(companyId);
    },
  };
}
