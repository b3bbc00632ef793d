// The per-company Pipedrive client behind CrmTenantClient. Persons are leads; reads batch up to
// 100 ids per call (§3.5), writes are one PATCH per person (no bulk update exists, §3.5), all
// through the tenant's scheduler (http.ts). Only v2 person/organization endpoints are used: the
// v1 ones are out of support since Aug 1, 2026 (§3.1). Users, webhooks and Leads-Inbox leads are
// v1-only (§3.1 "Still v1-only").
import type { Lead as PipedriveLead } from 'pipedrive/v1';
import type { LeadRouterConfig } from '../../src/config/schema.ts';
import type { TenantScheduler } from '../../src/queue/types.ts';
import type { CrmLeadSnapshot, CrmOwner, CrmTenantClient, LeadUpdate, WriteResult, WrittenKey } from '../../src/crm/types.ts';
import { CrmError } from '../../src/errors.ts';
import { encodeCustomFieldValue, findOptionId } from './custom-field-value.ts';
import { createFieldCatalog } from './fields.ts';
import { ownFieldCodes, resolveFieldPlan, resolveWriteFields, type FieldPlan } from './field-plan.ts';
import { createPipedriveHttp, type PipedriveAuth, type PipedriveCallInfo } from './http.ts';
import { toLeadSnapshot } from './lead-snapshot.ts';
import { syncLeadOwners } from './lead-entities.ts';
import { intakeOwnerIds, type PipedriveUserRow } from './intake-owner.ts';
import { ensurePersonFields } from './properties.ts';
import { toRfc3339 } from './time.ts';
import type { PipedriveRecord } from './types.ts';
import { syncWebhooks, type WebhookRegistration, type WebhookSyncResult } from './webhooks.ts';

/** `ids=` takes up to 100 ids (§3.2); list pages go up to 500 (§3.2 `limit`). */
const IDS_PER_CALL = 100;
const PAGE_LIMIT = 500;

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
  onFieldCodes?: (codes: Record<WrittenKey, string>) => void | Promise<void>;
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
  registerWebhooks(reg: WebhookRegistration): Promise<WebhookSyncResult>;
  /** Same as registerWebhooks: re-creates subscriptions Pipedrive deleted (§1.4). */
  ensureWebhooks(reg: WebhookRegistration): Promise<WebhookSyncResult>;
}

const chunk = <T>(xs: T[], n: number): T[][] => Array.from({ length: Math.ceil(xs.length / n) }, (_, i) => xs.slice(i * n, i * n + n));
const isId = (id: string) => /^\d+$/.test(id);

