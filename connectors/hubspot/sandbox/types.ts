// Shared types of the HubSpot sandbox (a local emulator of HubSpot's CRM API and webhooks).
import type { PrivateAppTier } from './rate-limiter.ts';

export type EngagementObjectType = 'calls' | 'emails' | 'meetings' | 'notes' | 'tasks';
export type CrmObjectType = 'contacts' | 'companies' | 'deals' | EngagementObjectType;

export const CRM_OBJECT_TYPES: readonly CrmObjectType[] = ['contacts', 'companies', 'deals', 'calls', 'emails', 'meetings', 'notes', 'tasks'];
export const ENGAGEMENT_TYPES: readonly EngagementObjectType[] = ['calls', 'emails', 'meetings', 'notes', 'tasks'];

/** Who made a change, as webhook events report it (§1.2 "changeSource when an app writes"). */
export interface ChangeOrigin {
  changeSource: 'INTEGRATION' | 'CRM_UI';
  /** String(appId) for INTEGRATION, "userId:<n>" for CRM_UI. */
  sourceId: string;
}

/** A stored CRM record. Property values are always strings (HubSpot returns strings); unset = absent. */
export interface CrmRecord {
  id: string;
  type: CrmObjectType;
  properties: Record<string, string>;
  /** epoch ms */
  createdAt: number;
  updatedAt: number;
  archived: boolean;
}

export interface OwnerInput {
  email: string;
  firstName?: string;
  lastName?: string;
  archived?: boolean;
}

export interface Owner {
  id: string;
  email: string;
  type: 'PERSON';
  firstName: string;
  lastName: string;
  userId: number;
  userIdIncludingInactive: number;
  createdAt: string;
  updatedAt: string;
  archived: boolean;
  teams: { id: string; name: string; primary: boolean }[];
}

/** Legacy subscription types the sandbox can deliver (§1.3), plus generic object.creation (§1.1). */
export type SubscriptionType =
  | 'contact.creation' | 'contact.deletion' | 'contact.merge' | 'contact.propertyChange' | 'contact.associationChange'
  | 'company.creation' | 'company.deletion' | 'company.propertyChange' | 'company.associationChange'
  | 'deal.creation' | 'deal.deletion' | 'deal.propertyChange' | 'deal.associationChange'
  | 'object.creation';

export interface SubscriptionOptions {
  /** contact.propertyChange subscriptions, one per property (§1.3). */
  contactProperties?: string[];
  /** company.propertyChange subscriptions, one per property. */
  companyProperties?: string[];
  /** deal.propertyChange subscriptions, one per property (default: dealstage, amount, closedate). */
  dealProperties?: string[];
  /** Other subscription types; default: the ones lead-router uses (see webhook-events.ts). */
  eventTypes?: SubscriptionType[];
}

export interface HubspotSandboxOptions {
  portalId?: number;
  appId?: number;
  /** OAuth client id (default: a generated uuid). */
  clientId?: string;
  clientSecret: string;
  /** Static private-app token (default: a generated "pat-na1-…" token). */
  privateAppToken?: string;
  webhookUrl?: string;
  /**
   * Burst limit per portal for BOTH auth modes (tests, benchmarks that force one). Default: the
   * real limit of the mode in use (§5): OAuth tokens 110 / 10 000 ms rolling; the private-app
   * token by `privateAppTier`.
   */
  rateLimit?: { max: number; intervalMs: number };
  /** Account tier behind the private-app token (default starter: 100 / 10 s, 250,000 / day). */
  privateAppTier?: PrivateAppTier;
  /** Daily call budget of private-app-token requests (default: the tier's, §5); OAuth has none. */
  dailyLimit?: number;
  /** CRM search limit per portal per second; default 5 (§5). */
  searchPerSecond?: number;
  /** Multiplies webhook retry delays (e.g. 0.001 in tests). */
  timeScale?: number;
  subscriptions?: SubscriptionOptions;
  /** How long to gather events into one webhook batch; default 50 ms. */
  webhookBatchMs?: number;
  /** Webhook requests in flight at once; default 10 (§1.3). */
  maxConcurrentWebhooks?: number;
  /** Injectable clock (epoch ms) for timestamps, rate windows, token expiry, outages. */
  now?: () => number;
  owners?: OwnerInput[];
  /** Deal pipelines (GET /crm/v3/pipelines/deals); default: the sales pipeline plus a renewals one. */
  dealPipelines?: DealPipelineInput[];
}

/** A deal pipeline to seed: stages in order; `won` / `lost` mark the closed stages (isClosed true, probability 1.0 / 0.0). */
export interface DealPipelineInput {
  id: string;
  label: string;
  stages: { id: string; label: string; probability?: number; won?: boolean; lost?: boolean }[];
}

export interface WebhookStats {
  /** POST attempts made (first tries and retries). */
  sent: number;
  /** Attempts that failed (non-2xx, connection error, > 5 s). */
  failed: number;
  /** Retry attempts made. */
  retried: number;
  /** Batches abandoned after the last retry. */
  gaveUp: number;
  eventsDelivered: number;
  /** Events generated but not yet delivered or given up (queued, in flight, awaiting a retry). */
  pendingEvents: number;
  /** Events generated while no webhook URL was configured (HubSpot has nowhere to send them). */
  dropped: number;
}

export interface SandboxStats {
  /** API calls by route template, e.g. "POST /crm/v3/objects/contacts/batch/update". */
  calls: Record<string, number>;
  totalCalls: number;
  /** 429 responses of any policy (rolling, daily, search secondly). */
  rateLimited: number;
  webhooks: WebhookStats;
}
