// Pipedrive wiring: the connector (API token or marketplace OAuth), the routes it needs (OAuth
// install + DELETE uninstall callback, the JSON panel; src/server) and, per company, the
// background jobs (src/pipeline/jobs): fields, webhook registration (re-created when Pipedrive
// deletes them) and the periodic reconciliation.
import type { Router } from 'express';
import {
  buildAuthorizeUrl,
  PIPEDRIVE_APP_PATHS,
  createPipedriveConnector,
  createPipedriveTokenManager,
  handleUninstall,
  pipedriveTenant,
  PIPEDRIVE_REQUIRED_SCOPES,
  type PipedriveCallInfo,
  type PipedriveConnector,
} from '../../connectors/pipedrive/index.ts';
import { signState, verifyState } from '../crypto/oauth-state.ts';
import { createTokenCipher } from '../crypto/token-cipher.ts';
import type { PipedriveEnv } from '../env.ts';
import { EnvError } from '../errors.ts';
import { startReconciler } from '../pipeline/jobs/reconcile-leads.ts';
import { createTenantJobRegistry, type TenantJobRegistry, type TenantJobs } from '../pipeline/jobs/tenant-jobs.ts';
import type { ReadinessCheck } from '../server/health-routes.ts';
import { createOAuthRouter } from '../server/oauth-routes.ts';
import { panelRouters, settingsRouter } from './pipedrive-extensions.ts';
import { uninstallTenant } from '../tenants/uninstall-tenant.ts';
import { installTemplates } from './install-template.ts';
import type { CrmWiring, SharedWiring } from './shared.ts';

/** Reconcile every 15 minutes: well inside the 30-minute webhook ban (pipedrive.md §1.4). */
const RECONCILE_EVERY_MS = 15 * 60_000;
/** Re-check webhooks hourly: Pipedrive deletes them after 3 days without a success (§1.4). */
const WEBHOOK_CHECK_EVERY_MS = 60 * 60_000;

/** Start (or restart) one company's jobs: setup, then webhook checks; reconciliation. */
function startCompanyJobs(shared: SharedWiring, jobs: TenantJobRegistry, connector: PipedriveConnector, companyId: string, webhook: { user: string; password: string }, userId?: string): TenantJobs {
  const { env, logger, store, now } = shared;
  const tenant = pipedriveTenant(companyId);
  const reg = env.publicBaseUrl
    ? { subscriptionUrl: `${env.publicBaseUrl}${PIPEDRIVE_APP_PATHS.webhook}`, httpAuthUser: webhook.user, httpAuthPassword: webhook.password, ...(userId ? { userId } : {}) }
    : null;
  const client = async () => {
    const c = await connector.client(tenant);
    if (!c) throw new Error(`company ${companyId} is not installed`);
    return c;
  };
  return jobs.start(tenant, {
    name: `pipedrive setup ${tenant}`,
    setup: async () => {
      const c = await client();
      await c.ensureProperties();
      if (reg) await c.ensureWebhooks(reg);
      else logger.warn('PUBLIC_BASE_URL not set: Pipedrive webhooks are not registered (register them yourself or set PUBLIC_BASE_URL)', { tenant });
    },
    afterSetup: reg ? [{ name: 'pipedrive webhook check', everyMs: WEBHOOK_CHECK_EVERY_MS, run: async () => (await client()).ensureWebhooks(reg) }] : [],
    alongside: [
      startReconciler({
        store,
        client: () => connector.client(tenant),
        tenant,
        everyMs: RECONCILE_EVERY_MS,
        now,
        onError: (err) => logger.warn('pipedrive reconciliation failed', { tenant, error: err.message }),
        onQueued: (n) => logger.info('pipedrive reconciliation queued leads', { tenant, count: n }),
      }),
    ],
  });
}

