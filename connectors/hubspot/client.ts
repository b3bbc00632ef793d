// The per-portal HubSpot client (CrmTenantClient). Every call goes through the tenant's
// scheduler (http.ts); the calls themselves live one concept per file.
import type { CrmTenantClient } from '../../src/crm/types.ts';
import type { TenantKey } from '../../src/store/types.ts';
import type { TenantScheduler } from '../../src/queue/types.ts';
import type { LeadRouterConfig } from '../../src/config/schema.ts';
import { createAssociationReadAhead } from './association-read-ahead.ts';
import { ASSOCIATION_BATCH_READ_MAX } from './associations.ts';
import { coalesceAssociationReads } from './coalesce-association-reads.ts';
import { createHubspotHttp } from './http.ts';
import { planHubspotProperties } from './mapping.ts';
import { readHubspotLeads } from './read-leads.ts';
import { writeHubspotLeads } from './write-leads.ts';
import { listHubspotOwners } from './owners.ts';
import { readCompanyContactIds, readEngagementContactIds } from './associations.ts';
import { ensureHubspotProperties } from './properties.ts';
import { listHubspotLeadIds } from './list-leads.ts';
import { createDealReader } from './read-deals.ts';
import { readHubspotFeedback } from './read-feedback.ts';

export interface HubspotClientOptions {
  tenant: TenantKey;
  /** API base URL: https://api.hubapi.com in production, the sandbox URL in tests/demo. */
  basePath: string;
  getAccessToken: () => Promise<string>;
  scheduler: TenantScheduler;
  /** The tenant's active config (its written properties, tiers and field mappings). */
  config: LeadRouterConfig;
  onCall?: (info: { path: string; status: number }) => void;
  /** See HubspotHttpOptions.onUnauthorized. */
  onUnauthorized?: () => Promise<void>;
  now?: () => number;
  /** Per-call timeout (default 30 s, http.ts). */
  timeoutMs?: number;
}

/** The tenant client, plus the engagement lookup (first touches) and deal reads (outcomes, backfill) the HubSpot interpreter uses. */
export type HubspotTenantClient = CrmTenantClient & Required<Pick<CrmTenantClient, 'engagementLeadIds' | 'readDeals' | 'listDeals' | 'readFeedback'>>;

export function createHubspotClient(opts: HubspotClientOptions): HubspotTenantClient {
  const now = opts.now ?? Date.now;
  // Association reads queued together share one call of up to 1,000 inputs.
  const http = coalesceAssociationReads(createHubspotHttp({
    basePath: opts.basePath,
    getAccessToken: opts.getAccessToken,
    scheduler: opts.scheduler,
    now,
    ...(opts.onCall ? { onCall: opts.onCall } : {}),
    ...(opts.onUnauthorized ? { onUnauthorized: opts.onUnauthorized } : {}),
    ...(opts.timeoutMs !== undefined ? { timeoutMs: opts.timeoutMs } : {}),
  }));
  const plan = planHubspotProperties(opts.config);
  const ensureProperties = () => ensureHubspotProperties(http, opts.config, plan, now);
  // A batch's association read also covers the next leads' (up to 1,000 per call).
  const ahead = createAssociationReadAhead(http, { now });
  return {
    tenant: opts.tenant,
    readLeads: (ids, next) => readHubspotLeads(http, opts.config, plan, ids, (contactIds) => ahead.primaryCompanies(contactIds, next?.() ?? [])),
    readAhead: { max: ASSOCIATION_BATCH_READ_MAX, forget: (ids) => ahead.forget(ids) },
    writeLeads: (updates) => writeHubspotLeads(http, plan, updates, ensureProperties),
    listOwners: () => listHubspotOwners(http),
    companyLeadIds: (companyIds) => readCompanyContactIds(http, companyIds),
    ensureProperties,
    listLeadIds: (o) => listHubspotLeadIds(http, o),
    engagementLeadIds: (objectType, ids) => readEngagementContactIds(http, objectType, ids),
    readFeedback: (ids) => readHubspotFeedback(http, ids),
    ...createDealReader(http, now),
  };
}
