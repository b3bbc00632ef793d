// Composition root of the HubSpot sandbox: a local emulator of HubSpot's CRM API (same paths,
// bodies, limits and errors) that the real @hubspot/api-client can be pointed at by basePath,
// and that delivers signed webhooks for every change. Reference: shared/reference/hubspot.md.
import { createDealPipelines, DEFAULT_DEAL_PIPELINES } from './deal-pipelines.ts';
import { registerPipelineRoutes } from './routes/pipelines.ts';
import { registerListRoutes } from './routes/lists.ts';
import { createListStore, type ListStore } from './list-store.ts';
import { randomUUID } from 'node:crypto';
import express from 'express';
import type { Express } from 'express';
import { createApiRouter, createErrorHandler } from './api-router.ts';
import type { Outage } from './api-router.ts';
import { createAssociationStore } from './association-store.ts';
import { createCallStats } from './call-stats.ts';
import type { SandboxContext } from './context.ts';
import { createCrmStore } from './crm-store.ts';
import { buildErrorBody } from './errors.ts';
import { createOwnerDirectory, DEFAULT_OWNERS } from './owner-directory.ts';
import { createPropertyRegistry } from './property-registry.ts';
import { createRateLimiter, DEFAULT_BURST, DEFAULT_SEARCH_PER_SECOND, PRIVATE_APP_LIMITS } from './rate-limiter.ts';
import { registerAdminRoutes } from './routes/admin.ts';
import { registerAssociationRoutes } from './routes/associations.ts';
import { registerBatchRoutes } from './routes/batch.ts';
import { registerOAuthRoutes } from './routes/oauth.ts';
import { registerObjectRoutes } from './routes/objects.ts';
import { registerOwnerRoutes } from './routes/owners.ts';
import { registerPropertyRoutes } from './routes/properties.ts';
import { registerSearchRoutes } from './routes/search.ts';
import { createTokenRegistry } from './token-registry.ts';
import type { HubspotSandboxOptions, Owner, SandboxStats } from './types.ts';
import { createUserActions } from './user-actions.ts';
import type { UserActions } from './user-actions.ts';
import { createWebhookDispatcher } from './webhook-dispatcher.ts';
import { createWebhookEventFactory } from './webhook-events.ts';
import { createSandboxServer } from '../../sandbox-server.ts';

const DEFAULT_PORTAL_ID = 20_260_001;
const DEFAULT_APP_ID = 3_210_001;
const DEFAULT_WEBHOOK_BATCH_MS = 50;
const DEFAULT_MAX_CONCURRENT_WEBHOOKS = 10; // §1.3 "HubSpot defaults to 10 in-flight requests"

export type HubspotSandbox = UserActions & {
  app: Express;
  portalId: number;
  appId: number;
  clientId: string;
  privateAppToken: string;
  owners(): Owner[];
  /** Lists API v3 (static lists for nurture): create lists, read memberships. */
  lists: ListStore;
  /** Binds 127.0.0.1 unless told otherwise (port 0: any free port). */
  listen(port?: number, host?: string): Promise<{ url: string }>;
  close(): Promise<void>;
  stats(): SandboxStats;
  /** Every API call answers `status` with a HubSpot-like error body for `forMs` (0 ends it). */
  setOutage(outage: { status: number; forMs: number }): void;
  setWebhookUrl(url: string): void;
  /** A super admin uninstalls the OAuth app from this portal: every OAuth token is revoked (a
   *  refresh answers 400 BAD_REFRESH_TOKEN) and the app's webhooks for the portal stop (HubSpot
   *  changelog, app uninstalls API: "unsubscribing any configured webhooks for that account").
   *  HubSpot sends the app no request. Returns how many refresh tokens were revoked. */
  uninstallApp(): number;
  /** Was this credential issued by this portal (sandbox host routing)? */
  knows(credential: string): boolean;
  flushWebhooks(): Promise<void>;
  idle(): Promise<void>;
};

