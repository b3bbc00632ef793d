// One claimed chunk of inbox rows: what it means (the CRM connector's interpret() for CRM events, and
// lead-router's own rows: SLA breaches, backfill, company fan-out) and its lifecycle effects
// (purge, merge, first touch, ledger, company fan-out), applied before any of its leads is
// rescored. All idempotent, so a replay is safe.
import type { Interpretation } from '../crm/interpret.ts';
import { emptyInterpretation } from '../crm/interpret.ts';
import type { CrmTenantClient } from '../crm/types.ts';
import type { InboxRow } from '../store/types.ts';
import { crmOf, type PipelineDeps } from './deps.ts';
import { INTERNAL_SOURCE } from './support/internal-source.ts';
import { readSlaBreach, type SlaBreach } from './support/sla-breach.ts';
import { recordOutcomes } from '../outcomes/record-outcomes.ts';
import { applyCrmTruth, closingReason } from '../outcomes/apply-crm-truth.ts';
import type { OpenLeadsConfig } from '../config/schema-open-leads.ts';

export interface ChunkMeaning {
  interp: Interpretation;
  breaches: Map<string, SlaBreach>;
}

export async function interpretChunk(deps: PipelineDeps, client: CrmTenantClient, rows: InboxRow[]): Promise<ChunkMeaning> {
  const internal = rows.filter((r) => r.source === INTERNAL_SOURCE);
  const external = rows.filter((r) => r.source !== INTERNAL_SOURCE);
  const interp = external.length ? await deps.connectors[crmOf(client.tenant)]!.interpret(external, client) : emptyInterpretation();
  const breaches = new Map<string, SlaBreach>();
  for (const r of internal) {
    interp.rescore.add(r.objectId);
    if (r.kind === 'sla.breach') breaches.set(r.objectId, readSlaBreach(r.payload));
  }
  return { interp, breaches };
}

/**
 * Effects on a lead's stored routing state: they must not overlap a batch rescoring that lead.
 * Lead statuses count only when the tenant's openLeads config closes on them (HubSpot sets a
 * lifecycle stage on most new contacts: waiting for those would serialize bursts for nothing).
 */
export function changesLeadState(interp: Interpretation, openLeads?: OpenLeadsConfig): boolean {
  if (interp.purge.size > 0 || interp.merges.length > 0 || interp.touches.length > 0 || interp.ownerChanges.length > 0) return true;
  return openLeads !== undefined && interp.statuses.some((st) => closingReason(st, openLeads.closeWhen) !== null);
}

/** Purge, merge, first touch, ledger, outcomes, company fan-out; updates interp.rescore accordingly. */
export async function applyLifecycle(deps: PipelineDeps, client: CrmTenantClient, interp: Interpretation, now: number): Promise<void> {
  const { store } = deps;
  const tenant = client.tenant;
  for (const id of interp.purge) {
    await store.purgeLead(tenant, id);
    interp.rescore.delete(id);
  }
  for (const m of interp.merges) {
    await store.rekeyLead(tenant, m.from, m.to);
    interp.rescore.delete(m.from);
    interp.rescore.add(m.to);
  }
  for (const t of interp.touches) {
    if (await store.recordFirstTouch(tenant, t.leadId, t.at)) await store.cancelTimers(tenant, t.leadId, 'sla');
  }
  const byLead = new Map<string, typeof interp.behaviour>();
  for (const b of interp.behaviour) {
    const list = byLead.get(b.leadId) ?? [];
    list.push(b);
    byLead.set(b.leadId, list);
    interp.rescore.add(b.leadId);
  }
  for (const [leadId, list] of byLead) await store.appendEngagement(tenant, leadId, list.map((b) => b.event));
  // Deals: outcomes of their leads (attributed to each lead's recorded decision).
  // A lead purged in this very chunk keeps nothing, not even its deals.
  const outcomes = interp.outcomes.map((o) => ({ ...o, leadIds: o.leadIds.filter((id) => !interp.purge.has(id)) }));
  if (outcomes.length) await recordOutcomes(store, tenant, outcomes);
  // Open leads are the CRM's truth: owner changes made there, leads worked out (openLeads config).
  const live = <T extends { leadId: string }>(list: T[]) => list.filter((x) => !interp.purge.has(x.leadId));
  const ownerChanges = live(interp.ownerChanges);
  const statuses = live(interp.statuses);
  if (ownerChanges.length || statuses.length || outcomes.length) {
    const dir = ownerChanges.length ? await deps.owners.get(client) : null;
    const truth = await applyCrmTruth(store, tenant, { ownerChanges, statuses, outcomes }, deps.config(tenant).config.openLeads, (id) => dir?.emailOf(id) ?? null);
    if (truth.owners.reassigned || Object.keys(truth.ended).length) deps.logger.info('open leads follow the CRM', { tenant, reassigned: truth.owners.reassigned, ended: truth.ended });
  }

  // Company / organization changes fan out as durable per-lead inbox rows.
  if (interp.companies.size) {
    const companies = [...interp.companies];
    const leadIds = await client.companyLeadIds(companies);
    await store.inboxAppend(
      leadIds.map((id) => ({
        tenant,
        source: INTERNAL_SOURCE,
        dedupeKey: `company:${id}:${now}`,
        kind: 'lead.rescore',
        objectId: id,
        occurredAt: now,
        payload: { reason: 'company change', companies: companies.length },
      })),
      now,
    );
  }
}

/** Rows about a lead to rescore settle with that lead; the rest ("other") once the chunk's leads did. */
export function groupRows(rows: InboxRow[], rescore: ReadonlySet<string>): { leads: Map<string, InboxRow[]>; other: InboxRow[] } {
  const leads = new Map<string, InboxRow[]>();
  const other: InboxRow[] = [];
  for (const r of rows) {
    if (rescore.has(r.objectId)) {
      const list = leads.get(r.objectId) ?? [];
      list.push(r);
      leads.set(r.objectId, list);
    } else other.push(r);
  }
  return { leads, other };
}
