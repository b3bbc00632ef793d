// The Pipedrive CrmConnector: verify deliveries (HTTP Basic, per install), parse them into inbox
// events, interpret claimed events, and hand out one cached API client per company. Two modes:
// - api_token: one company, credentials from the environment (webhook user/password as set at
//   webhook registration; the company id configured or learned from /v1/users/me by the first
//   client() call, never while a webhook waits: until then the credentials vouch for events);
// - oauth: Marketplace installs; each install has its own webhook credentials whose user names
//   the company ("lead-router-<company_id>"), tokens and api_domain in the store.
import type { CrmConnector, ParsedDelivery, RawDelivery, VerifiedDelivery, WrittenKey } from '../../src/crm/types.ts';
import type { LeadRouterConfig } from '../../src/config/schema.ts';
import type { TenantScheduler } from '../../src/queue/types.ts';
import type { InboxEventInput, InstallRecord, Store, TenantKey } from '../../src/store/types.ts';
import { AuthError } from '../../src/errors.ts';
import { checkPipedriveCredentials, PIPEDRIVE_MAX_BODY_BYTES, precheckPipedrive, type WebhookCredentialSource } from './precheck.ts';
import { createPipedriveClient, type PipedriveTenantClient } from './client.ts';
import { parsePipedriveEvent, readWebhookJson } from './events.ts';
import { createPipedriveInterpreter } from './interpret.ts';
import { normalizeApiBase, type PipedriveCallInfo } from './http.ts';
import { fetchCurrentUser } from './current-user.ts';
import { companyIdOf, pipedriveTenant } from './tenant.ts';
import type { PipedriveTokenManager } from './token-manager.ts';

export interface ApiTokenMode {
  mode: 'api_token';
  token: string;
  /** https://<company>.pipedrive.com, or the sandbox emulator; or give companyDomain. */
  apiBase?: string;
  /** "acme" for https://acme.pipedrive.com */
  companyDomain?: string;
  /** Learned from GET /v1/users/me when absent. */
  companyId?: string;
  webhookUser: string;
  webhookPassword: string;
}

export interface OAuthMode {
  mode: 'oauth';
  tokens: PipedriveTokenManager;
}

export type PipedriveConnectorOptions = (ApiTokenMode | OAuthMode) & {
  /** The config, or a per-tenant getter (the tenant's active version, hot reload: a client is
   *  rebuilt when the config it returns changes). */
  config: LeadRouterConfig | ((tenant: TenantKey) => LeadRouterConfig);
  schedulers: { get(tenant: string): TenantScheduler };
  /** Install records (required in oauth mode: field codes are kept in their meta). */
  store?: Pick<Store, 'getInstall' | 'saveInstall'>;
  onTokens?: (tenant: TenantKey, tokens: number) => void;
  onCall?: (tenant: TenantKey, info: PipedriveCallInfo) => void;
  fieldsTtlMs?: number;
  fetch?: typeof fetch;
  now?: () => number;
};

export interface PipedriveConnector extends CrmConnector {
  client(tenant: TenantKey): Promise<PipedriveTenantClient | null>;
  /** api_token mode: the token's company (configured, or learned once from /v1/users/me; null
   *  while Pipedrive is unreachable). OAuth mode: null. */
  companyId(): Promise<string | null>;
  /** Drop the cached client (uninstall). */
  forget(tenant: TenantKey): void;
}

function countIgnored(ignored: ParsedDelivery['ignored'], reason: string, kind: string): void {
  const row = ignored.find((r) => r.reason === reason && r.kind === kind);
  if (row) row.count += 1;
  else ignored.push({ reason, kind, count: 1 });
}

