// The admin console's dependencies from the app's core: store, clock, per-tenant config, the
// Health page's per-tenant activity and degraded reasons, each CRM's required scopes (from the
// connectors, which only the composition root names), and the worker to wake after a retry.
import { HUBSPOT_SCOPES } from '../../connectors/hubspot/oauth.ts';
import { PIPEDRIVE_REQUIRED_SCOPES } from '../../connectors/pipedrive/scopes.ts';
import type { LoadedConfig } from '../config/load.ts';
import type { Metrics } from '../metrics/metrics.ts';
import type { TenantHealth } from '../metrics/tenant-health.ts';
import type { ConsoleDeps } from '../server/console/router.ts';
import type { Store } from '../store/types.ts';

/** The parts of main.ts's Core the console reads (structural: no import cycle with main.ts). */
interface CoreParts {
  store: Store;
  now: () => number;
  config: (tenant?: string) => LoadedConfig;
  metrics: Metrics;
  tenantHealth: TenantHealth;
}

export function consoleDeps(core: CoreParts, assetsDir: string, wakeWorker: () => void, onConfigChanged?: () => Promise<void>): ConsoleDeps {
  return {
    store: core.store,
    now: core.now,
    config: core.config,
    assetsDir,
    activity: core.metrics.tenantActivity,
    degraded: () => core.tenantHealth.degraded(),
    requiredScopes: { hubspot: HUBSPOT_SCOPES, pipedrive: PIPEDRIVE_REQUIRED_SCOPES },
    onRequeued: wakeWorker,
    ...(onConfigChanged ? { onConfigChanged } : {}),
  };
}
