// The admin console under /admin: sign-in link, JSON API (session-bound to one tenant), front end.
import type { Router } from 'express';
import type { LoadedConfig } from '../../config/index.ts';
import type { Store } from '../../store/types.ts';
import { createConsoleApiRouter } from './api-routes.ts';
import { createConsoleAssetsRouter } from './assets-route.ts';
import { createHealthApiRouter, type HealthApiDeps } from './health-api.ts';
import { createTeamRouter } from './team-routes.ts';
import { createLoginRouter } from './login-route.ts';

export interface ConsoleDeps extends Omit<HealthApiDeps, 'store' | 'now'> {
  store: Store;
  now: () => number;
  /** The config deciding the tenant's leads (its active version, else the file). */
  config: (tenant?: string) => LoadedConfig;
  /** Directory of the built front end (dist/console). */
  assetsDir: string;
  sessionTtlMs?: number;
  /** After a publish / rollback: every pipeline of this process loads the new version before the answer (others poll, within 2 s). */
  onConfigChanged?: () => Promise<void>;
}

export function createConsoleRouters(deps: ConsoleDeps): Router[] {
  // Team and Health check the session themselves (requireSession on their own paths) and come
  // before the API router, which ends with the JSON 404 of unknown API paths.
  return [createLoginRouter(deps), createTeamRouter(deps), createHealthApiRouter(deps), createConsoleApiRouter(deps), createConsoleAssetsRouter(deps.assetsDir)];
}