export async function wirePipedrive(shared: SharedWiring, pd: PipedriveEnv): Promise<CrmWiring> {
  const { env, store, schedulers, config, logger, now } = shared;
  const checks: ReadinessCheck[] = [];
  const routers: Router[] = [];
  const onCall = (tenant: string, info: PipedriveCallInfo): void => {
    logger.debug('pipedrive call', { tenant, ...info });
  };
  // Each company's client follows its own active config version (tiers, fields, properties).
  const configNow = (tenant: string) => config(tenant).config;
  const jobs = createTenantJobRegistry(logger);
  shared.onClose(() => jobs.stopAll());

  if (pd.mode === 'api_token') {
    const connector = createPipedriveConnector({
      mode: 'api_token',
      token: pd.token,
      apiBase: pd.apiBaseUrl,
      companyId: pd.companyId,
      webhookUser: pd.webhookUser,
      webhookPassword: pd.webhookPassword,
      config: configNow,
      schedulers,
      store,
      now,
      onCall,
    });
    // The connector learns the company from /v1/users/me (once; never while a webhook waits).
    const companyId = !shared.background ? (pd.companyId ?? null) : await connector.companyId();
    if (shared.background && companyId === null) {
      logger.warn('could not reach Pipedrive to learn the company id; set PIPEDRIVE_COMPANY_ID or wait for the first webhook');
    }
    if (companyId && shared.background) {
      const setup = startCompanyJobs(shared, jobs, connector, companyId, { user: pd.webhookUser, password: pd.webhookPassword });
      checks.push({ name: 'pipedrive', check: async () => setup.status() });
    } else {
      checks.push({ name: 'pipedrive', check: async () => ({ ok: false, detail: 'company id unknown (set PIPEDRIVE_COMPANY_ID)' }) });
    }
    if (pd.panelJwtSecret) {
      routers.push(...panelRouters(shared, pd.panelJwtSecret, connector));
      // Single-company mode serves one company: the token's, when it is this API token's.
      routers.push(
        settingsRouter(shared, pd.panelJwtSecret, async (tenant) => {
          const ours = await connector.companyId();
          return ours !== null && tenant === pipedriveTenant(ours);
        }, connector),
      );
    }
    return { connector, routers, checks };
  }

  if (!env.encryptionKey || !env.publicBaseUrl) {
    throw new EnvError(['LEAD_ROUTER_ENCRYPTION_KEY', 'PUBLIC_BASE_URL'], 'Pipedrive OAuth mode needs LEAD_ROUTER_ENCRYPTION_KEY and PUBLIC_BASE_URL');
  }
  const cipher = createTokenCipher(env.encryptionKey);
  const tokens = createPipedriveTokenManager({ store, cipher, clientId: pd.clientId, clientSecret: pd.clientSecret, oauthBase: pd.oauthBaseUrl, now, requiredScopes: PIPEDRIVE_REQUIRED_SCOPES });
  const connector = createPipedriveConnector({ mode: 'oauth', tokens, config: configNow, schedulers, store, now, onCall });
  const signer = {
    sign: (payload: Record<string, unknown>) => signState(payload, pd.clientSecret, now()),
    verify: (token: string) => verifyState(token, pd.clientSecret, now(), 15 * 60_000) as Record<string, unknown> | null,
  };
  routers.push(
    createOAuthRouter({
      crm: 'pipedrive',
      store,
      templates: installTemplates(shared, connector),
      publicBaseUrl: env.publicBaseUrl,
      stateSecret: pd.clientSecret,
      now,
      logger,
      // The router signs the state (with a stored single-use nonce); pass it through as is.
      buildAuthorizeUrl: ({ redirectUri, state }) => buildAuthorizeUrl({ clientId: pd.clientId, redirectUri, signer: { ...signer, sign: () => state }, oauthBase: pd.oauthBaseUrl }),
      completeInstall: async ({ code, redirectUri }) => {
        const result = await tokens.install({ code, redirectUri });
        startCompanyJobs(shared, jobs, connector, result.companyId, result.webhook, result.userId);
        return { tenant: result.tenant };
      },
      uninstall: async ({ body, authorization }) => {
        const { tenant, companyId } = handleUninstall({ body, authorization, clientId: pd.clientId, clientSecret: pd.clientSecret });
        const stop = () => {
          jobs.stop(tenant);
          tokens.forget(companyId);
          connector.forget(tenant);
        };
        await uninstallTenant(shared, { tenant, crm: 'pipedrive', reason: 'uninstall callback from Pipedrive', stop });
        return { tenant };
      },
    }),
  );
  routers.push(...panelRouters(shared, pd.panelJwtSecret ?? pd.clientSecret, connector));
  routers.push(settingsRouter(shared, pd.panelJwtSecret ?? pd.clientSecret, async (tenant) => (await store.getInstall(tenant)) !== null, connector));
  // Installs from earlier runs: resume their background jobs.
  for (const install of shared.background ? await store.listInstalls('pipedrive') : []) {
    const companyId = install.externalId;
    const creds = await tokens.webhookCredentials(companyId).catch(() => null);
    if (creds) startCompanyJobs(shared, jobs, connector, companyId, creds, typeof install.meta.installedBy === 'string' ? install.meta.installedBy : undefined);
  }
  checks.push({
    name: 'pipedrive',
    check: async () => ({ ok: true, detail: `${(await store.listInstalls('pipedrive')).length} company(ies) installed` }),
  });
  return { connector, routers, checks };
}
