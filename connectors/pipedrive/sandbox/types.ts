// Shared types of the Pipedrive sandbox: a local emulator of Pipedrive's API (v2 persons,
// organizations, fields, activities; v1 users, leads, webhooks; OAuth) and of its v2 webhooks.
// Reference: shared/reference/pipedrive.md.

export type Plan = 'lite' | 'growth' | 'premium' | 'ultimate';
export type AuthKind = 'api_token' | 'oauth';
/** Entities the sandbox stores and sends webhooks for. */
export type Entity = 'person' | 'organization' | 'activity' | 'lead' | 'deal';
export type FieldEntity = 'person' | 'organization';
/** "api" for API calls, "app" for what a user does in the Pipedrive UI (§1.2 change_source). */
export type ChangeSource = 'api' | 'app';

export interface UserInput {
  email: string;
  name: string;
  /** default true */
  active?: boolean;
  /** default: only the first user (a company always has an admin) */
  is_admin?: boolean;
}

/** Field types the sandbox can create and validate (SDK AddPersonFieldRequest field_type). */
export type CustomFieldType =
  | 'varchar' | 'varchar_auto' | 'text' | 'double' | 'monetary' | 'enum' | 'set' | 'date' | 'daterange'
  | 'time' | 'timerange' | 'phone' | 'address' | 'user' | 'org' | 'people';

/** A custom field to pre-seed: enum/set options are labels (ids are assigned). */
export interface FieldSeed {
  name: string;
  type: CustomFieldType;
  options?: string[];
}

export interface PipedriveSandboxOptions {
  /** default 8087566 (the reference's example company) */
  companyId?: number;
  /** "acme" -> meta.host "acme.pipedrive.com" */
  companyDomain?: string;
  /** The first user's API token (x-api-token header or api_token query); default: generated. */
  apiToken?: string;
  /** Marketplace app credentials; enables /oauth/authorize and /oauth/token. */
  oauth?: {
    clientId: string;
    clientSecret: string;
    /** Scopes granted to issued tokens (set per app in Developer Hub, §2); default: all the app needs. */
    scopes?: string[];
    /** Issue a new refresh token on every refresh, invalidating the old one (§2 "may return a new refresh_token"). */
    rotateRefreshTokens?: boolean;
  };
  /** Plan: burst limits and daily budget multiplier (§4); default lite. */
  plan?: Plan;
  /** Burst-limit column for every request; default: the column of each request's own credentials (§4). */
  authMode?: AuthKind;
  /** Overrides the plan's burst limit (rolling window, per user and token). */
  rateLimit?: { max: number; intervalMs: number };
  /** Search API limit; default 10 per 2 s (§4). */
  searchLimit?: { max: number; intervalMs: number };
  /** Daily token budget; default 30 000 × plan multiplier × active seats (§4). */
  dailyTokenBudget?: number;
  /** After this many 429s in a row on an API token, answer 403 with a Cloudflare HTML page (§4); off by default. */
  cloudflareAfter429s?: number;
  /** How long that block lasts; default 60 s (Pipedrive documents no duration). */
  cloudflareBlockMs?: number;
  /** Multiplies webhook retry delays (3 s / 30 s / 150 s) and the 30-minute ban, e.g. 0.001 in tests. */
  timeScale?: number;
  /** Delay between a change and its webhook deliveries; default 10 ms. */
  webhookBatchMs?: number;
  /** A delivery fails without a 2xx within this long; default 10 s (§1.4). */
  webhookTimeoutMs?: number;
  /** Deliveries in flight at once; default 10 (Pipedrive documents none). */
  maxConcurrentWebhooks?: number;
  /** Injectable clock (epoch ms): timestamps, rate windows, daily reset, token expiry, bans, webhook deletion. */
  now?: () => number;
  users?: UserInput[];
  /** Person custom fields to pre-seed (replaces the default seed). */
  personFields?: FieldSeed[];
  /** Organization custom fields to pre-seed (replaces the default seed). */
  organizationFields?: FieldSeed[];
  /** Custom activity types besides the built-in ones; default ["webinar"]. */
  activityTypes?: string[];
}

export interface WebhookStats {
  /** POST attempts made (first attempts and retries). */
  sent: number;
  /** Attempts that failed (non-2xx, connection error, no answer within the timeout). */
  failed: number;
  /** Retry attempts made. */
  retried: number;
  /** Events given up after the 4th attempt. */
  gaveUp: number;
  eventsDelivered: number;
  /** Deliveries queued, in flight or waiting for a retry. */
  pendingEvents: number;
  /** Events that fell into a webhook's 30-minute ban (§1.4: lost, nothing kept). */
  lostDuringBan: number;
  /** Bans started. */
  bans: number;
  /** Webhooks deleted after 3 days without a successful delivery. */
  webhooksRemoved: number;
  /** Events not sent because the webhook's user may not see the object (§1.1 user_id). */
  notPermitted: number;
}

export interface SandboxStats {
  /** API calls by route template, e.g. "PATCH /api/v2/persons/:id". */
  calls: Record<string, number>;
  totalCalls: number;
  /** Daily-budget tokens spent by admitted calls. */
  tokensSpent: number;
  dailyTokenBudget: number;
  dailyTokensRemaining: number;
  /** 429 responses (burst, search and daily). */
  rateLimited: number;
  /** 429 responses because the daily budget was exhausted. */
  dailyLimited: number;
  /** 403 Cloudflare HTML pages served after repeated 429s. */
  blocked: number;
  webhooks: WebhookStats;
}
