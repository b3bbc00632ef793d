// The separate /metrics listener (METRICS_PORT on METRICS_HOST): Prometheus scrapes it on a
// private interface while the public port, which the CRMs call, does not serve metrics at all.
import type { Server } from 'node:http';
import express from 'express';
import type { Scrapeable } from '../metrics/merge-metrics.ts';
import { EnvError } from '../errors.ts';
import type { Logger } from '../logger.ts';
import { createMetricsRouter } from './metrics-routes.ts';

export async function startMetricsListener(opts: { registry: Scrapeable; host: string; port: number; token?: string; logger: Logger }): Promise<Server> {
  const app = express();
  app.disable('x-powered-by');
  app.use(createMetricsRouter({ registry: opts.registry, mode: 'serve', logger: opts.logger, ...(opts.token ? { token: opts.token } : {}) }));
  app.use((_req, res) => {
    res.status(404).json({ error: 'NOT_FOUND', message: 'This listener serves GET /metrics only' });
  });
  return new Promise<Server>((resolve, reject) => {
    const s = app.listen(opts.port, opts.host, () => resolve(s));
    s.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EADDRINUSE') reject(new EnvError(['METRICS_PORT'], `METRICS_PORT ${opts.port} is already in use on ${opts.host}: set METRICS_PORT to a free port`));
      else reject(err);
    });
  });
}
