// Composition root of the Pipedrive sandbox: a local emulator of Pipedrive's API (same paths,
// bodies, limits and errors) that the connector is pointed at by base URL, and that delivers v2
// webhooks for every change. Reference: shared/reference/pipedrive.md.
import { randomBytes } from 'node:crypto';
import express from 'express';
import type { Express } from 'express';
import { createApiRouter, createErrorHandler, type Outage } from './api-router.ts';
import { createCallStats } from './call-stats.ts';
import type { ActivityType, SandboxContext } from './context.ts';
import { createEntityStore } from './entity-store.ts';
import { apiError } from './errors.ts';
import { DEFAULT_FIELD_SEEDS } from './field-seed.ts';
import { createFieldRegistry, type FieldDef } from './field-registry.ts';
import { createLeadLabels } from './lead-labels.ts';
import {
  BURST_LIMITS, BURST_WINDOW_MS, createRateLimiter, DAILY_TOKENS_PER_SEAT, DEFAULT_CLOUDFLARE_BLOCK_MS, DEFAULT_SEARCH_LIMIT, PLAN_MULTIPLIER,
} from './rate-limiter.ts';
import { registerActivityRoutes } from './routes/activities.ts';
import { registerAdminRoutes } from './routes/admin.ts';
import { registerContactRoutes } from './routes/contacts.ts';
import { registerDealRoutes } from './routes/deals.ts';
import { registerFieldRoutes } from './routes/fields.ts';
import { registerLeadRoutes } from './routes/leads.ts';
import { registerOAuthRoutes } from './routes/oauth.ts';
import { registerUserRoutes } from './routes/users.ts';
import { registerWebhookRoutes } from './routes/webhooks.ts';
import { createTokenRegistry, DEFAULT_SCOPES } from './token-registry.ts';
import type { FieldEntity, PipedriveSandboxOptions, SandboxStats } from './types.ts';
import { sendUninstall } from './uninstall.ts';
import { createUserActions, type UserActions } from './user-actions.ts';
import { createUserDirectory, DEFAULT_USERS } from './user-directory.ts';
import { createWebhookDispatcher, DELIVERY_TIMEOUT_MS } from './webhook-dispatcher.ts';
import { buildWebhookBody, webhookMaySee } from './webhook-events.ts';
import { createWebhookRegistry, type WebhookView } from './webhook-registry.ts';
import { createSandboxServer } from '../../sandbox-server.ts';

const DEFAULT_COMPANY_ID = 8_087_566; // the reference's example company (§1.2)
const DEFAULT_WEBHOOK_BATCH_MS = 10;
const DEFAULT_MAX_CONCURRENT_WEBHOOKS = 10;
const BUILTIN_ACTIVITY_TYPES = [['call', 'Call'], ['meeting', 'Meeting'], ['task', 'Task'], ['deadline', 'Deadline'], ['email', 'Email'], ['lunch', 'Lunch']];

export type PipedriveSandbox = UserActions & {
  app: Express;
  companyId: number;
  companyDomain: string;
  /** The first admin's API token (x-api-token header or api_token query). */
  apiToken: string;
  /** Users as GET /v1/users returns them. */
  users(): Record<string, unknown>[];
  /** Field metadata as GET /api/v2/{entity}Fields returns it. */
  fields(entity: FieldEntity): FieldDef[];
  /** The 40-character key of a custom field, by name. */
  fieldCode(entity: FieldEntity, name: string): string | undefined;
  /** Current webhooks (as GET /v1/webhooks) with their delivery state under `sandbox`. */
  webhooks(): WebhookView[];
  /** Binds 127.0.0.1 unless told otherwise (port 0: any free port). */
  listen(port?: number, host?: string): Promise<{ url: string }>;
  close(): Promise<void>;
  stats(): SandboxStats;
  /** Every API call answers `status` for `forMs` (0 ends it): Pipedrive's JSON error, or an HTML page with `html`. */
  setOutage(outage: { status: number; forMs: number; html?: boolean }): void;
  flushWebhooks(): Promise<void>;
  idle(): Promise<void>;
  /** The user removes the app: tokens revoked, app webhooks deleted, DELETE sent to the callback URL (§2). */
  uninstall(callbackUrl: string, opts?: { userId?: number }): Promise<{ status: number }>;
  /** Was this credential issued by this company (sandbox host routing)? */
  knows(credential: string): boolean;
};