export function createPipedriveConnector(opts: PipedriveConnectorOptions): PipedriveConnector {
  const getConfig = typeof opts.config === 'function' ? opts.config : () => opts.config as LeadRouterConfig;
  const clients = new Map<TenantKey, { config: LeadRouterConfig; client: PipedriveTenantClient }>();
  if (opts.mode === 'oauth' && !opts.store) throw new Error('createPipedriveConnector: oauth mode needs the store (install records)');
  const store = opts.store;

  // ---- api_token mode: which company is ours ------------------------------------------------
  let known: string | null = opts.mode === 'api_token' ? (opts.companyId ?? null) : null;
  let discovering: Promise<string | null> | null = null;
  /** The company of the API token: configured, or learned once from /v1/users/me (network). */
  function learnCompanyId(o: ApiTokenMode): Promise<string | null> {
    if (known) return Promise.resolve(known);
    discovering ??= fetchCurrentUser({ apiBase: apiBaseOf(o), auth: { kind: 'api_token', token: o.token }, ...(opts.fetch ? { fetch: opts.fetch } : {}) })
      .then((me) => (known = me.companyId))
      .catch(() => {
        discovering = null; // try again next time
        return null;
      });
    return discovering;
  }
  const apiBaseOf = (o: ApiTokenMode) => normalizeApiBase(o.apiBase ?? o.companyDomain ?? 'api');

  /**
   * Whether the company's events are ours; in oauth mode also its install (one store read).
   * `network: false` (a webhook waits): api_token mode uses only the company id known so far;
   * while it is unknown the verified credentials vouch for the event.
   */
  async function lookup(companyId: string, network: boolean): Promise<{ ours: boolean; install: InstallRecord | null }> {
    if (opts.mode === 'api_token') {
      const ours = network ? await learnCompanyId(opts) : known;
      return { ours: ours === null || ours === companyId, install: null };
    }
    const install = await store!.getInstall(pipedriveTenant(companyId));
    return { ours: install !== null, install };
  }
  const serves = async (companyId: string) => (await lookup(companyId, true)).ours;

  function storedFieldCodes(install: InstallRecord | null): string[] {
    const codes = install?.meta.fieldCodes;
    return codes && typeof codes === 'object' ? Object.values(codes as Record<string, unknown>).filter((c): c is string => typeof c === 'string') : [];
  }

  async function persistFieldCodes(tenant: TenantKey, codes: Partial<Record<WrittenKey, string>>): Promise<void> {
    const record = await store?.getInstall(tenant);
    if (!store || !record || JSON.stringify(record.meta.fieldCodes) === JSON.stringify(codes)) return;
    await store.saveInstall({ ...record, meta: { ...record.meta, fieldCodes: codes }, updatedAt: (opts.now ?? Date.now)() });
  }

  async function buildClient(tenant: TenantKey, companyId: string, config: LeadRouterConfig): Promise<PipedriveTenantClient | null> {
    const common = {
      tenant,
      scheduler: opts.schedulers.get(tenant),
      config,
      onFieldCodes: (codes: Partial<Record<WrittenKey, string>>) => persistFieldCodes(tenant, codes),
      ...(opts.onTokens ? { onTokens: (n: number) => opts.onTokens?.(tenant, n) } : {}),
      ...(opts.onCall ? { onCall: (info: PipedriveCallInfo) => opts.onCall?.(tenant, info) } : {}),
      ...(opts.fieldsTtlMs !== undefined ? { fieldsTtlMs: opts.fieldsTtlMs } : {}),
      ...(opts.fetch ? { fetch: opts.fetch } : {}),
      ...(opts.now ? { now: opts.now } : {}),
    };
    if (opts.mode === 'api_token') {
      return createPipedriveClient({ ...common, apiBase: apiBaseOf(opts), auth: { kind: 'api_token', token: opts.token } });
    }
    const tokens = opts.tokens;
    const apiDomain = await tokens.apiDomain(companyId);
    if (!apiDomain) return null;
    return createPipedriveClient({
      ...common,
      apiBase: apiDomain,
      auth: { kind: 'oauth', getAccessToken: () => tokens.getAccessToken(companyId), refresh: () => tokens.refresh(companyId) },
    });
  }

  async function client(tenant: TenantKey): Promise<PipedriveTenantClient | null> {
    const companyId = companyIdOf(tenant);
    if (companyId === null || !(await serves(companyId))) return null;
    const config = getConfig(tenant);
    const cached = clients.get(tenant);
    if (cached && cached.config === config) return cached.client;
    const built = await buildClient(tenant, companyId, config);
    if (built) clients.set(tenant, { config, client: built });
    return built;
  }

  const credentialSource: WebhookCredentialSource =
    opts.mode === 'api_token'
      ? { mode: 'api_token', expected: { user: opts.webhookUser, password: opts.webhookPassword } }
      : { mode: 'oauth', lookup: (companyId) => opts.tokens.webhookCredentials(companyId) };

  return {
    crm: 'pipedrive',

    maxBodyBytes: PIPEDRIVE_MAX_BODY_BYTES,

    precheck: (headers) => precheckPipedrive(headers, credentialSource),

    async verify(delivery: RawDelivery): Promise<VerifiedDelivery> {
      const companyId = await checkPipedriveCredentials(delivery.headers, credentialSource);
      return { ...delivery, tenant: companyId === null ? null : pipedriveTenant(companyId) };
    },

    async parse(delivery: VerifiedDelivery) {
      const json = readWebhookJson(delivery.body);
      // First pass without the echo guard: it needs the company's own field hashes.
      const peek = parsePipedriveEvent(json);
      const tenant = pipedriveTenant(peek.companyId);
      if (delivery.tenant !== null && delivery.tenant !== tenant) {
        throw new AuthError(`Pipedrive webhook credentials of another company were used for company ${peek.companyId}`);
      }
      const ignored: ParsedDelivery['ignored'] = [];
      const events: InboxEventInput[] = [];
      const { ours, install } = await lookup(peek.companyId, false);
      if (!ours) {
        countIgnored(ignored, 'not_installed', 'event' in peek ? peek.event.kind : peek.ignored.kind);
        return { events, ignored };
      }
      let parsed = peek;
      if ('event' in peek && peek.event.kind.endsWith('.change')) {
        const own = new Set([...(clients.get(tenant)?.client.ownFieldCodes() ?? []), ...storedFieldCodes(install)]);
        if (own.size) parsed = parsePipedriveEvent(json, { ownFieldCodes: own });
      }
      if ('event' in parsed) events.push(parsed.event);
      else countIgnored(ignored, parsed.ignored.reason, parsed.ignored.kind);
      return { events, ignored };
    },

    interpret: createPipedriveInterpreter().interpret,

    client,

    companyId: () => (opts.mode === 'api_token' ? learnCompanyId(opts) : Promise.resolve(null)),

    forget(tenant) {
      clients.delete(tenant);
      const companyId = companyIdOf(tenant);
      if (opts.mode === 'oauth' && companyId) opts.tokens.forget(companyId);
    },
  };
}
