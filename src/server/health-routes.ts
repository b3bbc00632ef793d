// /healthz: the process is up. /readyz: what the app is still waiting for (store, config, CRMs).
// (/metrics has its own router and access rules: metrics-routes.ts.)
// An unreachable CRM is not a start failure: the app answers /healthz and retries in the
// background while /readyz says what it waits for.
import express, { type Router } from 'express';
import type { Store } from '../store/types.ts';

export interface ReadinessCheck {
  name: string;
  check: () => Promise<{ ok: boolean; detail?: string }>;
}

export function createHealthRouter(deps: { store: Store; checks: ReadinessCheck[] }): Router {
  const router = express.Router();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (_req, res) => {
    const results: Record<string, { ok: boolean; detail?: string }> = {};
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
    const ready = Object.values(results).every((r) => r.ok);
    const waitingFor = Object.entries(results)
      .filter(([, r]) => !r.ok)
      .map(([k, r]) => `${k}: ${r.detail ?? 'not ready'}`);
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'waiting', waitingFor, checks: results });
  });
  return router;
}
