// What the pipeline needs from the outside; main.ts wires the concrete pieces.
import type { CrmConnector } from '../crm/types.ts';
import type { LoadedConfig } from '../config/load.ts';
import type { Logger } from '../logger.ts';
import type { Metrics } from '../metrics/metrics.ts';
import type { CrmKind, Store } from '../store/types.ts';
import type { OwnerDirectoryCache } from './support/owner-directory.ts';

export interface PipelineOptions {
  /** Inbox rows claimed at once for one tenant: one transaction, ~15 ms of event loop per 250 rows (the loop also acknowledges webhooks). */
  claimLimit: number;
  /** Leads per CRM batch (HubSpot batch endpoints take 100 inputs: reference §6). */
  batchSize: number;
  /** Batches of one tenant in flight at once (keeps the rate limiter saturated in bursts). */
  batchConcurrency: number;
  /** A claimed row not completed within this time is claimed again (crash recovery). */
  leaseMs: number;
  /** Backoff for rows whose processing failed (CRM down longer than the client's retries). */
  retryBaseMs: number;
  retryMaxMs: number;
  /** After this many attempts a row is marked failed (kept, visible, replayable) instead of retried. */
  maxAttempts: number;
}

export const DEFAULT_PIPELINE_OPTIONS: PipelineOptions = {
  claimLimit: 250,
  batchSize: 100,
  batchConcurrency: 4,
  leaseMs: 5 * 60_000,
  retryBaseMs: 2_000,
  retryMaxMs: 10 * 60_000,
  maxAttempts: 50,
};

export interface PipelineDeps {
  store: Store;
  connectors: Partial<Record<CrmKind, CrmConnector>>;
  /**
   * The current config (a function so a reload or a published version takes effect on the
   * next batch): with a tenant, that tenant's active version, else the config file.
   */
  config: (tenant?: string) => LoadedConfig;
  owners: OwnerDirectoryCache;
  metrics?: Metrics;
  logger: Logger;
  now: () => number;
  worker: string;
  options: PipelineOptions;
}

export { crmOf } from '../crm/tenant-key.ts';
