// The Store contract. Two implementations keep it: SQLite (embedded default, node:sqlite) and
// PostgreSQL (scale-out, pg). Both run the same contract tests (test/unit/store/contract.ts).
// Every method is async so the PostgreSQL implementation fits the same shape.
import type { EngagementEvent, Evaluation, RotationUpdate, RoutingState } from '../engine/types.ts';
import type { SharedRateLimit } from '../queue/types.ts';
import type { AdminLinkRecord, AdminLinkResult, AdminSessionRecord, AuditInput, DecisionFilter, DecisionRecord } from './console-types.ts';

import type { CrmKind, TenantKey } from './keys.ts';
import type { ReportWindow } from './report-types.ts';
import type { AbsenceInput, AbsenceRecord, ConfigVersionInput, ConfigVersionRecord, ActiveConfigVersion, FeedbackCount, FeedbackInput, FeedbackRecord, LatestVerdict, PruneCounts, PruneRequest } from './record-types.ts';

export type { CrmKind, TenantKey } from './keys.ts';

export * from './inbox-types.ts';
import type { InboxEventInput, InboxRow, InboxStats, InboxStatus, InstallRecord, UninstallRecord } from './inbox-types.ts';

// ---------------------------------------------------------------------------------------
// Assignments, routing state, SLA timers
// ---------------------------------------------------------------------------------------
export interface OwnerPeriod {
  owner: string; // email
  dayStart: number; // epoch ms of local midnight in the owner's time zone
  weekStart: number; // epoch ms of local Monday 00:00
}

export interface AssignmentInput {
  tenant: TenantKey;
  leadId: string;
  owner: string | null;
  team: string | null;
  rule: string | null;
  tier: string;
  assignedAt: number;
  slaDeadline: number | null;
  rotation?: RotationUpdate;
  /** Which SLA round this is (0 = first assignment, 1 = after first reassignment...). */
  round?: number;
  /** The nurture program that took the lead (Evaluation.nurture), null: none. */
  nurture?: string | null;
}

export interface AssignmentRecord {
  tenant: TenantKey;
  leadId: string;
  owner: string | null;
  team: string | null;
  rule: string | null;
  tier: string;
  assignedAt: number;
  firstTouchAt: number | null;
  slaDeadline: number | null;
  round: number;
  closed: boolean;
  /** The nurture program of this assignment (migration 15), null: none. */
  nurture: string | null;
  /** Worked out (openLeads.closeWhen) or superseded by a CRM owner change: no longer open. */
  endedAt?: number | null;
  endReason?: string | null;
  origin?: 'engine' | 'crm'; // lead-router's decision / an owner change made in the CRM
}

export interface RoutingTransaction {
  /** Routing state for these owners/teams as of now (counts in each owner's local day/week). */
  state: RoutingState;
  /** The lead's current (latest) assignment, if any. */
  current: AssignmentRecord | null;
  /**
   * This transaction's place in the routing order (preview replays in it): `written` if it
   * records an assignment, `read` if not. A `written` place is greater than the place of every
   * earlier routing transaction of the tenant and smaller than that of every later one; `read`
   * places may repeat (transactions that change nothing between the same two assignments).
   */
  order: RoutingOrder;
}

export interface RoutingOrder {
  read: number;
  written: number;
}

export interface TimerRecord {
  id: number;
  tenant: TenantKey;
  leadId: string;
  kind: string; // "sla"
  dueAt: number;
  payload: Record<string, unknown>;
}

// Audit rows and preview's lean view of them: audit-types.ts.
export * from './audit-types.ts';
import type { AuditEntry, AuditRecord, PreviewCursor, PreviewEntry } from './audit-types.ts';

// Records of the newer tables live in record-types.ts (config versions, feedback, absences,
// retention), outcome-types.ts (deals per lead) and crm-truth-types.ts; re-exported here.
export * from './record-types.ts';
export * from './outcome-types.ts';
export * from './crm-truth-types.ts';
import type { OutcomeInput, OutcomeRecord } from './outcome-types.ts';
import type { CrmTruthStore } from './crm-truth-types.ts'; // owner changes, worked-out leads, lead statuses
export * from './team-health-types.ts';
import type { TeamHealthStore } from './team-health-types.ts';
export * from './predictive-types.ts';
import type { PredictiveModelStore } from './predictive-types.ts';

export interface Store extends SharedRateLimit, CrmTruthStore, TeamHealthStore, PredictiveModelStore {
  readonly kind: 'sqlite' | 'postgres';
  migrate(): Promise<void>;
  close(): Promise<void>;

