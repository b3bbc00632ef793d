// Outcomes: deals linked to leads (won / lost / open), each tied to the routing decision that
// was on record for the lead when the outcome was first seen (part of the Store contract).
/** "hubspot:<portalId>" or "pipedrive:<companyId>" (TenantKey in types.ts, which re-exports this file). */
type TenantKey = string;

export type OutcomeStatus = 'open' | 'won' | 'lost';
export const OUTCOME_STATUSES: readonly OutcomeStatus[] = ['open', 'won', 'lost'];

/** The lead's recorded routing decision an outcome is attributed to (from its audit row). */
export interface OutcomeDecision {
  /** epoch ms of the decision */
  decidedAt: number;
  owner: string | null; // owner email
  rule: string | null;
  tier: string;
  score: number;
  /** "v3" / "file:<hash>"; null for decisions recorded before versions were kept. */
  configVersion: string | null;
}

export interface OutcomeInput {
  tenant: TenantKey;
  leadId: string;
  /** The CRM deal id (HubSpot deal, Pipedrive deal). */
  dealId: string;
  status: OutcomeStatus;
  /** Deal amount / value in `currency` (null: none set). */
  amount: number | null;
  currency: string | null;
  /** epoch ms the deal was created (converted to deal), if known */
  dealCreatedAt: number | null;
  /** epoch ms the deal was won or lost (close date); null while open */
  closedAt: number | null;
  lostReason: string | null;
  /** epoch ms of the CRM change this reflects: an older change never overwrites a newer one */
  observedAt: number;
  /** Null when the lead has no recorded decision (e.g. a deal on a contact never routed). */
  decision: OutcomeDecision | null;
}

export type OutcomeRecord = OutcomeInput;
