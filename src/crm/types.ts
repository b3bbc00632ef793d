// The ports the pipeline consumes, implemented by each CRM under connectors/: everything
// CRM-specific sits behind CrmConnector (authentication of deliveries, event parsing and
// interpretation, reading and writing records, owners). The pipeline, queue, store and engine
// are shared by HubSpot and Pipedrive.
import type { FieldValue } from '../engine/types.ts';
import type { CrmKind, FeedbackKind, InboxEventInput, InboxRow, TenantKey } from '../store/types.ts';
import type { LeadRouterConfig } from '../config/schema.ts';
import type { DealOutcome, Interpretation, OwnerFollower } from './interpret.ts';

/** A webhook delivery exactly as received: raw bytes first (verify before parsing). */
export interface RawDelivery {
  method: string;
  /** The public URL the CRM called (scheme + host + path + query), for signatures. */
  url: string;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
  /** epoch ms (injectable clock) */
  receivedAt: number;
}

/** A delivery whose credentials were verified, with what they prove. */
export interface VerifiedDelivery extends RawDelivery {
  /** The tenant the credentials belong to when they name one (Pipedrive Marketplace installs:
   *  per-install webhook credentials); null when they vouch for any tenant of the app. */
  tenant: TenantKey | null;
}

/** Why a delivery is refused from its headers alone, before its body is read (answered 401). */
export interface Rejection {
  reason: string;
}

export interface ParsedDelivery {
  events: InboxEventInput[];
  /** Event kinds acknowledged but not processed (unknown kinds, echoes, uninstalled tenants). */
  ignored: { reason: string; kind: string; count: number }[];
}

/** What a connector needs to know to read and write records for the admin's config. */
export interface FieldPlan {
  config: LeadRouterConfig;
}

/** A lead (contact / person / Leads-Inbox lead) read from the CRM, mapped to config aliases. */
export interface CrmLeadSnapshot {
  id: string;
  /** Field values by config alias ("fields:" in the config). */
  fields: Record<string, FieldValue>;
  /** CRM owner id of the record (null: unowned). */
  ownerId: string | null;
  /** CRM id of the associated (primary) company / organization. */
  companyId: string | null;
  /** CRM owner id of the company / organization (existing account owner). */
  companyOwnerId: string | null;
  /** The values lead-router last wrote, as the CRM holds them now (to skip unchanged writes). */
  written: Partial<Record<WrittenKey, string>>;
  /** epoch ms */
  createdAt: number | null;
  /** The CRM values nurture actions set (read only when the config has a nurture section). */
  nurture?: NurtureState;
}

/** What the nurture actions (config `nurture`) would change, as the CRM holds it now. */
export interface NurtureState {
  /** HubSpot lifecyclestage / hs_lead_status (internal values). */
  lifecycleStage?: string | null;
  leadStatus?: string | null;
  /** Pipedrive person labels (label_ids with their names). */
  labels?: { id: string; name: string }[];
}

/** Nurture actions to apply with a lead's write (only what differs from NurtureState). */
export interface NurtureWrite {
  lifecycleStage?: string;
  leadStatus?: string;
  /** HubSpot static list to add the contact to (idempotent: members are ignored). */
  listId?: string;
  /** Pipedrive person label to add by name; `keepIds` are the labels it has now (label_ids is replaced as a whole). */
  label?: { name: string; keepIds: string[] };
  /** Pipedrive person label to take off (a re-engaged lead leaves nurture): `keepIds` are the
   *  labels it has now without it, written as label_ids. */
  unlabel?: { name: string; keepIds: string[] };
}

/** winProbability: only with scoring.predictive enabled (src/crm/written-properties.ts). */
export type WrittenKey = 'score' | 'fit' | 'engagement' | 'priority' | 'grade' | 'reasons' | 'winProbability';

export interface LeadUpdate {
  id: string;
  ownerId?: string; // CRM owner id to assign (only when it changes)
  values: Partial<Record<WrittenKey, string | number>>; // only the changed ones
  nurture?: NurtureWrite;
  /** A rep's verdict for the CRM's feedback property / field (src/crm/feedback-field.ts). */
  feedback?: { kind: FeedbackKind; note: string | null };
}

export interface WriteResult {
  id: string;
  ok: boolean;
  /** For failures: whether retrying the row can succeed, and why it failed. */
  retryable?: boolean;
  error?: string;
}

export interface CrmOwner {
  id: string; // the id written to the record (HubSpot owner `id`, Pipedrive user id)
  email: string;
  active: boolean;
  name?: string;
}

