// Record types of the store's newer tables (see types.ts for the Store contract): per-tenant
// config versions, rep feedback, reps' own absences, and the retention request.
import type { ConfigIssue } from '../errors.ts';
import type { TenantKey } from './keys.ts';
import type { OutcomeDecision } from './outcome-types.ts';

// ---------------------------------------------------------------------------------------
// Per-tenant config versions: append-only; at most one active (valid) version per tenant.
// ---------------------------------------------------------------------------------------
export interface ConfigVersionInput {
  tenant: TenantKey;
  /** The YAML text exactly as written. */
  yaml: string;
  author: string;
  comment: string;
  createdAt: number;
  /** Validation result at publish time (`validate`'s issues); an invalid version is never active. */
  valid: boolean;
  issues: ConfigIssue[];
  /**
   * A draft waiting for review (e.g. calibration's suggested points): never activated on append;
   * activating it publishes it (the flag is cleared). Absent on ordinary versions.
   */
  draft?: true;
}

export interface ConfigVersionRecord extends ConfigVersionInput {
  /** 1, 2, 3 ... per tenant, in publish order. */
  version: number;
  /** When an admin discarded the draft (absent otherwise); a discarded draft is never activated. */
  discardedAt?: number;
}

export interface ActiveConfigVersion extends ConfigVersionRecord {
  activatedAt: number;
  activatedBy: string;
}

/** A rep's verdict on a lead's score or routing: from the CRM card (HubSpot), the panel
 *  (Pipedrive), or the lead-router feedback property / field set in the CRM itself. */
export type FeedbackKind = 'good_lead' | 'bad_fit' | 'wrong_owner' | 'duplicate';
export const FEEDBACK_KINDS: readonly FeedbackKind[] = ['good_lead', 'bad_fit', 'wrong_owner', 'duplicate'];
/** Where the verdict was given: HubSpot card, Pipedrive panel, or the CRM property / field. */
/** Where a verdict came from: the HubSpot card, the Pipedrive panel, the CRM property / field a
 *  rep set, or implicit: a manager's owner change observed in the CRM (= wrong owner). */
export type FeedbackSource = 'card' | 'panel' | 'crm' | 'owner_change';

export interface FeedbackRecord {
  tenant: TenantKey;
  leadId: string;
  at: number;
  /** The CRM user who gave it (HubSpot userId, Pipedrive user id; for a CRM property change the
   *  user the CRM names, else the lead's owner); null when unknown. */
  userId: string | null;
  kind: FeedbackKind;
  note: string | null;
  source: FeedbackSource;
  /** The routing decision judged: the lead's latest decision when the verdict was given
   *  (null: the lead was never decided). Same shape as an outcome's decision. */
  decision: OutcomeDecision | null;
}

/** appendFeedback's input: source defaults to 'card', decision to null. */
export type FeedbackInput = Omit<FeedbackRecord, 'source' | 'decision'> & Partial<Pick<FeedbackRecord, 'source' | 'decision'>>;

/** Feedback counted per routing rule and routed-to owner (Store.countFeedback). */
export interface FeedbackCount {
  /** The rule of the decision judged (null: no rule matched / no decision). */
  rule: string | null;
  /** The owner of the decision judged (the rep the lead was routed to; null: none). */
  owner: string | null;
  kind: FeedbackKind;
  count: number;
}

/** A lead's latest verdict (Store.latestFeedback): what calibration reads "bad fit" from. */
export interface LatestVerdict {
  leadId: string;
  kind: FeedbackKind;
  at: number;
}


/**
 * A rep's own out-of-office period, set from the CRM (HubSpot card, Pipedrive panel). It overlays
 * the config's `outOfOffice` dates: the engine skips the rep while one covers `now`. Rows are
 * never deleted while the tenant is installed: they are the audit of who was away and who said so.
 */
export interface AbsenceRecord {
  id: number;
  tenant: TenantKey;
  /** The owner's lower-cased email (the engine's owner id). */
  owner: string;
  /** epoch ms, inclusive */
  from: number;
  /** epoch ms, exclusive */
  to: number;
  note: string | null;
  /** Who set it, e.g. "hubspot-user:123 (ann@acme.test)". */
  setBy: string;
  setAt: number;
  /** "I'm back": the period ended early at this time (null: it runs to `to`). */
  endedAt: number | null;
  endedBy: string | null;
}

export type AbsenceInput = Omit<AbsenceRecord, 'id' | 'endedAt' | 'endedBy'>;

// ---------------------------------------------------------------------------------------
// Retention: what may be deleted, and when (src/pipeline/jobs/prune-expired.ts runs it).
// ---------------------------------------------------------------------------------------
export interface PruneRequest {
  /** Delete done inbox rows received before this (epoch ms): past every CRM's redelivery window. */
  doneInboxBefore: number;
  /** Delete audit rows and closed (superseded) assignments decided before this (epoch ms). */
  historyBefore: number;
  /** At most this many rows per table in this call (one short transaction each). */
  limit: number;
}

/** Rows deleted by one prune call, per table. */
export interface PruneCounts {
  inbox: number;
  audit: number;
  assignments: number;
}
