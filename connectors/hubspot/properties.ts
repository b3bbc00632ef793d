// ensureProperties: the "lead_router" contact property group and the properties lead-router
// writes (reference §6 "Properties", checklist 9). Idempotent: 409 / "already exists" = done.
// The priority enumeration's options follow config.tiers.priority, so an existing property
// gets its options updated (PATCH) when the tiers change. The rep feedback enumeration and note
// (feedback-properties.ts) are created with them; a feedback option added later is PATCHed in.
import type { LeadRouterConfig } from '../../src/config/schema.ts';
import type { WrittenKey } from '../../src/crm/types.ts';
import type { HubspotHttp, HubspotResponse } from './http.ts';
import { toHubspotCrmError } from './errors.ts';
import { priorityOptionValue, type HubspotPropertyPlan } from './mapping.ts';
import { hubspotFeedbackDefinitions } from './feedback-properties.ts';

export const PROPERTY_GROUP = { name: 'lead_router', label: 'Lead Router' } as const;

interface PropertyDefinition {
  name: string;
  label: string;
  type: string;
  fieldType: string;
  groupName: string;
  description: string;
  options?: { label: string; value: string; displayOrder: number; hidden: boolean }[];
}

const SPECS: Record<WrittenKey, { label: string; type: string; fieldType: string; description: string }> = {
  score: { label: 'Lead Router score', type: 'number', fieldType: 'number', description: 'Total lead score (fit + engagement) computed by lead-router.' },
  fit: { label: 'Lead Router fit score', type: 'number', fieldType: 'number', description: 'Firmographic (fit) score computed by lead-router.' },
  engagement: { label: 'Lead Router engagement score', type: 'number', fieldType: 'number', description: 'Behavioural (engagement) score computed by lead-router.' },
  priority: { label: 'Lead Router priority', type: 'enumeration', fieldType: 'select', description: 'Priority tier from lead-router (config tiers.priority).' },
  grade: { label: 'Lead Router grade', type: 'string', fieldType: 'text', description: 'Fit letter x engagement digit grade, e.g. A1.' },
  reasons: { label: 'Lead Router reasons', type: 'string', fieldType: 'textarea', description: 'Why lead-router scored and routed this lead.' },
  winProbability: { label: 'Lead Router win probability', type: 'number', fieldType: 'number', description: 'Win probability (%) from the predictive model lead-router fits on outcomes (scoring.predictive).' },
};

/** The property definitions lead-router needs, named per config.writeBack.properties. */
export function hubspotPropertyDefinitions(config: LeadRouterConfig, plan: HubspotPropertyPlan): PropertyDefinition[] {
  return (Object.entries(plan.written) as [WrittenKey, string][]).map(([key, name]) => {
    const def: PropertyDefinition = { name, groupName: PROPERTY_GROUP.name, ...SPECS[key] };
    if (key === 'priority') {
      def.options = config.tiers.priority.map((t, i) => ({
        label: String(t.name),
        value: priorityOptionValue(String(t.name)),
        displayOrder: i,
        hidden: false,
      }));
    }
    return def;
  });
}

/** 409 Conflict, or a 400 whose message says the thing already exists. */
function alreadyExists(res: HubspotResponse): boolean {
  if (res.status === 409) return true;
  const message = (res.body as { message?: unknown } | null)?.message;
  return res.status === 400 && typeof message === 'string' && /already exists/i.test(message);
}

type PropertyOption = NonNullable<PropertyDefinition['options']>[number];

/**
 * The options an existing enumeration should have: the wanted ones (tiers, feedback kinds), plus options no
 * longer configured kept but hidden (records may still hold those values). Null = no change.
 */
export function reconcileOptions(wanted: PropertyOption[], existing: Partial<PropertyOption>[]): PropertyOption[] | null {
  const values = new Set(wanted.map((o) => o.value));
  const kept = existing
    .filter((o): o is Partial<PropertyOption> & { value: string } => typeof o.value === 'string' && !values.has(o.value))
    .map((o, i) => ({ label: o.label ?? o.value, value: o.value, displayOrder: wanted.length + i, hidden: true }));
  const next = [...wanted, ...kept];
  const same =
    next.length === existing.length &&
    next.every((o) => existing.some((e) => e.value === o.value && e.label === o.label && Boolean(e.hidden) === o.hidden));
  return same ? null : next;
}

async function create(http: HubspotHttp, path: string, body: unknown, now: () => number): Promise<'created' | 'exists'> {
  const res = await http.call({ method: 'POST', path, body, accept: [400, 409] });
  if (alreadyExists(res)) return 'exists';
  if (res.status === 400) throw toHubspotCrmError(res, `POST ${path}`, now());
  return 'created';
}

interface PropertiesBatchBody {
  results?: { name?: string; options?: Partial<PropertyOption>[] }[];
  errors?: { message?: string; category?: string; context?: { name?: string[] } }[];
}

/**
 * The group, then one batch read of lead-router's properties, one batch create of the missing
 * ones, and a PATCH only for an enumeration whose options differ: 2-3 calls on a fresh portal
 * or an unchanged one (one call per property before; setup counts against the burst's budget).
 */
export async function ensureHubspotProperties(
  http: HubspotHttp,
  config: LeadRouterConfig,
  plan: HubspotPropertyPlan,
  now: () => number = Date.now,
): Promise<void> {
  await create(http, '/crm/v3/properties/contacts/groups', PROPERTY_GROUP, now);
  const wanted = [...hubspotPropertyDefinitions(config, plan), ...hubspotFeedbackDefinitions(PROPERTY_GROUP.name)];
  const read = await http.call<PropertiesBatchBody>({
    method: 'POST',
    path: '/crm/v3/properties/contacts/batch/read',
    body: { archived: false, inputs: wanted.map((d) => ({ name: d.name })) },
  });
  const existing = new Map((read.body?.results ?? []).filter((p) => typeof p.name === 'string').map((p) => [p.name!, p]));
  const missing = wanted.filter((d) => !existing.has(d.name));
  if (missing.length) {
    const path = '/crm/v3/properties/contacts/batch/create';
    const res = await http.call<PropertiesBatchBody>({ method: 'POST', path, body: { inputs: missing }, accept: [400, 409] });
    // Created meanwhile by another process (or archived under that name): already exists = done.
    // A whole batch refused for a name that exists: create the others one at a time (409 = done).
    if (res.status === 400 || res.status === 409) {
      if (!alreadyExists(res)) throw toHubspotCrmError(res, `POST ${path}`, now());
      for (const def of missing) await create(http, '/crm/v3/properties/contacts', def, now);
    } else {
      const bad = (res.body?.errors ?? []).find((e) => e.category !== 'OBJECT_ALREADY_EXISTS' && !/already exists/i.test(e.message ?? ''));
      if (bad) throw toHubspotCrmError({ ...res, status: 400, body: bad }, `POST ${path} (207 error row)`, now());
    }
  }
  for (const def of wanted) {
    const current = existing.get(def.name);
    if (!current || !def.options) continue;
    // Keep an existing enumeration's options in step with the configured tiers / feedback kinds.
    const options = reconcileOptions(def.options, current.options ?? []);
    if (options) await http.call({ method: 'PATCH', path: `/crm/v3/properties/contacts/${encodeURIComponent(def.name)}`, body: { options } });
  }
}
