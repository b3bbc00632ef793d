// The Express app: transport only. Webhook routes talk to the domain through connectors and the
// inbox; the engine never sees req/res.
import express, { type Express, type Router } from 'express';
import type { Logger } from '../logger.ts';
import { createErrorHandler } from './error-handler.ts';

export interface AppParts {
  logger: Logger;
  routers: Router[];
}

export function createApp(parts: AppParts): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', true);
  for (const r of parts.routers) app.use(r);
  app.use((req, res) => {
    res.status(404).json({ error: 'NOT_FOUND', message: `No route for ${req.method} ${req.path}` });
  });
  app.use(createErrorHandler(parts.logger));
  return app;
}