export function createPipedriveSandbox(opts: PipedriveSandboxOptions = {}): PipedriveSandbox {
  const now = opts.now ?? Date.now;
  const companyId = opts.companyId ?? DEFAULT_COMPANY_ID;
  const companyDomain = opts.companyDomain ?? 'acme';
  const plan = opts.plan ?? 'lite';
  const timeScale = opts.timeScale ?? 1;
  let outage: Outage | undefined;

  const users = createUserDirectory(opts.users ?? DEFAULT_USERS, now());
  const admin = users.primaryAdmin();
  const oauth = opts.oauth && { ...opts.oauth, scopes: opts.oauth.scopes ?? DEFAULT_SCOPES, rotateRefreshTokens: opts.oauth.rotateRefreshTokens ?? false };
  const tokens = createTokenRegistry({ apiToken: opts.apiToken ?? randomBytes(20).toString('hex'), apiTokenUserId: admin.id, companyId, now, ...(oauth ? { oauth } : {}) });
  const webhooks = createWebhookRegistry({ companyId, now, timeScale, adminId: admin.id });
  const activityTypes: ActivityType[] = [
    ...BUILTIN_ACTIVITY_TYPES.map(([key, name]) => ({ key_string: key as string, name: name as string, is_custom_flag: false, icon_key: key as string })),
    ...(opts.activityTypes ?? ['webinar']).map((key) => ({ key_string: key, name: key.charAt(0).toUpperCase() + key.slice(1), is_custom_flag: true, icon_key: 'task' })),
  ].map((t, i) => ({ id: i + 1, ...t }));

  const dispatcher = createWebhookDispatcher({
    registry: webhooks,
    build: (change, hook, attempt) => buildWebhookBody(ctx, change, hook, attempt),
    maySee: (change, hook) => webhookMaySee(ctx, change, hook),
    timeScale, batchMs: opts.webhookBatchMs ?? DEFAULT_WEBHOOK_BATCH_MS, timeoutMs: opts.webhookTimeoutMs ?? DELIVERY_TIMEOUT_MS,
    maxConcurrent: opts.maxConcurrentWebhooks ?? DEFAULT_MAX_CONCURRENT_WEBHOOKS,
  });
  const store = createEntityStore({ now, emit: (change) => dispatcher.enqueue(change) });
  const ctx: SandboxContext = {
    companyId, companyDomain, now, store, users, tokens, webhooks, activityTypes, leadLabels: createLeadLabels(companyId, now()),
    fields: createFieldRegistry({ companyId, now, seeds: { person: opts.personFields ?? DEFAULT_FIELD_SEEDS.person, organization: opts.organizationFields ?? DEFAULT_FIELD_SEEDS.organization } }),
    links: { user: (id) => users.isActive(id), org: (id) => store.get('organization', id) !== undefined, person: (id) => store.get('person', id) !== undefined },
  };

  const callStats = createCallStats();
  const limiter = createRateLimiter({
    burst: (kind) => opts.rateLimit ?? { max: BURST_LIMITS[plan][opts.authMode ?? kind], intervalMs: BURST_WINDOW_MS },
    search: opts.searchLimit ?? DEFAULT_SEARCH_LIMIT,
    dailyBudget: opts.dailyTokenBudget ?? DAILY_TOKENS_PER_SEAT * PLAN_MULTIPLIER[plan] * users.seats(),
    ...(opts.cloudflareAfter429s === undefined ? {} : { cloudflareAfter429s: opts.cloudflareAfter429s }),
    cloudflareBlockMs: opts.cloudflareBlockMs ?? DEFAULT_CLOUDFLARE_BLOCK_MS,
    now, onReject: (kind) => callStats.countRejected(kind),
  });

  const app = express();
  app.disable('x-powered-by');
  app.use(express.json({ limit: '5mb' }));
  app.use(express.urlencoded({ extended: false })); // the OAuth token endpoint is form-encoded (§2)
  const api = createApiRouter({ app, stats: callStats, limiter, tokens, now, getOutage: () => outage });
  registerOAuthRoutes(api, ctx);
  registerContactRoutes(api, ctx);
  registerFieldRoutes(api, ctx);
  registerUserRoutes(api, ctx);
  registerLeadRoutes(api, ctx);
  registerDealRoutes(api, ctx);
  registerActivityRoutes(api, ctx);
  registerWebhookRoutes(api, ctx);

  const actions = createUserActions(ctx);
  const stats = (): SandboxStats => ({
    ...callStats.snapshot(), tokensSpent: limiter.tokensSpent(), dailyTokenBudget: limiter.dailyBudget(), dailyTokensRemaining: limiter.dailyRemaining(),
    webhooks: dispatcher.stats(),
  });
  const setOutage = (o: { status: number; forMs: number; html?: boolean }): void => {
    outage = o.forMs > 0 ? { status: o.status, until: now() + o.forMs, html: o.html ?? false } : undefined;
  };
  const apiUsers = () => users.list().map((u) => users.toApi(u));
  const uninstall = async (callbackUrl: string, o: { userId?: number } = {}) => {
    if (!oauth) throw new Error('uninstall needs the sandbox OAuth app: pass `oauth: {clientId, clientSecret}`');
    tokens.revokeAll();
    webhooks.removeApplicationWebhooks(oauth.clientId); // §1.1 the app's webhooks go with it
    return sendUninstall({ callbackUrl, clientId: oauth.clientId, clientSecret: oauth.clientSecret, companyId, userId: o.userId ?? admin.id });
  };
  registerAdminRoutes(app, actions, {
    info: () => ({ companyId, companyDomain, plan, apiToken: tokens.apiToken, clientId: oauth?.clientId ?? null, users: apiUsers() }),
    stats, users: apiUsers, webhooks: () => webhooks.views(), setOutage, flushWebhooks: () => dispatcher.flush(), uninstall,
  });
  app.use((req) => { throw apiError(404, `Unknown method ${req.method} ${req.path} (not emulated by the Pipedrive sandbox)`); });
  app.use(createErrorHandler());

  const serverLife = createSandboxServer(app, () => dispatcher.close());
  return {
    ...actions,
    app, companyId, companyDomain, apiToken: tokens.apiToken,
    users: apiUsers,
    fields: (entity) => ctx.fields.list(entity),
    fieldCode: (entity, name) => ctx.fields.customByName(entity, name)?.field_code,
    webhooks: () => webhooks.views(),
    listen: serverLife.listen,
    close: serverLife.close,
    stats, setOutage,
    flushWebhooks: () => dispatcher.flush(),
    idle: () => dispatcher.idle(),
    uninstall,
    knows: (credential: string) => tokens.knows(credential),
  };
}
