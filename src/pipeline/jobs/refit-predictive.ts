// The predictive score's refit (config scoring.predictive): per known tenant (installs and the
// private-app / API-token tenant of the environment) whose config
// enables it, the model is refitted from the tenant's decided leads with outcomes once it is
// older than the retrain interval (hourly / daily / weekly). Below the minimum of outcomes no
// model is kept (any older one is deleted, so nothing is written) and the log says how many
// outcomes exist and are needed; a failure is logged and retried on the next tick, never thrown.
import { collectLeads } from '../../calibration/collect-leads.ts';
import { fitPredictiveModel } from '../../calibration/predictive-model.ts';
import type { LoadedConfig } from '../../config/load.ts';
import { RETRAIN_INTERVALS_MS } from '../../config/schema-scoring.ts';
import type { Logger } from '../../logger.ts';
import type { PredictiveModelRecord, Store, TenantKey } from '../../store/types.ts';
import { configLabel } from '../../tenants/config-label.ts';

const DAY_MS = 86_400_000;
/** How often the job looks for tenants due a refit. */
export const REFIT_TICK_MS = 15 * 60_000;

export type RefitOutcome =
  | { status: 'off' }
  | { status: 'fitted'; model: PredictiveModelRecord }
  | { status: 'not-enough'; reason: string };

export interface RefitDeps {
  store: Store;
  logger: Logger;
  /** The tenant's current config (its active version, else the config file). */
  config: (tenant: TenantKey) => LoadedConfig;
  now: () => number;
}

/** Refit one tenant now (the job's step; also the unit tests' entry point). */
export async function refitPredictive(deps: RefitDeps, tenant: TenantKey): Promise<RefitOutcome> {
  const loaded = deps.config(tenant);
  const settings = loaded.config.scoring.predictive;
  if (!settings.enabled) return { status: 'off' };
  const now = deps.now();
  const leads = await collectLeads(deps.store, tenant, now - settings.windowDays * DAY_MS);
  const fit = fitPredictiveModel(leads, loaded.compiled, { tenant, config: configLabel(loaded), now, minOutcomes: settings.minOutcomes });
  if (!fit.ok) {
    await deps.store.deletePredictiveModel(tenant);
    deps.logger.info(`predictive score: ${fit.reason}`, { tenant, leads: leads.length });
    return { status: 'not-enough', reason: fit.reason };
  }
  await deps.store.savePredictiveModel(fit.model);
  deps.logger.info('predictive score: model fitted', { tenant, outcomes: fit.model.outcomes, leads: fit.model.leads, holdoutAuc: fit.model.holdoutAuc });
  return { status: 'fitted', model: fit.model };
}

/** Whether the tenant is due: no model yet, or one older than the retrain interval. */
async function due(deps: RefitDeps, tenant: TenantKey, lastTried: Map<TenantKey, number>): Promise<boolean> {
  const settings = deps.config(tenant).config.scoring.predictive;
  if (!settings.enabled) return false;
  const every = RETRAIN_INTERVALS_MS[settings.retrain];
  const model = await deps.store.getPredictiveModel(tenant);
  const last = Math.max(model?.fittedAt ?? -Infinity, lastTried.get(tenant) ?? -Infinity);
  return deps.now() - last >= every;
}

export interface PredictiveRefitJob {
  /** One pass over the installed tenants (runs at start, then every tickMs). */
  runOnce(): Promise<void>;
  start(): void;
  stop(): Promise<void>;
}

export function createPredictiveRefitJob(deps: RefitDeps & { tenants: () => Promise<TenantKey[]> }, opts: { tickMs?: number } = {}): PredictiveRefitJob {
  const lastTried = new Map<TenantKey, number>(); // tries below the minimum wait a full interval too
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  async function pass(): Promise<void> {
    for (const tenant of await deps.tenants()) {
      try {
        if (!(await due(deps, tenant, lastTried))) continue;
        lastTried.set(tenant, deps.now());
        await refitPredictive(deps, tenant);
      } catch (err) {
        deps.logger.warn('predictive score: refit failed; retrying next interval', { tenant, error: (err as Error).message });
      }
    }
  }
  const runOnce = () => (running ??= pass().finally(() => (running = null)));
  return {
    runOnce,
    start() {
      if (timer) return;
      void runOnce().catch((err: Error) => deps.logger.warn('predictive score: refit pass failed', { error: err.message }));
      timer = setInterval(() => void runOnce().catch((err: Error) => deps.logger.warn('predictive score: refit pass failed', { error: err.message })), opts.tickMs ?? REFIT_TICK_MS);
      timer.unref();
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = null;
      await running?.catch(() => undefined);
    },
  };
}
