// The per-company Pipedrive client behind CrmTenantClient. Every call goes through the tenant's
// scheduler (http.ts); the calls themselves live one concept per file and share one explicit
// per-client context (client-context.ts). Only v2 person/organization endpoints are used: the
// v1 ones are out of support since Aug 1, 2026 (§3.1). Users, webhooks and Leads-Inbox leads are
// v1-only (§3.1 "Still v1-only").
import type { Lead as PipedriveLead } from 'pipedrive/v1';
import type { LeadRouterConfig } from '../../src/config/schema.ts';
import type { TenantScheduler } from '../../src/queue/types.ts';
import type { CrmTenantClient, WrittenKey } from '../../src/crm/types.ts';
import { createPipedriveClientContext, pipedriveFieldPlan } from './client-context.ts';
import { createFieldCatalog } from './fields.ts';
import type { FieldPlan } from './field-plan.ts';
import { createPipedriveHttp, type PipedriveAuth, type PipedriveCallInfo } from './http.ts';
import { patchLeadOwner, readLeadEntity, updateLeadEntity } from './lead-entity-api.ts';
import { syncLeadOwners } from './lead-entities.ts';
import { listPipedriveLeadIds, readCompanyPersonIds } from './list-leads.ts';
import { listPipedriveDeals } from './list-deals.ts';
import { listPipedriveOwners } from './owners.ts';
import { ensurePipedriveProperties } from './properties.ts';
import { findFeedbackFields, type FeedbackFields } from './feedback-fields.ts';
import { readPipedriveLeads } from './read-leads.ts';
import { syncWebhooks, type WebhookRegistration, type WebhookSyncResult } from './webhooks.ts';
import { writePipedriveLeads } from './write-leads.ts';

export interface PipedriveClientOptions {
  tenant: string;
  /** https://<company>.pipedrive.com (OAuth: the token's api_domain). */
  apiBase: string;
  auth: PipedriveAuth;
  scheduler: TenantScheduler;
  config: LeadRouterConfig;
  onTokens?: (tokens: number) => void;
  onCall?: (info: PipedriveCallInfo) => void;
  /** Called with the written fields' hashes after ensureProperties (persist them, echo guard). */
  onFieldCodes?: (codes: Partial<Record<WrittenKey, string>>) => void | Promise<void>;
  fieldsTtlMs?: number;
  fetch?: typeof fetch;
  now?: () => number;
}

export interface PipedriveTenantClient extends CrmTenantClient {
  /** The config resolved against this company's fields (throws ConfigError for unknown names). */
  fieldPlan(): Promise<FieldPlan>;
  /** Hashes of lead-router's own fields known without I/O (echo guard). */
  ownFieldCodes(): Set<string>;
  /** Leads Inbox (§3.6): GET /v1/leads/{id}; null when it does not exist. */
  readLeadEntity(id: string): Promise<PipedriveLead | null>;
  /** PATCH /v1/leads/{id} (owner and label ids, §3.6). */
  updateLeadEntity(id: string, patch: { owner_id?: number; label_ids?: string[] }): Promise<PipedriveLead>;
  /** New Leads-Inbox leads take their person's owner once the person is routed (lead-entities.ts). */
  afterWrite: NonNullable<CrmTenantClient['afterWrite']>;
  /** The rep feedback fields as the (cached) catalog knows them; absent until created. */
  feedbackFields(): Promise<FeedbackFields>;
  registerWebhooks(reg: WebhookRegistration): Promise<WebhookSyncResult>;
  /** Same as registerWebhooks: re-creates subscriptions Pipedrive deleted (§1.4). */
  ensureWebhooks(reg: WebhookRegistration): Promise<WebhookSyncResult>;
}

export function createPipedriveClient(opts: PipedriveClientOptions): PipedriveTenantClient {
  const http = createPipedriveHttp(opts);
  const catalog = createFieldCatalog({ http, ttlMs: opts.fieldsTtlMs, now: opts.now });
  const ctx = createPipedriveClientContext({ http, catalog, config: opts.config, onFieldCodes: opts.onFieldCodes });
  return {
    tenant: opts.tenant,
    readLeads: (ids) => readPipedriveLeads(ctx, ids),
    writeLeads: (updates) => writePipedriveLeads(ctx, updates),
    listOwners: () => listPipedriveOwners(ctx),
    companyLeadIds: (companyIds) => readCompanyPersonIds(ctx, companyIds),
    ensureProperties: () => ensurePipedriveProperties(ctx),
    listLeadIds: (o) => listPipedriveLeadIds(ctx, o),
    listDeals: (o) => listPipedriveDeals(ctx, o, opts.now ?? Date.now),
    fieldPlan: () => pipedriveFieldPlan(ctx),
    ownFieldCodes: () => new Set(ctx.ownCodes),
    readLeadEntity: (id) => readLeadEntity(ctx, id),
    updateLeadEntity: (id, patch) => updateLeadEntity(ctx, id, patch),
    afterWrite: (persons) => syncLeadOwners((id, ownerId) => patchLeadOwner(ctx, id, ownerId), persons),
    feedbackFields: async () => findFeedbackFields(await catalog.get('person')),
    registerWebhooks: (reg) => syncWebhooks(http, reg),
    ensureWebhooks: (reg) => syncWebhooks(http, reg),
  };
}