  // inbox
  inboxAppend(events: InboxEventInput[], now: number): Promise<{ inserted: number; duplicates: number }>;
  /** Claim up to `limit` claimable rows (pending and due, or processing with an expired lease), oldest first. */
  inboxClaim(opts: { tenant?: TenantKey; limit: number; leaseMs: number; now: number; worker: string }): Promise<InboxRow[]>;
  inboxComplete(ids: number[]): Promise<void>;
  inboxRetry(ids: number[], error: string, availableAt: number): Promise<void>;
  inboxFail(ids: number[], error: string): Promise<void>;
  inboxStats(tenant?: TenantKey): Promise<InboxStats>;
  /** Tenants with claimable work now. */
  inboxTenants(now: number): Promise<TenantKey[]>;
  /**
   * Make rows leased by other workers claimable now (their leases are void). The embedded
   * store calls this at start: a single process owns the file, so any lease left behind belongs
   * to a process that died. Returns how many rows were released.
   */
  inboxReleaseLeases(exceptWorker: string): Promise<number>;
  /** Extend to `leaseUntil` the leases this worker still holds on `tenant`'s rows (while batches wait); returns how many. */
  inboxRenewLeases(tenant: TenantKey, worker: string, leaseUntil: number): Promise<number>;

  // installs
  saveInstall(install: InstallRecord): Promise<void>;
  getInstall(tenant: TenantKey): Promise<InstallRecord | null>;
  listInstalls(crm?: CrmKind): Promise<InstallRecord[]>;
  /** Delete the install and everything stored for the tenant (uninstall). */
  deleteTenant(tenant: TenantKey): Promise<void>;
  /** Remember an uninstall (kept after deleteTenant). */
  recordUninstall(record: UninstallRecord): Promise<void>;
  /** Uninstalls, oldest first. */
  listUninstalls(crm?: CrmKind): Promise<UninstallRecord[]>;

  // OAuth install state: each nonce is used once, before it expires (shared by all processes)
  /** Remember the nonce of an install URL just issued; drops expired nonces. */
  saveOAuthNonce(nonce: string, crm: CrmKind, expiresAt: number, now: number): Promise<void>;
  /** Use the nonce up: true only the first time, for its CRM, before it expires. */
  consumeOAuthNonce(nonce: string, crm: CrmKind, now: number): Promise<boolean>;

  // routing: fn runs inside one transaction holding the tenant's routing lock; the
  // assignment it returns (if any) is stored atomically with its rotation update.
  routeAtomically<T>(
    tenant: TenantKey,
    leadId: string,
    owners: OwnerPeriod[],
    teams: string[],
    fn: (tx: RoutingTransaction) => { result: T; assignment?: AssignmentInput },
  ): Promise<T>;
  /** A place in the routing order (as RoutingOrder.read) for a decision made without a routing transaction (an owner lead-router does not manage). */
  nextRoutingSeq(tenant: TenantKey): Promise<number>;
  getAssignment(tenant: TenantKey, leadId: string): Promise<AssignmentRecord | null>;
  /** First touch by the owner (call, meeting, email logged): closes the SLA, frees open capacity. */
  recordFirstTouch(tenant: TenantKey, leadId: string, at: number): Promise<boolean>;

  // timers (SLA): durable, survive restarts
  scheduleTimer(t: Omit<TimerRecord, 'id'>): Promise<number>;
  cancelTimers(tenant: TenantKey, leadId: string, kind?: string): Promise<void>;
  claimDueTimers(now: number, limit: number): Promise<TimerRecord[]>;

  // engagement ledger
  appendEngagement(tenant: TenantKey, leadId: string, events: EngagementEvent[]): Promise<number>;
  getEngagement(tenant: TenantKey, leadIds: string[]): Promise<Map<string, EngagementEvent[]>>;

  // audit of decisions
  appendAudit(records: AuditInput[]): Promise<void>;
  getAudit(tenant: TenantKey, leadId: string, limit?: number): Promise<AuditRecord[]>;
  /** The tenant's decisions made at or after `since`, oldest first (at, id), after `afterId`, up to `limit`. */
  listAuditSince(tenant: TenantKey, since: number, opts: { afterId?: number; limit: number }): Promise<AuditEntry[]>;
  /** The tenant's decisions newest first (id descending), filtered on the route's rule / owner / tier / target. */
  listDecisions(tenant: TenantKey, filter: DecisionFilter): Promise<DecisionRecord[]>;
  /** Lead ids whose audit rows carry this email lookup key, most recently decided first. */
  findLeadsByEmailHash(tenant: TenantKey, emailHash: string, limit: number): Promise<string[]>;

  // admin console sign-in (hashed secrets only)
  createAdminLink(link: AdminLinkRecord): Promise<void>;
  /** Use a link once, atomically: a second call (any process) gets 'used'. */
  consumeAdminLink(tokenHash: string, now: number): Promise<AdminLinkResult>;
  createAdminSession(session: AdminSessionRecord): Promise<void>;
  getAdminSession(idHash: string): Promise<AdminSessionRecord | null>;
  deleteAdminSession(idHash: string): Promise<void>;

  /**
   * The decisions preview replays, in routing order (seq; rows without one first, by at and id):
   * those made at or after `since` and every one routed after the first of them. Lean: the
   * outcome fields extracted by the database (the evaluation is never parsed here) and the input
   * without its routing state unless `withState`. Pages: pass the last entry returned as `after`.
   */
  listPreviewSince(tenant: TenantKey, since: number, opts: { after?: PreviewCursor; limit: number; withState: boolean }): Promise<PreviewEntry[]>;

