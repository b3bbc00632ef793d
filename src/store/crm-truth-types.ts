// The CRM is the truth about open leads (part of the Store contract): owner changes made in the
// CRM, assignments ended because the lead is worked out, and lead statuses (HubSpot lifecycle
// stage / lead status, Pipedrive lead archived) kept as outcomes attributed like deals.
import type { OutcomeDecision } from './outcome-types.ts';

/** "hubspot:<portalId>" or "pipedrive:<companyId>" (TenantKey in types.ts). */
type TenantKey = string;

/** HubSpot `lifecyclestage`, HubSpot `hs_lead_status`, Pipedrive Leads-Inbox lead archived. */
export type LeadStatusKind = 'lifecycle_stage' | 'lead_status' | 'lead_archived';
export const LEAD_STATUS_KINDS: readonly LeadStatusKind[] = ['lifecycle_stage', 'lead_status', 'lead_archived'];

export interface LeadStatusInput {
  tenant: TenantKey;
  leadId: string;
  kind: LeadStatusKind;
  /** The record the status belongs to when it is not the lead itself (Pipedrive lead uuid); '' otherwise. */
  recordId: string;
  /** The new value (stage / status name; 'true' / 'false' for archived); null when cleared. */
  value: string | null;
  /** epoch ms of the CRM change: an older change never overwrites a newer one. */
  observedAt: number;
  /** The lead's decision in force at the change (set once, like a deal's). */
  decision: OutcomeDecision | null;
}

export type LeadStatusRecord = LeadStatusInput;

/** An owner change made in the CRM (not by lead-router), for a lead lead-router routed. */
export interface CrmOwnerChange {
  tenant: TenantKey;
  leadId: string;
  /** The new owner's email (the engine's owner id), or `crm-user:<id>` for a CRM user without one; null: unowned. */
  owner: string | null;
  /** epoch ms the CRM made the change */
  at: number;
  /** Who changed it in the CRM, when the event says (HubSpot sourceId "userId:…", Pipedrive meta.user_id). */
  userId: string | null;
  /** The owner before the change (same keys as `owner`), when the event says; absent: unknown. */
  previousOwner?: string | null;
}

export type CrmOwnerChangeOutcome =
  /** No assignment on record: lead-router never routed the lead, nothing to correct. */
  | 'untracked'
  /** The CRM now holds the owner we recorded: our own write coming back (or a replay). */
  | 'echo'
  /** The change is older than our latest assignment, which already superseded it. */
  | 'stale'
  /** Old assignment closed, the new owner's assignment recorded, wrong-owner feedback stored. */
  | 'reassigned';

export interface CrmOwnerChangeResult {
  outcome: CrmOwnerChangeOutcome;
  /** The owner of the assignment on record before the change (null when untracked / unowned). */
  previousOwner: string | null;
}

/** A lead whose routing a manager overrode in the CRM (reports: CrmTruthStore.listRoutingOverrides). */
export interface RoutingOverride {
  leadId: string;
  /** An owner change made in the CRM moved the lead (an assignment with origin 'crm'). */
  reassignedInCrm: boolean;
  /** An assignment of the lead was closed by a lead status (HubSpot lead status, Pipedrive lead archived) before any touch. */
  closedUnworked: boolean;
}

export interface CrmTruthStore {
  /**
   * Apply a CRM owner change atomically under the tenant's routing lock: unless it is an echo,
   * stale or untracked, close the lead's current assignment, record the new owner's (origin
   * 'crm': it counts on their open load, advances no rotation, starts no SLA) and append an
   * implicit wrong-owner feedback row (source 'crm'). A replay is an echo: nothing changes.
   */
  applyCrmOwnerChange(change: CrmOwnerChange): Promise<CrmOwnerChangeResult>;
  /**
   * The lead is worked out (deal created, disqualified, ...): its current assignment stays the
   * lead's assignment but stops counting as open. Only a change at or after the assignment ends
   * it (a later decision supersedes an older status). False when nothing was open to end.
   */
  endAssignment(tenant: TenantKey, leadId: string, at: number, reason: string): Promise<boolean>;
  /** Insert or update a lead status (newest `observedAt` wins; the decision is set once). */
  upsertLeadStatus(status: LeadStatusInput): Promise<void>;
  /** The tenant's lead statuses observed at or after `since`, oldest first. */
  listLeadStatuses(tenant: TenantKey, opts?: { since?: number; leadId?: string }): Promise<LeadStatusRecord[]>;
  /**
   * The leads with an assignment made at or after `since` whose routing a manager overrode in
   * the CRM (see RoutingOverride), ordered by lead id; leads without one are not listed.
   */
  listRoutingOverrides(tenant: TenantKey, since: number): Promise<RoutingOverride[]>;
}
