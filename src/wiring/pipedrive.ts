// Pipedrive wiring: connector (API token or marketplace OAuth), OAuth install +
// DELETE uninstall callback, the JSON panel, and per company in the background: fields, webhook
// registration (re-created when Pipedrive deletes them) and the periodic reconciliation.
import express, { type Router } from 'express';
import { createPipedriveConnector, type PipedriveConnector } from '../../connectors/pipedrive/connector.ts';
import { fetchCurrentUser } from '../../connectors/pipedrive/current-user.ts';
import { normalizeApiBase, type PipedriveCallInfo } from '../../connectors/pipedrive/http.ts';
import { buildAuthorizeUrl, handleUninstall } from '../../connectors/pipedrive/oauth.ts';
import { buildPanelResponse, panelError, verifyPanelToken } from '../../connectors/pipedrive/panel.ts';
import { pipedriveTenant } from '../../connectors/pipedrive/tenant.ts';
import { createPipedriveTokenManager } from '../../connectors/pipedrive/token-manager.ts';
import { signState, verifyState } from '../crypto/oauth-state.ts';
import { createTokenCipher } from '../crypto/token-cipher.ts';
import type { PipedriveEnv } from '../env.ts';
import { AuthError, EnvError } from '../errors.ts';
import { startReconciler } from '../pipeline/enqueue-leads.ts';
import type { ReadinessCheck } from '../server/health-routes.ts';
import { callbackUrl, createOAuthRouter } from '../server/oauth-routes.ts';
import { retryInBackground, type CrmWiring, type SharedWiring } from './shared.ts';

/** Reconcile every 15 minutes: well inside the 30-minute webhook ban (pipedrive.md §1.4). */
const RECONCILE_EVERY_MS = 15 * 60_000;
/** Re-check webhooks hourly: Pipedrive deletes them after 3 days without a success (§1.4). */
const WEBHOOK_CHECK_EVERY_MS = 60 * 60_000;

function panelRouter(shared: SharedWiring, secret: string): Router {
  const router = express.Router();
  router.get('/panels/pipedrive', async (req, res) => {
    try {
      const { userId, companyId } = verifyPanelToken(req.query.token, secret, shared.now());
      void userId;
      const id = String(req.query.selectedIds ?? '').split(',')[0] ?? '';
      const [audit] = await shared.store.getAudit(pipedriveTenant(companyId), id, 1);
      if (!audit) {
        res.status(404).json(panelError('Not scored yet', 'lead-router has not scored this person yet; it will within seconds of the next change.'));
        return;
      }
      const owner = shared.config().config.owners.find((o) => o.email === audit.evaluation.route.owner);
      res.json(buildPanelResponse(audit.evaluation, { ownerName: owner?.name ?? audit.evaluation.route.owner ?? undefined }));
    } catch (err) {
      const auth = err instanceof AuthError || (err as Error).name === 'AuthError';
      res.status(auth ? 401 : 500).json(panelError(auth ? 'Not authorized' : 'Something went wrong', (err as Error).message));
    }
  });
  return router;
}

interface CompanyJobs {
  status(): { ok: boolean; detail: string };
  stop(): void;
}

/** One company's background jobs; stop() ends them all (uninstall, reinstall, shutdown). */
function startCompanyJobs(shared: SharedWiring, connector: PipedriveConnector, companyId: string, webhook: { user: string; password: string }, userId?: string): CompanyJobs {
  const { env, logger, store, now } = shared;
  const tenant = pipedriveTenant(companyId);
  const timers: NodeJS.Timeout[] = [];
  let stopped = false;
  const setup = retryInBackground(
    `pipedrive setup ${tenant}`,
    async () => {
      const client = await connector.client(tenant);
      if (!client) throw new Error(`company ${companyId} is not installed`);
      await client.ensureProperties();
      if (env.publicBaseUrl) {
        const reg = { subscriptionUrl: `${env.publicBaseUrl}/webhooks/pipedrive`, httpAuthUser: webhook.user, httpAuthPassword: webhook.password, ...(userId ? { userId } : {}) };
        await client.ensureWebhooks(reg);
        if (stopped) return; // uninstalled meanwhile
        const timer = setInterval(() => {
          client.ensureWebhooks(reg).catch((err: Error) => logger.warn('pipedrive webhook check failed', { tenant, error: err.message }));
        }, WEBHOOK_CHECK_EVERY_MS);
        timer.unref();
        timers.push(timer);
      } else {
        logger.warn('PUBLIC_BASE_URL not set: Pipedrive webhooks are not registered (register them yourself or set PUBLIC_BASE_URL)', { tenant });
      }
    },
    logger,
  );
  const reconciler = startReconciler({
    store,
    client: () => connector.client(tenant),
    tenant,
    everyMs: RECONCILE_EVERY_MS,
    now,
    onError: (err) => logger.warn('pipedrive reconciliation failed', { tenant, error: err.message }),
    onQueued: (n) => logger.info('pipedrive reconciliation queued leads', { tenant, count: n }),
  });
  return {
    status: setup.status,
    stop() {
      stopped = true;
      setup.stop();
      reconciler.stop();
      for (const t of timers) clearInterval(t);
    },
  };
}

