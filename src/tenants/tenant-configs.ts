// Which config decides a tenant's leads right now: its active stored version, else the config
// file (self-hosted single company, reloaded on SIGHUP). Every process polls the store's
// active versions (one small query for all tenants) and loads a version when its number
// changes, so a publish or rollback anywhere reaches every process within one poll interval,
// without a restart; a batch already evaluating finishes with the config it started with.
import type { LoadedConfig } from '../config/load.ts';
import type { Logger } from '../logger.ts';
import type { Store, TenantKey } from '../store/types.ts';
import { versionLabel } from './config-label.ts';
import { loadConfigVersion } from './config-versions.ts';

/** Poll interval: a published version is live within 2 s (one interval plus one poll query). */
export const CONFIG_POLL_MS = 1000;

export interface TenantConfigs {
  /** The tenant's active version if it has one, else the config file; no tenant: the file. */
  get(tenant?: TenantKey): LoadedConfig;
  /** Read the active versions now and load the changed ones. Never throws (logs and keeps the running configs). */
  refresh(): Promise<void>;
  /** Poll every `intervalMs` until stop(). The timer does not keep the process alive. */
  start(intervalMs?: number): void;
  stop(): void;
}

export function createTenantConfigs(opts: { store: Store; file: () => LoadedConfig; logger: Logger; onChange?: () => void }): TenantConfigs {
  const { store, file, logger } = opts;
  const active = new Map<TenantKey, { version: number; loaded: LoadedConfig }>();
  const rejected = new Map<TenantKey, number>(); // logged once, not every poll
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;

  async function poll(): Promise<void> {
    const versions = await store.activeConfigVersions();
    let changed = false;
    for (const tenant of [...active.keys()]) {
      if (!versions.has(tenant)) {
        active.delete(tenant);
        changed = true;
        logger.info('tenant config: no active version, using the config file', { tenant, file: file().file });
      }
    }
    for (const [tenant, version] of versions) {
      if (active.get(tenant)?.version === version || rejected.get(tenant) === version) continue;
      try {
        const record = await store.getConfigVersion(tenant, version);
        if (!record) continue; // deleted meanwhile (uninstall): the next poll drops it
        active.set(tenant, { version, loaded: loadConfigVersion(record) });
        rejected.delete(tenant);
        changed = true;
        logger.info('tenant config activated', { tenant, version: versionLabel(version) });
      } catch (err) {
        // Valid when published, but this lead-router rejects it (e.g. after a downgrade):
        // keep what runs now rather than stop routing the tenant.
        rejected.set(tenant, version);
        logger.error('tenant config version cannot be loaded; keeping the running config', { tenant, version: versionLabel(version), error: (err as Error).message });
      }
    }
    if (changed) opts.onChange?.();
  }

  return {
    get(tenant) {
      return (tenant === undefined ? undefined : active.get(tenant)?.loaded) ?? file();
    },
    async refresh() {
      // One poll at a time: a slow store must not stack queries.
      running ??= poll()
        .catch((err: unknown) => {
          logger.warn('polling tenant config versions failed; retrying', { error: (err as Error).message });
        })
        .finally(() => {
          running = null;
        });
      await running;
    },
    start(intervalMs = CONFIG_POLL_MS) {
      if (timer) return;
      timer = setInterval(() => void this.refresh(), intervalMs);
      timer.unref();
    },
    stop() {
      if (timer) clearInterval(timer);
      timer = null;
    },
  };
}