export function createHubspotSandbox(opts: HubspotSandboxOptions): HubspotSandbox {
  const now = opts.now ?? Date.now;
  const portalId = opts.portalId ?? DEFAULT_PORTAL_ID;
  const appId = opts.appId ?? DEFAULT_APP_ID;
  const startedAt = new Date(now()).toISOString();
  let webhookUrl = opts.webhookUrl;
  let outage: Outage | undefined;

  const owners = createOwnerDirectory(opts.owners ?? DEFAULT_OWNERS, startedAt);
  const registry = createPropertyRegistry(startedAt);
  const associations = createAssociationStore();
  const tokens = createTokenRegistry({
    privateAppToken: opts.privateAppToken ?? `pat-na1-${randomUUID()}`, clientId: opts.clientId ?? randomUUID(),
    clientSecret: opts.clientSecret, portalId, now,
  });
  const dispatcher = createWebhookDispatcher({
    clientSecret: opts.clientSecret, getUrl: () => webhookUrl, now,
    batchMs: opts.webhookBatchMs ?? DEFAULT_WEBHOOK_BATCH_MS, maxConcurrent: opts.maxConcurrentWebhooks ?? DEFAULT_MAX_CONCURRENT_WEBHOOKS,
    timeScale: opts.timeScale ?? 1,
  });
  const events = createWebhookEventFactory({ portalId, appId, subscriptions: opts.subscriptions, now });
  const store = createCrmStore({ now, associations, emit: (change) => dispatcher.enqueue(events.toEvents(change)) });
  const ctx: SandboxContext = {
    portalId, appId, now, store, associations, registry, owners, tokens, trackedEvents: new Map(),
    pipelines: createDealPipelines(opts.dealPipelines ?? DEFAULT_DEAL_PIPELINES, registry),
    integrationOrigin: { changeSource: 'INTEGRATION', sourceId: String(appId) },
    userOrigin: () => ({ changeSource: 'CRM_UI', sourceId: `userId:${owners.actingUserId()}` }),
  };

  const callStats = createCallStats();
  // By default each auth mode gets its real limits (§5); rateLimit / dailyLimit override them.
  const tier = PRIVATE_APP_LIMITS[opts.privateAppTier ?? 'starter'];
  const limiter = createRateLimiter({
    oauth: opts.rateLimit ?? DEFAULT_BURST,
    privateApp: opts.rateLimit ?? { max: tier.max, intervalMs: DEFAULT_BURST.intervalMs },
    dailyLimit: opts.dailyLimit ?? tier.dailyLimit,
    searchPerSecond: opts.searchPerSecond ?? DEFAULT_SEARCH_PER_SECOND, now, groupName: `publicapi:app-${appId}:portal-${portalId}`,
  });
  const app = express();
  app.disable('x-powered-by');
  app.use(express.json({ limit: '5mb' }));
  app.use(express.urlencoded({ extended: false })); // OAuth token requests are form-encoded (§3)
  const api = createApiRouter({ app, stats: callStats, limiter, tokens, now, getOutage: () => outage });
  registerOAuthRoutes(api, ctx);
  registerSearchRoutes(api, ctx);
  registerBatchRoutes(api, ctx);
  registerObjectRoutes(api, ctx);
  registerAssociationRoutes(api, ctx);
  registerOwnerRoutes(api, ctx);
  registerPropertyRoutes(api, ctx);
  registerPipelineRoutes(api, ctx, startedAt);
  const lists = createListStore();
  registerListRoutes(api, ctx, lists);

  const actions = createUserActions(ctx);
  const stats = (): SandboxStats => ({ ...callStats.snapshot(), webhooks: dispatcher.stats() });
  const setOutage = (o: { status: number; forMs: number }): void => { outage = o.forMs > 0 ? { status: o.status, until: now() + o.forMs } : undefined; };
  const setWebhookUrl = (url: string): void => { webhookUrl = url; };
  registerAdminRoutes(app, ctx, actions, {
    stats, setOutage, setWebhookUrl, flushWebhooks: () => dispatcher.flush(),
    info: () => ({ portalId, appId, clientId: tokens.clientId, privateAppToken: tokens.privateAppToken, webhookUrl: webhookUrl ?? null }),
  });
  app.use((req, res) => {
    callStats.count(`${req.method} (unmatched)`);
    res.status(404).json(buildErrorBody('OBJECT_NOT_FOUND', `No HubSpot API route ${req.method} ${req.path} in the sandbox`));
  });
  app.use(createErrorHandler(callStats));

  const serverLife = createSandboxServer(app, () => dispatcher.close());
  return {
    ...actions,
    app, portalId, appId, clientId: tokens.clientId, privateAppToken: tokens.privateAppToken,
    owners: () => owners.list(),
    lists,
    listen: serverLife.listen,
    close: serverLife.close,
    stats, setOutage, setWebhookUrl,
    uninstallApp: () => { webhookUrl = undefined; return tokens.revokeAll(); },
    knows: (credential: string) => tokens.knows(credential),
    flushWebhooks: () => dispatcher.flush(),
    idle: () => dispatcher.idle(),
  };
}
