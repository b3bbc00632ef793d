// "lead.<property>" reads (field-plan.ts): where the person came from, from its first Leads-Inbox
// lead. API v2 persons carry no source of their own (SDK v2 Person: no origin / channel); leads
// and deals do (changelog 2024-05-20, pipedrive.md §3.6): `source_name` (the lead source:
// "Manually created", "API", "Web forms", "Leadbooster", "Import", ...; GET /v1/leadSources),
// `origin` (how it was created: "ManuallyCreated", "API", ...) and `origin_id`, all set by
// Pipedrive when the lead is created and never changed. Leads are v1-only (§3.1). Per person one
// GET /v1/leads?person_id=&sort=add_time ASC&limit=1; a person without an open lead also asks
// /v1/leads/archived (archived leads are not listed since Jul 15, 2025); neither: null. A v1
// list costs 20 tokens (§4) and counts against the 2-second burst window, so only configs that
// name a lead.* field make these calls, and a person's first lead, once found, is kept for the
// client's life (at most FIRST_LEADS_KEPT persons): a person without one is asked again on
// every read, since a lead may come later.
import type { Lead } from 'pipedrive/v1';
import type { FieldValue } from '../../src/engine/types.ts';
import type { PipedriveClientContext } from './client-context.ts';
import type { LeadProperty } from './field-plan.ts';

async function firstLead(ctx: PipedriveClientContext, path: string, personId: string): Promise<Lead | null> {
  const page = await ctx.http.request<Lead[] | null>({ method: 'GET', path, op: 'list', query: { person_id: personId, sort: 'add_time ASC', limit: 1 } });
  return page.data?.[0] ?? null;
}

/** Persons whose first lead the client keeps (oldest dropped first). */
export const FIRST_LEADS_KEPT = 10_000;

/** Person id -> its earliest Leads-Inbox lead (open first, else archived); absent: none. */
export async function readFirstLeads(ctx: PipedriveClientContext, personIds: string[]): Promise<Map<string, Lead>> {
  const out = new Map<string, Lead>();
  const kept = ctx.firstLeads;
  await Promise.all(
    personIds.map(async (id) => {
      const lead = kept.get(id) ?? (await firstLead(ctx, '/v1/leads', id)) ?? (await firstLead(ctx, '/v1/leads/archived', id));
      if (!lead) return;
      out.set(id, lead);
      if (kept.has(id)) return;
      kept.set(id, lead);
      if (kept.size > FIRST_LEADS_KEPT) kept.delete(kept.keys().next().value!);
    }),
  );
  return out;
}

/** A lead property as a field value: a non-empty string, else null. */
export function leadValue(lead: Lead | undefined, key: LeadProperty): FieldValue {
  const v = lead?.[key];
  return typeof v === 'string' && v.trim() !== '' ? v : null;
}
