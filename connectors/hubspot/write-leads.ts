// writeLeads: contacts batch update, 100 inputs per call (reference §6). 200 = every row
// written; 207 = partial failure, reported per row from errors[].context.ids (§5: "Handle
// 207 per row"; only the failed rows are retried). A write refused because a written property
// or priority option is missing (new tier names after a tenant publishes a config) creates the
// properties (ensureProperties, idempotent) and is sent again once.
import type { LeadUpdate, WriteResult, WrittenKey } from '../../src/crm/types.ts';
import type { HubspotHttp, HubspotResponse } from './http.ts';
import { toHubspotCrmError } from './errors.ts';
import { chunk } from './associations.ts';
import { LEAD_STATUS_PROPERTY, LIFECYCLE_PROPERTY, OWNER_PROPERTY, priorityOptionValue, type HubspotPropertyPlan } from './mapping.ts';
import { addToHubspotLists } from './list-memberships.ts';
import { OBJECT_BATCH_MAX } from './read-leads.ts';
import { feedbackPropertyValues, HUBSPOT_FEEDBACK_PROPERTIES } from './feedback-properties.ts';

interface BatchError {
  category?: string;
  subCategory?: string;
  message?: string;
  context?: Record<string, unknown>;
}

interface BatchUpdateResponse {
  results?: { id?: string | number }[];
  errors?: BatchError[];
}

/** Rows that fail for these reasons fail again unchanged (bad value, unknown record or property). */
const PERMANENT = /VALIDATION|INVALID|NOT_FOUND|DOESNT_EXIST|DUPLICATE|CONFLICT|MISSING_SCOPES/i;

/** HubSpot property values for one update (changed values only, plus the owner). */
export function toHubspotProperties(plan: HubspotPropertyPlan, u: LeadUpdate): Record<string, string> {
  const props: Record<string, string> = {};
  for (const [key, value] of Object.entries(u.values) as [WrittenKey, string | number | undefined][]) {
    const property = plan.written[key];
    if (value === undefined || property === undefined) continue;
    // Enumerations take option values, not labels (§6); priority options are lowercase names.
    props[property] = key === 'priority' ? priorityOptionValue(String(value)) : String(value);
  }
  if (u.ownerId) props[OWNER_PROPERTY] = u.ownerId;
  if (u.nurture?.lifecycleStage) props[LIFECYCLE_PROPERTY] = u.nurture.lifecycleStage;
  if (u.nurture?.leadStatus) props[LEAD_STATUS_PROPERTY] = u.nurture.leadStatus;
  if (u.feedback) Object.assign(props, feedbackPropertyValues(u.feedback));
  return props;
}

function idsOf(e: BatchError): string[] {
  const raw = e.context?.ids ?? e.context?.id ?? [];
  return (Array.isArray(raw) ? raw : [raw]).map(String);
}

function failure(e: BatchError): Omit<WriteResult, 'id'> {
  const category = [e.category, e.subCategory].filter(Boolean).join('/');
  const retryable = !PERMANENT.test(`${e.category ?? ''} ${e.subCategory ?? ''}`);
  return { ok: false, retryable, error: `${category ? `${category}: ` : ''}${e.message ?? 'batch update failed for this record'}` };
}

function rowResults(ids: string[], body: BatchUpdateResponse | null): WriteResult[] {
  const failed = new Map<string, Omit<WriteResult, 'id'>>();
  let unattributed: Omit<WriteResult, 'id'> | null = null;
  for (const e of body?.errors ?? []) {
    const forRows = idsOf(e);
    if (forRows.length === 0) unattributed ??= failure(e);
    for (const id of forRows) if (!failed.has(id)) failed.set(id, failure(e));
  }
  const written = new Set((body?.results ?? []).map((r) => String(r.id)));
  return ids.map((id) => {
    const f = failed.get(id);
    if (f) return { id, ...f };
    // An error HubSpot did not tie to a row: only rows it reported as written are known good.
    if (unattributed && !written.has(id)) return { id, ...unattributed };
    return { id, ok: true };
  });
}

/** Does this error say one of our written properties, or one of its options, is missing? */
function lacksOwnProperty(error: unknown, plan: HubspotPropertyPlan): boolean {
  const text = JSON.stringify(error ?? null);
  return /INVALID_OPTION|PROPERTY_DOESNT_EXIST/.test(text) && [...Object.values(plan.written), ...HUBSPOT_FEEDBACK_PROPERTIES].some((name) => text.includes(name));
}

type Input = { id: string; properties: Record<string, string> };

async function send(http: HubspotHttp, part: Input[]): Promise<HubspotResponse<BatchUpdateResponse>> {
  return http.call<BatchUpdateResponse>({ method: 'POST', path: '/crm/v3/objects/contacts/batch/update', body: { inputs: part }, accept: [400] });
}

/** Rows (or the whole batch, 400) refused for a missing property / option: ensure, then once more. */
async function writePart(http: HubspotHttp, plan: HubspotPropertyPlan, part: Input[], ensure: (() => Promise<void>) | undefined): Promise<WriteResult[]> {
  let res = await send(http, part);
  const refusedAll = res.status === 400;
  const lacking = refusedAll ? lacksOwnProperty(res.body, plan) : (res.body?.errors ?? []).some((e) => lacksOwnProperty(e, plan));
  if (ensure && lacking) {
    await ensure();
    const again = refusedAll ? part : part.filter((p) => (res.body?.errors ?? []).some((e) => idsOf(e).includes(p.id) && lacksOwnProperty(e, plan)));
    const first = refusedAll ? [] : rowResults(part.map((p) => p.id), res.body);
    res = await send(http, again);
    if (res.status === 400) throw toHubspotCrmError(res, 'POST /crm/v3/objects/contacts/batch/update', Date.now());
    const retried = new Map(rowResults(again.map((p) => p.id), res.body).map((r) => [r.id, r]));
    return refusedAll ? [...retried.values()] : first.map((r) => retried.get(r.id) ?? r);
  }
  if (refusedAll) throw toHubspotCrmError(res, 'POST /crm/v3/objects/contacts/batch/update', Date.now());
  // 200 carries no errors[]: every row is ok. 207 lists the failed rows.
  return rowResults(part.map((p) => p.id), res.body);
}

/** `ensure` creates lead-router's properties and priority options (properties.ts). */
export async function writeHubspotLeads(http: HubspotHttp, plan: HubspotPropertyPlan, updates: LeadUpdate[], ensure?: () => Promise<void>): Promise<WriteResult[]> {
  // HubSpot rejects a whole batch that names an id twice: merge duplicates (later values win).
  const merged = new Map<string, Record<string, string>>();
  for (const u of updates) merged.set(u.id, { ...merged.get(u.id), ...toHubspotProperties(plan, u) });
  const results = new Map<string, WriteResult>();
  const inputs: Input[] = [];
  for (const [id, properties] of merged) {
    if (Object.keys(properties).length === 0) results.set(id, { id, ok: true }); // nothing changed: no call
    else inputs.push({ id, properties });
  }
  for (const part of chunk(inputs, OBJECT_BATCH_MAX)) {
    for (const r of await writePart(http, plan, part, ensure)) results.set(r.id, r);
  }
  // Static-list memberships of nurtured contacts, for the rows whose properties were written.
  for (const r of await addToHubspotLists(http, updates.filter((u) => u.nurture?.listId && results.get(u.id)?.ok))) results.set(r.id, r);
  // One result per distinct id, in the order the updates came in.
  return [...new Set(updates.map((u) => u.id))].map((id) => results.get(id) as WriteResult);
}
