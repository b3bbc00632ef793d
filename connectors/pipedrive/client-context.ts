// The per-client state the Pipedrive client's calls share (client.ts builds one per company):
// the tenant's scheduled http, its field catalog (custom-field hashes differ per company, §3.3),
// the config, lead-router's own field hashes and the intake owner ids. Passed explicitly to the
// one-concept-per-file calls (read-leads.ts, write-leads.ts, owners.ts, ...); no module state.
import type { Lead } from 'pipedrive/v1';
import type { LeadRouterConfig } from '../../src/config/schema.ts';
import type { WrittenKey } from '../../src/crm/types.ts';
import type { FieldCatalog } from './fields.ts';
import { ownFieldCodes, resolveFieldPlan, type FieldPlan } from './field-plan.ts';
import type { PipedriveHttp } from './http.ts';

export interface PipedriveClientContext {
  readonly http: PipedriveHttp;
  readonly catalog: FieldCatalog;
  readonly config: LeadRouterConfig;
  /** Whether any config field reads the person's organization ("org.<name>"). */
  readonly readsOrgFields: boolean;
  /** lead-router's own field hashes as last seen (outlives the catalog TTL: hashes never change). */
  readonly ownCodes: Set<string>;
  /** Owner ids that read as "unassigned" (intake-owner.ts); learnt from every GET /v1/users (owners.ts). */
  intake: Set<string> | null;
  /** The in-flight first GET /v1/users of readLeads (single-flight, owners.ts). */
  intakeLoad: Promise<unknown> | null;
  /** Person id -> where its first Leads-Inbox lead came from, once found (person-lead.ts; fixed by Pipedrive). */
  readonly firstLeads: Map<string, Lead>;
  /** Called with the written fields' hashes after ensureProperties (persist them, echo guard). */
  readonly onFieldCodes?: (codes: Partial<Record<WrittenKey, string>>) => void | Promise<void>;
}

export function createPipedriveClientContext(o: {
  http: PipedriveHttp;
  catalog: FieldCatalog;
  config: LeadRouterConfig;
  onFieldCodes?: (codes: Partial<Record<WrittenKey, string>>) => void | Promise<void>;
}): PipedriveClientContext {
  const readsOrgFields = Object.values(o.config.fields).some((s) => /^org\./i.test(typeof s === 'string' ? s : (s.pipedrive ?? '')));
  return {
    http: o.http,
    catalog: o.catalog,
    config: o.config,
    readsOrgFields,
    ownCodes: new Set<string>(),
    intake: null,
    intakeLoad: null,
    firstLeads: new Map(),
    onFieldCodes: o.onFieldCodes,
  };
}

/** Person (and org) v2 ids are numeric. */
export const isId = (id: string) => /^\d+$/.test(id);

/** The config resolved against this company's fields; remembers lead-router's own field hashes. */
export async function pipedriveFieldPlan(ctx: PipedriveClientContext): Promise<FieldPlan> {
  const [person, org] = await Promise.all([ctx.catalog.get('person'), ctx.readsOrgFields ? ctx.catalog.get('organization') : Promise.resolve([])]);
  const plan = resolveFieldPlan(ctx.config, person, org);
  for (const code of ownFieldCodes(plan)) ctx.ownCodes.add(code);
  return plan;
}
