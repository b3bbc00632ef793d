// /healthz: the process is up. /readyz: what the app is still waiting for (store, config, CRMs).
// (/metrics has its own router and access rules: metrics-routes.ts.)
// An unreachable CRM is not a start failure: the app answers /healthz and retries in the
// background while /readyz says what it waits for.
import express, { type Router } from 'express';
import type { Store } from '../store/types.ts';

export interface ReadinessCheck {
  name: string;
  /** `blocking: false` on a failed check: reported (status "degraded"), but /readyz stays 200. */
  check: () => Promise<{ ok: boolean; detail?: string; blocking?: boolean }>;
}

/**
 * `degraded`: tenants whose CRM refuses or fails our calls (src/metrics/tenant-health.ts). They
 * make /readyz say "degraded" with each tenant's reason, but still 200: the app keeps accepting
 * and storing every tenant's webhooks (nothing is lost), and taking it out of a load balancer
 * because one customer's CRM is down would stop the other tenants too.
 */
export function createHealthRouter(deps: {
  store: Store;
  checks: ReadinessCheck[];
  degraded?: () => { tenant: string; reason: string; detail: string; since: number }[];
}): Router {
  const router = express.Router();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (_req, res) => {
    const results: Record<string, { ok: boolean; detail?: string; blocking?: boolean }> = {};
    const all: ReadinessCheck[] = [
      {
        name: 'store',
        check: async () => {
          const s = await deps.store.inboxStats();
          return { ok: true, detail: `${s.pending} pending, ${s.processing} processing, ${s.failed} failed` };
        },
      },
      ...deps.checks,
    ];
    for (const c of all) {
      try {
        results[c.name] = await c.check();
      } catch (err) {
        results[c.name] = { ok: false, detail: (err as Error).message };
      }
    }
    const ready = Object.values(results).every((r) => r.ok || r.blocking === false);
    const waitingFor = Object.entries(results)
      .filter(([, r]) => !r.ok)
      .map(([k, r]) => `${k}: ${r.detail ?? 'not ready'}`);
    const degraded = (deps.degraded?.() ?? []).map((d) => ({ ...d, since: new Date(d.since).toISOString() }));
    const failing = Object.values(results).some((r) => !r.ok);
    const status = !ready ? 'waiting' : degraded.length || failing ? 'degraded' : 'ready';
    res.status(ready ? 200 : 503).json({ status, waitingFor, degraded, checks: results });
  });
  return router;
}
