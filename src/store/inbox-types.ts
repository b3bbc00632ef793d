// Rows of the durable inbox and of installs / uninstalls (part of the Store contract, types.ts).
import type { CrmKind, TenantKey } from './keys.ts';

// ---------------------------------------------------------------------------------------
// Durable inbox: every acknowledged webhook event is written here before the 2xx.
// ---------------------------------------------------------------------------------------
export interface InboxEventInput {
  tenant: TenantKey;
  source: string; // "hubspot-webhook", "pipedrive-webhook", "hubspot-journal", "backfill", ...
  dedupeKey: string; // composite key; a second event with the same (tenant, dedupeKey) is a duplicate
  kind: string; // normalized kind, e.g. "contact.creation", "person.change", "activity.create"
  objectId: string; // the record the event is about (contact / person / company / org / lead id)
  occurredAt: number; // epoch ms
  payload: unknown; // the raw event (JSON-serializable)
}

export type InboxStatus = 'pending' | 'processing' | 'done' | 'failed';

export interface InboxRow extends InboxEventInput {
  id: number;
  status: InboxStatus;
  attempts: number;
  availableAt: number; // epoch ms: not claimable before
  receivedAt: number;
  lastError: string | null;
}

export interface InboxStats {
  pending: number;
  processing: number;
  done: number;
  failed: number;
  oldestPendingAt: number | null;
}

// ---------------------------------------------------------------------------------------
// Installs (one per portal / company): credentials are encrypted by the caller.
// ---------------------------------------------------------------------------------------
export interface InstallRecord {
  tenant: TenantKey;
  crm: CrmKind;
  externalId: string; // portalId / companyId
  /** Encrypted credential blob (AES-256-GCM by src/crypto), opaque to the store. */
  credentials: string;
  /** Non-secret metadata: api_domain, scopes, webhook ids, field keys, ... */
  meta: Record<string, unknown>;
  installedAt: number;
  updatedAt: number;
}

/** An uninstall, kept after the tenant's data is deleted (who left, when, why). */
export interface UninstallRecord {
  tenant: TenantKey;
  crm: CrmKind;
  at: number;
  /** How we learned it: the CRM's uninstall call, a revoked refresh token, an admin command, ... */
  reason: string;
}