/** At most one set of jobs per company: a reinstall replaces them, an uninstall ends them. */
function createJobRegistry(shared: SharedWiring) {
  const jobs = new Map<string, CompanyJobs>();
  shared.onClose(() => {
    for (const j of jobs.values()) j.stop();
    jobs.clear();
  });
  return {
    start(connector: PipedriveConnector, companyId: string, webhook: { user: string; password: string }, userId?: string): CompanyJobs {
      jobs.get(companyId)?.stop();
      const started = startCompanyJobs(shared, connector, companyId, webhook, userId);
      jobs.set(companyId, started);
      return started;
    },
    stop(companyId: string): void {
      jobs.get(companyId)?.stop();
      jobs.delete(companyId);
    },
  };
}

export async function wirePipedrive(shared: SharedWiring, pd: PipedriveEnv): Promise<CrmWiring> {
  const { env, store, schedulers, config, logger, now, metrics } = shared;
  const checks: ReadinessCheck[] = [];
  const routers: Router[] = [];
  const onCall = (tenant: string, info: PipedriveCallInfo): void => {
    logger.debug('pipedrive call', { tenant, ...info });
  };
  const configNow = () => config().config;
  const jobs = createJobRegistry(shared);

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
    const companyId = !shared.background ? (pd.companyId ?? null) :
      pd.companyId ??
      (await fetchCurrentUser({ apiBase: normalizeApiBase(pd.apiBaseUrl), auth: { kind: 'api_token', token: pd.token } })
        .then((me) => me.companyId)
        .catch((err: Error) => {
          logger.warn('could not reach Pipedrive to learn the company id; set PIPEDRIVE_COMPANY_ID or wait for the first webhook', { error: err.message });
          return null;
        }));
    if (companyId && shared.background) {
      const setup = jobs.start(connector, companyId, { user: pd.webhookUser, password: pd.webhookPassword });
      checks.push({ name: 'pipedrive', check: async () => setup.status() });
    } else {
      checks.push({ name: 'pipedrive', check: async () => ({ ok: false, detail: 'company id unknown (set PIPEDRIVE_COMPANY_ID)' }) });
    }
    void metrics;
    if (pd.panelJwtSecret) routers.push(panelRouter(shared, pd.panelJwtSecret));
    return { connector, routers, checks };
  }

  if (!env.encryptionKey || !env.publicBaseUrl) {
    throw new EnvError(['LEAD_ROUTER_ENCRYPTION_KEY', 'PUBLIC_BASE_URL'], 'Pipedrive OAuth mode needs LEAD_ROUTER_ENCRYPTION_KEY and PUBLIC_BASE_URL');
  }
  const cipher = createTokenCipher(env.encryptionKey);
  const tokens = createPipedriveTokenManager({ store, cipher, clientId: pd.clientId, clientSecret: pd.clientSecret, oauthBase: pd.oauthBaseUrl, now });
  const connector = createPipedriveConnector({ mode: 'oauth', tokens, config: configNow, schedulers, store, now, onCall });
  const signer = {
    sign: (payload: Record<string, unknown>) => signState(payload, pd.clientSecret, now()),
    verify: (token: string) => verifyState(token, pd.clientSecret, now(), 15 * 60_000) as Record<string, unknown> | null,
  };
  const publicBaseUrl = env.publicBaseUrl;
  routers.push(
    createOAuthRouter(
      {
        crm: 'pipedrive',
        publicBaseUrl,
        stateSecret: pd.clientSecret,
        now,
        logger,
        buildAuthorizeUrl: ({ redirectUri }) => buildAuthorizeUrl({ clientId: pd.clientId, redirectUri, signer, state: { crm: 'pipedrive' }, oauthBase: pd.oauthBaseUrl }),
        completeInstall: async ({ code, redirectUri }) => {
          const result = await tokens.install({ code, redirectUri });
          jobs.start(connector, result.companyId, result.webhook, result.userId);
          return { tenant: result.tenant };
        },
      },
      (router) => {
        // Pipedrive sends the uninstall as a DELETE to the same callback URL (§2).
        router.delete('/oauth/pipedrive/callback', express.json(), async (req, res, next) => {
          try {
            const { tenant, companyId } = handleUninstall({ body: req.body, authorization: req.headers.authorization, clientId: pd.clientId, clientSecret: pd.clientSecret });
            jobs.stop(companyId);
            await store.deleteTenant(tenant);
            await schedulers.delete(tenant);
            tokens.forget(companyId);
            connector.forget(tenant);
            logger.info('app uninstalled; tenant data deleted', { tenant });
            res.status(200).json({ uninstalled: true });
          } catch (err) {
            next(err);
          }
        });
      },
    ),
  );
  void callbackUrl;
  routers.push(panelRouter(shared, env.pipedrive && env.pipedrive.mode === 'oauth' && env.pipedrive.panelJwtSecret ? env.pipedrive.panelJwtSecret : pd.clientSecret));
  // Installs from earlier runs: resume their background jobs.
  for (const install of shared.background ? await store.listInstalls('pipedrive') : []) {
    const companyId = install.externalId;
    const creds = await tokens.webhookCredentials(companyId).catch(() => null);
    if (creds) jobs.start(connector, companyId, creds, typeof install.meta.installedBy === 'string' ? install.meta.installedBy : undefined);
  }
  checks.push({
    name: 'pipedrive',
    check: async () => ({ ok: true, detail: `${(await store.listInstalls('pipedrive')).length} company(ies) installed` }),
  });
  return { connector, routers, checks };
}
