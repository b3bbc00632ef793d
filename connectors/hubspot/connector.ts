// The HubSpot CrmConnector: verify raw deliveries (v3 over the public URL; v1/v2 only when the
// operator opts in), parse them into inbox events, interpret claimed events, and hand out one
// cached API client per portal.
import type { CrmConnector, CrmTenantClient, ParsedDelivery, RawDelivery, VerifiedDelivery } from '../../src/crm/types.ts';
import type { InboxEventInput, Store, TenantKey } from '../../src/store/types.ts';
import type { TenantScheduler } from '../../src/queue/types.ts';
import type { LeadRouterConfig } from '../../src/config/schema.ts';
import { AuthError, NotReadyError } from '../../src/errors.ts';
import { verifyHubspotSignature } from './signature.ts';
import { HUBSPOT_MAX_BODY_BYTES, precheckHubspot } from './precheck.ts';
import { countIgnored, ownPropertyNames, parseHubspotEvents } from './events.ts';
import { createHubspotClient } from './client.ts';
import { createHubspotInterpreter } from './interpret.ts';
import { hubspotTenant, portalIdOf } from './tenant.ts';
import type { HubspotTokenManager } from './token-manager.ts';
import { createPrivatePortal } from './private-portal.ts';

export type HubspotAuth =
  | { mode: 'private'; accessToken: string; portalId?: string }
  | { mode: 'oauth'; tokens: HubspotTokenManager };

export interface HubspotConnectorOptions {
  /** The app's client secret: signs webhooks (v3 HMAC key, v1/v2 prefix). */
  clientSecret: string;
  /** Accept v1/v2 signatures (no timestamp: replayable) when v3 is absent. Default false. */
  allowLegacySignatures?: boolean;
  /** Our app id, for the echo guard (defaults to each event's appId). */
  appId?: string;
  /** The config, or a per-tenant getter (a tenant's active version: its client is rebuilt
   *  when the config it returns changes, like Pipedrive's). */
  config: LeadRouterConfig | ((tenant: TenantKey) => LeadRouterConfig);
  /** https://api.hubapi.com, or the sandbox emulator. */
  apiBaseUrl: string;
  auth: HubspotAuth;
  schedulers: { get(tenant: string): TenantScheduler };
  store: Store;
  now?: () => number;
  onCall?: (info: { tenant: TenantKey; path: string; status: number }) => void;
}

export interface HubspotConnector extends CrmConnector {
  /** Private-app mode: the token's portal (configured, or learned once from the token info:
   *  network, call it at start, never while a webhook waits). OAuth mode: null. */
  portalId(): Promise<string | null>;
  /** Drop the cached client of an uninstalled portal. */
  forget(tenant: TenantKey): void;
}

export function createHubspotConnector(opts: HubspotConnectorOptions): HubspotConnector {
  const getConfig = typeof opts.config === 'function' ? opts.config : () => opts.config as LeadRouterConfig;
  const clients = new Map<TenantKey, { config: LeadRouterConfig; client: CrmTenantClient }>();
  const auth = opts.auth;
  const now = opts.now ?? Date.now;
  const privatePortal =
    auth.mode === 'private'
      ? createPrivatePortal({ apiBase: opts.apiBaseUrl, accessToken: auth.accessToken, ...(auth.portalId ? { configured: auth.portalId } : {}), now })
      : null;

  /** Is this portal one we serve? OAuth: installed; private: the token's portal. No network I/O. */
  async function serves(portalId: string): Promise<'yes' | 'not_installed' | 'unknown_portal'> {
    if (privatePortal) {
      const ours = privatePortal.current();
      if (ours === null) throw new NotReadyError('The HubSpot private-app token\'s portal is not known yet (learning it from HubSpot); set HUBSPOT_PORTAL_ID to skip the wait');
      return ours === portalId ? 'yes' : 'unknown_portal';
    }
    return (await opts.store.getInstall(hubspotTenant(portalId))) !== null ? 'yes' : 'not_installed';
  }

  function tokenSource(portalId: string): () => Promise<string> {
    if (auth.mode === 'private') {
      const token = auth.accessToken;
      return () => Promise.resolve(token);
    }
    return () => auth.tokens.getAccessToken(portalId);
  }

  return {
    crm: 'hubspot',
    maxBodyBytes: HUBSPOT_MAX_BODY_BYTES,

    precheck: (headers, receivedAt) => precheckHubspot(headers, { now: receivedAt, allowLegacy: opts.allowLegacySignatures ?? false }),

    async verify(delivery: RawDelivery): Promise<VerifiedDelivery> {
      const check = verifyHubspotSignature({
        method: delivery.method,
        url: delivery.url,
        headers: delivery.headers,
        rawBody: delivery.body,
        clientSecret: opts.clientSecret,
        now: delivery.receivedAt,
        allowLegacy: opts.allowLegacySignatures ?? false,
      });
      if (!check.ok) throw new AuthError(`HubSpot webhook rejected: ${check.reason}`);
      // The app's secret signs deliveries for every portal: the events name the portal.
      return { ...delivery, tenant: null };
    },

    async parse(delivery: VerifiedDelivery): Promise<ParsedDelivery> {
      // Echo guard: the properties each portal's own config writes.
      const ownProperties = (tenant: TenantKey) => ownPropertyNames(getConfig(tenant));
      const parsed = parseHubspotEvents(delivery.body, { ownProperties, ...(opts.appId ? { appId: opts.appId } : {}) });
      // A batch may mix portals (checklist 3): decide once per portal.
      const verdicts = new Map<string, Awaited<ReturnType<typeof serves>>>();
      const events: InboxEventInput[] = [];
      for (const e of parsed.events) {
        const portalId = portalIdOf(e.tenant) ?? '';
        let verdict = verdicts.get(portalId);
        if (!verdict) verdicts.set(portalId, (verdict = await serves(portalId)));
        if (verdict === 'yes') events.push(e);
        else countIgnored(parsed.ignored, verdict, e.kind);
      }
      return { events, ignored: parsed.ignored };
    },

    interpret: createHubspotInterpreter().interpret,

    portalId: () => (privatePortal ? privatePortal.learn() : Promise.resolve(null)),

    forget(tenant: TenantKey): void {
      clients.delete(tenant);
    },

    async client(tenant: TenantKey): Promise<CrmTenantClient | null> {
      const portalId = portalIdOf(tenant);
      if (portalId === null) return null;
      if (privatePortal) await privatePortal.learn(); // background work may wait for the network
      if ((await serves(portalId)) !== 'yes') return null;
      const config = getConfig(tenant);
      const cached = clients.get(tenant);
      if (cached && cached.config === config) return cached.client;
      const client = createHubspotClient({
        tenant,
        basePath: opts.apiBaseUrl,
        getAccessToken: tokenSource(portalId),
        scheduler: opts.schedulers.get(tenant),
        config,
        ...(opts.now ? { now: opts.now } : {}),
        ...(opts.onCall ? { onCall: (info: { path: string; status: number }) => opts.onCall?.({ tenant, ...info }) } : {}),
        ...(auth.mode === 'oauth' ? { onUnauthorized: () => auth.tokens.refresh(portalId) } : {}),
      });
      clients.set(tenant, { config, client });
      return client;
    },
  };
}