  // rep feedback on decisions (newest first)
  /**
   * Store a verdict. Feedback from the CRM property / field (source 'crm') that repeats the
   * lead's latest verdict (same kind and note, whatever its source) is not stored again: a
   * re-sent value, or the echo of the card / panel verdict written to the CRM. Returns whether
   * a row was added.
   */
  appendFeedback(record: FeedbackInput): Promise<boolean>;
  listFeedback(tenant: TenantKey, leadId: string, limit?: number): Promise<FeedbackRecord[]>;
  /**
   * The tenant's feedback given at `since` <= at < `until` (both optional), counted per rule and
   * owner of the decision judged, and kind; ordered by rule, owner, kind (nulls first).
   */
  countFeedback(tenant: TenantKey, window?: { since?: number; until?: number }): Promise<FeedbackCount[]>;
  /**
   * Each lead's latest verdict (by time, then insertion) when it was given at or after `since`,
   * ordered by lead id; a lead whose latest verdict is older is not listed (calibration).
   */
  latestFeedback(tenant: TenantKey, since: number): Promise<LatestVerdict[]>;

  // reps' own absences (overlay of the config's outOfOffice; loaded into the routing state)
  addAbsence(absence: AbsenceInput): Promise<AbsenceRecord>;
  /** End the owner's absences still running or ahead at `at` ("I'm back"); returns how many. */
  endAbsences(tenant: TenantKey, owner: string, at: number, by: string): Promise<number>;
  /** The tenant's absences still in effect after `after` (all when omitted), oldest first. */
  listAbsences(tenant: TenantKey, opts?: { owner?: string; after?: number }): Promise<AbsenceRecord[]>;

  // outcomes (deals), one row per (deal, lead)
  /**
   * Insert or update a deal's outcome for a lead. The deal fields follow the newest change
   * (`observedAt`); the decision is the one recorded first and is never replaced once set, so
   * conversion stays attributed to the decision that was in force when the deal appeared.
   */
  upsertOutcome(outcome: OutcomeInput): Promise<void>;
  /** The tenant's outcomes (deal created, or closed, at or after `since`), oldest deal first. */
  listOutcomes(tenant: TenantKey, opts?: { since?: number; leadId?: string }): Promise<OutcomeRecord[]>;
  /** The tenant's assignments made at or after `since`, oldest first (reports: time to first touch). */
  listAssignmentsSince(tenant: TenantKey, since: number): Promise<AssignmentRecord[]>;
  /** Reports: each lead's latest decision and first assignment since `since` (lean columns),
   *  assignments per day / team, SLA as of `now`, feedback counts, escalations. */
  reportWindow(tenant: TenantKey, since: number, now: number): Promise<ReportWindow>;

  // lead lifecycle
  /** Delete everything kept about a lead (deletion / privacy deletion). */
  purgeLead(tenant: TenantKey, leadId: string): Promise<void>;
  /** Merge: move ledger, assignment, audit and timers from `fromId` to `toId`. */
  rekeyLead(tenant: TenantKey, fromId: string, toId: string): Promise<void>;

  // retention
  /**
   * Delete up to `limit` expired rows per table, oldest first: done inbox rows (pending,
   * processing and failed rows are kept), audit rows, and closed assignments (a lead's current
   * assignment stays whatever its age). Call again while any count equals `limit`.
   */
  pruneExpired(req: PruneRequest): Promise<PruneCounts>;
  // rate limits shared by processes (SharedRateLimit, src/queue/types.ts): rateTake grants call
  // starts on a tenant's lane from one log of recent starts, rateHold pauses a lane or tenant.

  // cursors (backfill, reconciliation)
  getCursor(key: string): Promise<string | null>;
  setCursor(key: string, value: string): Promise<void>;

  // per-tenant config versions (src/tenants)
  /** Append the next version (numbered per tenant); `activate` makes it active in the same transaction, if valid and not a draft. */
  appendConfigVersion(input: ConfigVersionInput, opts: { activate: boolean }): Promise<ConfigVersionRecord>;
  /** Every version of the tenant, oldest first. */
  listConfigVersions(tenant: TenantKey): Promise<ConfigVersionRecord[]>;
  getConfigVersion(tenant: TenantKey, version: number): Promise<ConfigVersionRecord | null>;
  /** Make an existing valid version the active one (rollback, or publishing a draft, which clears its draft flag). False when it is unknown, invalid or a discarded draft. */
  activateConfigVersion(tenant: TenantKey, version: number, by: string, at: number): Promise<boolean>;
  /** Discard a draft (never active): false when the version is unknown, not a draft, or already discarded. */
  discardConfigVersion(tenant: TenantKey, version: number, at: number): Promise<boolean>;
  getActiveConfigVersion(tenant: TenantKey): Promise<ActiveConfigVersion | null>;
  /** The active version number of every tenant that has one: one cheap query, polled by every process. */
  activeConfigVersions(): Promise<Map<TenantKey, number>>;
}
