// Store facts for the console's Team and Health pages: reps' current load, webhook intake,
// and the inbox's failed rows (with a re-queue for the retry button). Every method is per tenant.

// Declared here, not imported from ./types.ts (which imports this file): no cycle.
type TenantKey = string;

/** Structurally the OwnerPeriod of ./types.ts: the owner's local day and week starts. */
interface OwnerWindow {
  owner: string;
  dayStart: number;
  weekStart: number;
}

/** The same counts the routing state holds (capacity checks): open = assigned, not touched, not superseded. */
export interface OwnerLoadCounts {
  openLeads: number;
  assignedToday: number;
  assignedThisWeek: number;
}

export interface IntakeBySource {
  /** "hubspot-webhook", "pipedrive-webhook", "hubspot-journal", "backfill", ... */
  source: string;
  /** Events received at or after the window start. */
  received: number;
  lastReceivedAt: number;
}

export interface InboxIntake {
  recent: IntakeBySource[];
  /** The newest event received from any source (kept rows only: retention prunes old done rows). */
  lastReceivedAt: number | null;
}

export interface FailedInboxRow {
  id: number;
  source: string;
  kind: string;
  objectId: string;
  occurredAt: number;
  receivedAt: number;
  attempts: number;
  lastError: string | null;
}

/** The live part of a tenant's inbox (done rows are not counted: there can be millions). */
export interface InboxDepth {
  pending: number;
  processing: number;
  failed: number;
  /** Receive time of the oldest pending row. */
  oldestPendingAt: number | null;
}

export interface TeamHealthStore {
  /** Each owner's load (zeros for owners with none), one indexed count per owner and figure. */
  ownerLoads(tenant: TenantKey, owners: OwnerWindow[]): Promise<Record<string, OwnerLoadCounts>>;
  /** Events received since `since`, per source, and the newest one of all. */
  inboxIntake(tenant: TenantKey, since: number): Promise<InboxIntake>;
  /** Pending, processing and failed rows of the tenant, read from the partial indexes of live and failed rows only. */
  inboxDepth(tenant: TenantKey): Promise<InboxDepth>;
  /** The tenant's failed inbox rows, newest first (payloads not included). */
  listFailedInbox(tenant: TenantKey, limit: number): Promise<FailedInboxRow[]>;
  /**
   * Make the tenant's failed rows (these ids, or all with null) pending and due at `now`, with
   * their attempts reset (the reason stays until the next try). Rows of other tenants and rows not
   * failed are left alone; returns how many were re-queued.
   */
  inboxRequeueFailed(tenant: TenantKey, ids: number[] | null, now: number): Promise<number>;
}
