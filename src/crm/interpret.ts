// What a batch of inbox events means for the pipeline, decided per CRM (each CRM names its
// events and engagement objects differently; CrmConnector.interpret). The pipeline does the
// generic work with the result.
import type { EngagementEvent } from '../engine/types.ts';
import type { LeadStatusKind, OutcomeStatus } from '../store/types.ts';
import type { CrmFeedback, FeedbackWrite } from './feedback-field.ts';

/** A deal's state as the CRM reports it, for the leads (contacts / persons) it is linked to.
 *  The pipeline stores one outcome per lead, tied to that lead's recorded routing decision. */
export interface DealOutcome {
  dealId: string;
  /** The leads the deal is associated with (HubSpot deal -> contacts, Pipedrive deal person). */
  leadIds: string[];
  status: OutcomeStatus;
  amount: number | null;
  currency: string | null;
  /** epoch ms the deal was created, when known */
  createdAt: number | null;
  /** epoch ms the deal was won / lost (null while open) */
  closedAt: number | null;
  lostReason: string | null;
  /** epoch ms of the change this state reflects (orders late deliveries) */
  observedAt: number;
}

/** A record linked to a lead that takes the lead's owner once the lead's decision is written
 *  (Pipedrive: a new Leads-Inbox lead takes its person's owner). Carried with the lead's held
 *  events to CrmTenantClient.afterWrite: no state between calls, so a replay carries it again. */
export interface OwnerFollower {
  /** The lead (contact / person) whose owner the record follows. */
  leadId: string;
  /** The linked record's id (Pipedrive lead uuid). */
  recordId: string;
  /** The record's owner as the event showed it (skip the write when it already matches). */
  ownerId: string | null;
}

/** An owner change the CRM reported on a lead (contact / person), echo guard passed at parse.
 *  The pipeline still compares it with the assignment it recorded (our own write coming back). */
export interface OwnerChange {
  leadId: string;
  /** The new CRM owner id (null: unowned). */
  ownerId: string | null;
  /** epoch ms of the change in the CRM */
  at: number;
  /** The CRM user who made it, when the event says. */
  userId: string | null;
  /** The owner id before the change, when the event says (Pipedrive `previous.owner_id`); absent: unknown. */
  previousOwnerId?: string | null;
}

/** A lead status the CRM reported: HubSpot lifecycle stage / lead status, Pipedrive lead archived. */
export interface LeadStatusChange {
  leadId: string;
  kind: LeadStatusKind;
  /** The record it belongs to when not the lead itself (Pipedrive lead uuid), else ''. */
  recordId: string;
  value: string | null;
  /** epoch ms of the change in the CRM */
  at: number;
}

export interface Interpretation {
  /** Leads to (re)score and route. */
  rescore: Set<string>;
  /** Companies / organizations whose leads must be rescored. */
  companies: Set<string>;
  /** Leads deleted or privacy-deleted: purge what we keep. */
  purge: Set<string>;
  /** Merges: move what we keep from `from` to `to`, then rescore `to`. */
  merges: { from: string; to: string }[];
  /** First touches by a rep (call, meeting, email logged): close the SLA. */
  touches: { leadId: string; at: number }[];
  /** Behavioural events for the engagement ledger (decay needs their time). */
  behaviour: { leadId: string; event: EngagementEvent }[];
  /** Inbox row ids that need no work (acknowledged, counted). */
  noop: number[];
  /** Linked records that follow their lead's owner (see OwnerFollower). */
  followers: OwnerFollower[];
  /** Deals created or changed (won / lost / amount): stored as outcomes of their leads. */
  outcomes: DealOutcome[];
  /** Owner changes made in the CRM: followed when the tenant's openLeads.followCrmOwner is on. */
  ownerChanges: OwnerChange[];
  /** Lead statuses: kept as outcomes; may close the lead's assignment (openLeads.closeWhen). */
  statuses: LeadStatusChange[];
  /** Verdicts a rep set in the CRM's feedback property / field: stored as feedback rows; never
   *  a reason to rescore (src/crm/feedback-field.ts). */
  feedback: CrmFeedback[];
  /** Verdicts given on the card / panel, to write to the CRM's feedback property / field. */
  feedbackWrites: FeedbackWrite[];
}

export function emptyInterpretation(): Interpretation {
  return {
    rescore: new Set(),
    companies: new Set(),
    purge: new Set(),
    merges: [],
    touches: [],
    behaviour: [],
    noop: [],
    followers: [],
    outcomes: [],
    ownerChanges: [],
    statuses: [],
    feedback: [],
    feedbackWrites: [],
  };
}
