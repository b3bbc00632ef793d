// The admin console under /admin: sign-in link, JSON API (session-bound to one tenant), front end.
import type { Router } from 'express';
import type { LoadedConfig } from '../../config/index.ts';
import type { Store } from '../../store/types.ts';
import { createConsoleApiRouter } from './api-routes.ts';
import { createConsoleAssetsRouter } from './assets-route.ts';
import { createLoginRouter } from './login-route.ts';

export interface ConsoleDeps {
  store: Store;
  now: () => number;
  config: (tenant?: string) => LoadedConfig;
  /** Directory of the built front end (dist/console). */
  assetsDir: string;
  sessionTtlMs?: number;
}

export function createConsoleRouters(deps: ConsoleDeps): Router[] {
  return [createLoginRouter(deps), createConsoleApiRouter(deps), createConsoleAssetsRouter(deps.assetsDir)];
}
