// GET /metrics (Prometheus). It names every tenant, so it is never open to the world:
// - METRICS_TOKEN: the public port serves it to `Authorization: Bearer <token>` only (what
//   Prometheus' `authorization` / `bearer_token_file` scrape settings send);
// - METRICS_PORT: a separate listener (METRICS_HOST, default 127.0.0.1) serves it, e.g. to a
//   sidecar or a cluster-internal scraper; with METRICS_TOKEN set it asks for the token too;
// - neither: the public port answers 404 and the start-up log says how to enable it.
import { timingSafeEqual } from 'node:crypto';
import express, { type Router } from 'express';
import type { Scrapeable } from '../metrics/merge-metrics.ts';
import type { Logger } from '../logger.ts';

export const METRICS_DISABLED_HINT =
  '/metrics is not served on the public port: set METRICS_TOKEN (scrape with "Authorization: Bearer <token>") or METRICS_PORT (a separate listener on METRICS_HOST, default 127.0.0.1)';

function bearerMatches(header: string | undefined, token: string): boolean {
  const m = /^Bearer\s+(\S+)$/i.exec(header?.trim() ?? '');
  if (!m) return false;
  const given = Buffer.from(m[1]!, 'utf8');
  const expected = Buffer.from(token, 'utf8');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** `mode: 'disabled'` answers 404 with the hint; `token` (if set) is required as a bearer. */
export function createMetricsRouter(opts: { registry: Scrapeable; token?: string; mode: 'serve' | 'disabled'; logger: Logger }): Router {
  const router = express.Router();
  router.get('/metrics', async (req, res) => {
    if (opts.mode === 'disabled') {
      res.status(404).json({ error: 'NOT_FOUND', message: METRICS_DISABLED_HINT });
      return;
    }
    if (opts.token !== undefined && !bearerMatches(req.headers.authorization, opts.token)) {
      opts.logger.warn('metrics scrape refused', { reason: req.headers.authorization ? 'wrong token' : 'no bearer token' });
      res.set('WWW-Authenticate', 'Bearer realm="lead-router metrics"');
      res.status(401).json({ error: 'AUTH_FAILED', message: 'GET /metrics needs "Authorization: Bearer <METRICS_TOKEN>"' });
      return;
    }
    res.set('Content-Type', opts.registry.contentType);
    res.send(await opts.registry.metrics());
  });
  return router;
}
