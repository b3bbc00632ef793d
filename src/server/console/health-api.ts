// The Health page's API, for the session's tenant only: webhook intake (last hour per source,
// last event received), inbox depth (pending / processing / failed), write-back latency and
// the CRM's 429s (this process's recent window, src/metrics/tenant-activity.ts), the failed
// rows with their reason, install status (granted scopes against the required ones, token
// state, degraded reason with its fix), and POST retry: re-queue failed rows of this tenant.
import express, { Router } from 'express';
import { z } from 'zod';
import { parseTenantKey } from '../../crm/tenant-key.ts';
import type { TenantActivity } from '../../metrics/tenant-activity.ts';
import type { TenantHealthEntry } from '../../metrics/tenant-health.ts';
import type { CrmKind, InstallRecord, Store } from '../../store/types.ts';
import { FAILED_ROWS_MAX } from '../../store/team-health-rows.ts';
import { parseInput, readJsonBody } from './console-input.ts';
import { requireSession, sessionOf } from './session.ts';

export interface HealthApiDeps {
  store: Store;
  now: () => number;
  activity?: TenantActivity;
  degraded?: () => TenantHealthEntry[];
  /** The scopes each CRM's install must grant (from the connectors, via the composition root). */
  requiredScopes?: Partial<Record<CrmKind, readonly string[]>>;
  /** Wake the pipeline worker after a retry so re-queued rows run now, not at its next poll. */
  onRequeued?: () => void;
}

/** Intake and 429s are counted over this window. */
export const HEALTH_WINDOW_MS = 60 * 60 * 1000;
const FAILED_SHOWN = 50;

const retryBody = z.union([z.strictObject({ ids: z.array(z.number().int().positive()).min(1).max(FAILED_ROWS_MAX) }), z.strictObject({ all: z.literal(true) })]);

function grantedScopes(install: InstallRecord): string[] {
  const m = install.meta;
  if (Array.isArray(m.scopes)) return m.scopes.map(String);
  if (typeof m.scope === 'string') return m.scope.split(/[\s,]+/).filter((s) => s !== '');
  return [];
}

function missing(required: readonly string[], granted: string[]): string[] {
  const have = new Set(granted);
  // Pipedrive: `<area>:full` includes `<area>:read`.
  return required.filter((s) => !have.has(s) && !(s.endsWith(':read') && have.has(`${s.slice(0, -':read'.length)}:full`)));
}

function installStatus(deps: HealthApiDeps, tenant: string, install: InstallRecord | null) {
  const crm = parseTenantKey(tenant)?.crm ?? null;
  const degraded = deps.degraded?.().find((d) => d.tenant === tenant) ?? null;
  const token = degraded?.reason === 'auth_failed' ? 'refused' : degraded?.reason === 'forbidden' ? 'lacks_permission' : 'accepted';
  if (!install) {
    return { crm, installed: false, mode: 'token', scopes: [], missingScopes: [], token, installedAt: null, updatedAt: null, degraded };
  }
  const scopes = grantedScopes(install);
  const required = (crm && deps.requiredScopes?.[crm]) || [];
  return { crm, installed: true, mode: 'oauth', externalId: install.externalId, scopes, missingScopes: missing(required, scopes), token, installedAt: install.installedAt, updatedAt: install.updatedAt, degraded };
}

export function createHealthApiRouter(deps: HealthApiDeps): Router {
  const router = Router();
  router.use('/admin/api/health', (_req, res, next) => {
    res.set({ 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' });
    next();
  });
  router.use('/admin/api/health', requireSession(deps));

  router.get('/admin/api/health', async (_req, res) => {
    const tenant = sessionOf(res).tenant;
    const now = deps.now();
    const [intake, queue, failed, install] = await Promise.all([
      deps.store.inboxIntake(tenant, now - HEALTH_WINDOW_MS),
      deps.store.inboxDepth(tenant),
      deps.store.listFailedInbox(tenant, FAILED_SHOWN),
      deps.store.getInstall(tenant),
    ]);
    const activity = deps.activity?.summary(tenant, now, HEALTH_WINDOW_MS) ?? null;
    res.json({
      at: now,
      windowMs: HEALTH_WINDOW_MS,
      intake,
      queue,
      writeBack: activity?.writeBack ?? null,
      rateLimited: activity?.rateLimited ?? null,
      failed,
      failedShown: FAILED_SHOWN,
      install: installStatus(deps, tenant, install),
    });
  });

  router.post('/admin/api/health/retry', express.raw({ type: () => true, limit: '8kb' }), async (req, res) => {
    const b = parseInput(retryBody, readJsonBody(req.body, '{"ids": [<inbox row id>, ...]} or {"all": true}'), 'retry');
    const tenant = sessionOf(res).tenant;
    const requeued = await deps.store.inboxRequeueFailed(tenant, 'ids' in b ? b.ids : null, deps.now());
    if (requeued > 0) deps.onRequeued?.();
    res.json({ requeued });
  });
  return router;
}