/** Per-tenant API client. Every call goes through the tenant's rate-limited queue. */
export interface CrmTenantClient {
  readonly tenant: TenantKey;
  /**
   * Batch read; ids that no longer exist are absent from the map. `next`: the leads the
   * pipeline will read soon, for a connector with `readAhead`.
   */
  readLeads(ids: string[], next?: () => readonly string[]): Promise<Map<string, CrmLeadSnapshot>>;
  /**
   * Optional: the connector reads part of a lead ahead, in calls of a larger batch size than the
   * pipeline's 100 (HubSpot associations: 1,000 per call), for the leads `readLeads`' `next`
   * names. `max`: the leads one such call covers (the pipeline holds at least that many ready
   * leads when it can); `forget(ids)`: new events about these leads arrived, so what was read
   * ahead for them is stale.
   */
  readAhead?: { max: number; forget(ids: Iterable<string>): void };
  /** Batch write (changed values only); per-row results (HubSpot 207 partial failures). */
  writeLeads(updates: LeadUpdate[]): Promise<WriteResult[]>;
  /** Owners / users; the pipeline caches them and maps config emails to ids. */
  listOwners(): Promise<CrmOwner[]>;
  /** Ids of the leads associated with these companies / organizations (company changes rescore
   *  them); one batch call where the CRM allows it. */
  companyLeadIds(companyIds: string[]): Promise<string[]>;
  /** Create the property group / fields lead-router writes, idempotently. */
  ensureProperties(): Promise<void>;
  /** Page through all leads (backfill / reconciliation); `cursor` null = start. */
  listLeadIds(opts: { cursor: string | null; since?: number; limit: number }): Promise<{ ids: string[]; next: string | null }>;
  /** Optional: which leads engagements (call / meeting / email ...) are about, for CRMs whose
   *  engagement events do not name the lead (HubSpot). objectType: "call" | "meeting" | ...;
   *  returns engagement id -> lead ids. */
  engagementLeadIds?(objectType: string, ids: string[]): Promise<Map<string, string[]>>;
  /**
   * Optional CRM-specific follow-up, called by the pipeline (6-rescore-batch.ts) once per batch
   * after the write-back for the successfully processed leads that have followers
   * (Interpretation.followers), with the CRM owner id each lead now holds (null: none / not
   * assigned). Pipedrive gives Leads-Inbox leads their person's owner here. A row with ok: false
   * settles its lead's inbox rows as retry (retryable) or failed, exactly like a failed write;
   * leads without a result row count as done.
   */
  afterWrite?(leads: { id: string; ownerId: string | null; followers: OwnerFollower[] }[]): Promise<WriteResult[]>;
  /**
   * Optional: the current state of deals as outcomes of their leads, for CRMs whose deal events
   * do not carry it (HubSpot: a stage change names the stage id only; won / lost comes from the
   * pipeline's stages). Deals that no longer exist are absent; `observedAt` of each is the
   * deal's last modification (or `now`).
   */
  readDeals?(ids: string[]): Promise<Map<string, DealOutcome>>;
  /** Optional: the rep feedback each lead's feedback property holds now (null: none set), for
   *  CRMs whose change events carry one property at a time (HubSpot: the verdict and its note). */
  readFeedback?(ids: string[]): Promise<Map<string, { kind: FeedbackKind; note: string | null } | null>>;
  /** Optional: page through every deal as outcomes (`backfill --outcomes`); `cursor` null = start. */
  listDeals?(opts: { cursor: string | null; limit: number }): Promise<{ deals: DealOutcome[]; next: string | null }>;
}

export interface CrmConnector {
  readonly crm: CrmKind;
  /**
   * Checks that need no body (credentials, signature headers present, timestamp window), run by
   * the webhook route BEFORE it reads the body, so an unauthenticated flood costs no memory.
   * An early refusal only: verify() still authenticates completely.
   */
  precheck?(headers: RawDelivery['headers'], receivedAt: number): Rejection | null | Promise<Rejection | null>;
  /** The largest body a real delivery can have; larger ones are answered 413 unread. */
  readonly maxBodyBytes?: number;
  /**
   * Authenticate a delivery completely, in this one call, before anything parses its body.
   * Never does network I/O (a webhook is waiting): store reads only. Throws AuthError.
   */
  verify(delivery: RawDelivery): Promise<VerifiedDelivery>;
  /** Parse a verified delivery into inbox events. Throws PayloadError (400) for malformed
   *  deliveries, AuthError when its events belong to a tenant its credentials do not. */
  parse(delivery: VerifiedDelivery): Promise<ParsedDelivery>;
  /** A client for one tenant (portal / company), or null if the tenant is not installed. */
  client(tenant: TenantKey): Promise<CrmTenantClient | null>;
  /** What a batch of this CRM's inbox rows means for the pipeline (no state between calls). */
  interpret(rows: InboxRow[], client: CrmTenantClient): Promise<Interpretation>;
}