export function createPipedriveClient(opts: PipedriveClientOptions): PipedriveTenantClient {
  const http = createPipedriveHttp(opts);
  const catalog = createFieldCatalog({ http, ttlMs: opts.fieldsTtlMs, now: opts.now });
  const { config } = opts;
  const readsOrgFields = Object.values(config.fields).some((s) => /^org\./i.test(typeof s === 'string' ? s : (s.pipedrive ?? '')));
  /** lead-router's own field hashes as last seen (outlives the catalog TTL: hashes never change). */
  const ownCodes = new Set<string>();
  /** Owner ids that read as "unassigned" (intake-owner.ts); learnt from every GET /v1/users. */
  let intake: Set<string> | null = null;
  let intakeLoad: Promise<unknown> | null = null;

  async function fieldPlan(): Promise<FieldPlan> {
    const [person, org] = await Promise.all([catalog.get('person'), readsOrgFields ? catalog.get('organization') : Promise.resolve([])]);
    const plan = resolveFieldPlan(config, person, org);
    for (const code of ownFieldCodes(plan)) ownCodes.add(code);
    return plan;
  }

  async function listByIds(path: string, ids: string[], customKeys: string[] | null, include: string[] = []): Promise<PipedriveRecord[]> {
    const pages = await Promise.all(
      chunk(ids, IDS_PER_CALL).map((part) =>
        http.request<PipedriveRecord[] | null>({
          method: 'GET',
          path,
          op: 'list',
          query: { ids: part.join(','), custom_fields: customKeys?.join(','), include_fields: include.join(',') || undefined },
        }),
      ),
    );
    return pages.flatMap((p) => p.data ?? []).filter((r) => !r.is_deleted);
  }

  async function readLeads(ids: string[]): Promise<Map<string, CrmLeadSnapshot>> {
    const out = new Map<string, CrmLeadSnapshot>();
    const wanted = [...new Set(ids)].filter(isId);
    if (!wanted.length) return out;
    const plan = await fieldPlan();
    const persons = await listByIds('/api/v2/persons', wanted, plan.customKeys.person, plan.personIncludeFields);
    const orgIds = [...new Set(persons.map((p) => p.org_id).filter((id): id is number => typeof id === 'number'))].map(String);
    const orgs = orgIds.length ? await listByIds('/api/v2/organizations', orgIds, plan.customKeys.organization) : [];
    const orgById = new Map(orgs.map((o) => [o.id, o]));
    if (intake === null) await (intakeLoad ??= listOwners().finally(() => (intakeLoad = null))); // once per client
    for (const p of persons) out.set(String(p.id), toLeadSnapshot(p, p.org_id == null ? undefined : orgById.get(p.org_id), plan, intake ?? new Set()));
    return out;
  }

  async function ensureProperties(): Promise<void> {
    const { codes } = await ensurePersonFields(http, catalog, config);
    for (const code of Object.values(codes)) ownCodes.add(code);
    await opts.onFieldCodes?.(codes);
  }

  async function writeFields(): Promise<FieldPlan['writes']> {
    const writes = resolveWriteFields(config, await catalog.get('person'));
    for (const f of Object.values(writes)) ownCodes.add(f.field_code);
    return writes;
  }

  /** The write fields, after creating fields / tier options the updates need but the company lacks. */
  async function writePlan(updates: LeadUpdate[]): Promise<FieldPlan['writes']> {
    const writes = await writeFields();
    const needs = new Set(updates.flatMap((u) => Object.keys(u.values) as WrittenKey[]));
    const priorities = updates.map((u) => u.values.priority).filter((v) => v !== undefined);
    const priority = writes.priority;
    const lacking =
      [...needs].some((k) => !writes[k]) ||
      (priority?.field_type === 'enum' && priorities.some((p) => findOptionId(priority, String(p)) === undefined));
    if (!lacking) return writes;
    await ensureProperties();
    return writeFields();
  }

  function patchBody(u: LeadUpdate, writes: FieldPlan['writes']): Record<string, unknown> {
    const body: Record<string, unknown> = {};
    if (u.ownerId !== undefined) body.owner_id = Number(u.ownerId);
    const custom: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(u.values) as [WrittenKey, string | number][]) {
      const field = writes[key];
      if (!field) throw new Error(`Pipedrive person field "${config.writeBack.properties[key]}" (writeBack.properties.${key}) does not exist`);
      custom[field.field_code] = encodeCustomFieldValue(value, field);
    }
    if (Object.keys(custom).length) body.custom_fields = custom;
    return body;
  }

  async function writeOne(u: LeadUpdate, writes: FieldPlan['writes']): Promise<WriteResult> {
    if (!isId(u.id)) return { id: u.id, ok: false, retryable: false, error: `"${u.id}" is not a Pipedrive person id` };
    let body: Record<string, unknown>;
    try {
      body = patchBody(u, writes);
    } catch (err) {
      return { id: u.id, ok: false, retryable: false, error: (err as Error).message };
    }
    if (!Object.keys(body).length) return { id: u.id, ok: true };
    try {
      await http.request({ method: 'PATCH', path: `/api/v2/persons/${u.id}`, body, op: 'update' });
      return { id: u.id, ok: true };
    } catch (err) {
      if (!(err instanceof CrmError)) throw err;
      if (err.crmStatus === 404) return { id: u.id, ok: false, retryable: false, error: `person ${u.id} not found (deleted or merged)` };
      return { id: u.id, ok: false, retryable: err.retryable, error: err.message };
    }
  }

  async function writeLeads(updates: LeadUpdate[]): Promise<WriteResult[]> {
    if (!updates.length) return [];
    const writes = await writePlan(updates);
    return Promise.all(updates.map((u) => writeOne(u, writes)));
  }

  async function listOwners(): Promise<CrmOwner[]> {
    const res = await http.request<(PipedriveUserRow & { name?: string; active_flag?: boolean; is_deleted?: boolean })[] | null>({
      method: 'GET',
      path: '/v1/users',
      op: 'list',
    });
    intake = intakeOwnerIds(res.data ?? [], config);
    return (res.data ?? []).map((u) => ({
      id: String(u.id),
      email: u.email ?? '',
      active: u.active_flag !== false && u.is_deleted !== true,
      ...(u.name ? { name: u.name } : {}),
    }));
  }

  /** Pipedrive has no batch association read: one paged list per organization (§3.2). */
  async function companyLeadIds(companyIds: string[]): Promise<string[]> {
    const all = new Set<string>();
    for (const companyId of companyIds) for (const id of await orgPersonIds(companyId)) all.add(id);
    return [...all];
  }

  async function orgPersonIds(companyId: string): Promise<string[]> {
    if (!isId(companyId)) return [];
    const ids: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await http.request<PipedriveRecord[] | null>({
        method: 'GET',
        path: '/api/v2/persons',
        op: 'list',
        query: { org_id: companyId, limit: PAGE_LIMIT, cursor },
      });
      ids.push(...(page.data ?? []).map((p) => String(p.id)));
      cursor = page.additional_data?.next_cursor ?? undefined;
    } while (cursor);
    return ids;
  }

  async function listLeadIds(o: { cursor: string | null; since?: number; limit: number }) {
    // With `since`, newest changes in update_time order (reconciliation, "must do" 3); without,
    // id order, which stays stable while lead-router's own writes move update_time.
    const page = await http.request<PipedriveRecord[] | null>({
      method: 'GET',
      path: '/api/v2/persons',
      op: 'list',
      query: {
        updated_since: o.since === undefined ? undefined : toRfc3339(o.since),
        sort_by: o.since === undefined ? 'id' : 'update_time',
        limit: Math.min(Math.max(1, o.limit), PAGE_LIMIT),
        cursor: o.cursor ?? undefined,
      },
    });
    return { ids: (page.data ?? []).map((p) => String(p.id)), next: page.additional_data?.next_cursor ?? null };
  }

  async function readLeadEntity(id: string): Promise<PipedriveLead | null> {
    try {
      return (await http.request<PipedriveLead>({ method: 'GET', path: `/v1/leads/${encodeURIComponent(id)}`, op: 'get' })).data;
    } catch (err) {
      if (err instanceof CrmError && err.crmStatus === 404) return null;
      throw err;
    }
  }

  async function updateLeadEntity(id: string, patch: { owner_id?: number; label_ids?: string[] }): Promise<PipedriveLead> {
    return (await http.request<PipedriveLead>({ method: 'PATCH', path: `/v1/leads/${encodeURIComponent(id)}`, body: patch, op: 'update' })).data;
  }


  return {
    tenant: opts.tenant,
    readLeads,
    writeLeads,
    listOwners,
    companyLeadIds,
    ensureProperties,
    listLeadIds,
    fieldPlan,
    ownFieldCodes: () => new Set(ownCodes),
    readLeadEntity,
    updateLeadEntity,
    afterWrite: (persons) => syncLeadOwners((id, ownerId) => updateLeadEntity(id, { owner_id: ownerId }), persons),
    registerWebhooks: (reg) => syncWebhooks(http, reg),
    ensureWebhooks: (reg) => syncWebhooks(http, reg),
  };
}
