// Store shapes of the admin console: one-time sign-in links, sessions, and the decision list.
// Secrets never reach the store in the clear: links and session cookies are kept as SHA-256
// hashes (src/server/console/tokens.ts), so a copy of the database signs nobody in.
import type { Evaluation } from '../engine/types.ts';

// Declared here, not imported from ./types.ts (which imports this file): no cycle.
type TenantKey = string;

/** Structurally the AuditRecord of ./types.ts. */
interface AuditRow {
  tenant: TenantKey;
  leadId: string;
  at: number;
  evaluation: Evaluation;
  configVersion?: string | null;
}

/** An audit row as appended: the optional email lookup key (src/crypto/email-lookup.ts). */
export interface AuditInput extends Omit<AuditRow, 'configVersion'> {
  emailHash?: string | null;
  /** The config version that decided ("v3", "file:<hash>"). */
  configVersion?: string | null;
  /** The engine input of the decision (src/pipeline/support/decision-input.ts), for preview. */
  input?: unknown;
  /** The decision's place in the routing order (RoutingTransaction.seq, Store.nextRoutingSeq), for preview; 0 / absent: none. */
  routingSeq?: number;
}

/** An audit row with its id (the decision list pages by id). */
export interface DecisionRecord extends AuditRow {
  id: number;
}

export interface DecisionFilter {
  rule?: string;
  owner?: string;
  tier?: string;
  /** Only decisions that reached the configured fallback owner. */
  fallbackOnly?: boolean;
  /** Page: only rows with a smaller id (the previous page's last id). */
  beforeId?: number;
  limit: number;
}

/**
 * Who opened the console, as the issuer of the sign-in link verified it: the CRM user of a signed
 * hand-off (HubSpot settings page: the user HubSpot appended to the signed URL; Pipedrive
 * settings page: the user of the verified token) or the name an operator gave
 * `lead-router admin-link --as`. Never read from a console request.
 */
export interface ConsoleUser {
  /** Where the identity comes from and its id there: "hubspot:123", "pipedrive:456", "admin-link". */
  id: string;
  /** What the console and the version history show: an e-mail address or a name. */
  name: string;
}

export interface AdminLinkRecord {
  tokenHash: string;
  tenant: TenantKey;
  createdAt: number;
  expiresAt: number;
  /** Who the link signs in (migration 19); absent: an anonymous session of the tenant. */
  user?: ConsoleUser;
}

/** Why a link did not sign anyone in: never seen, past its expiry, or already used. */
export type AdminLinkResult = { status: 'ok'; tenant: TenantKey; user?: ConsoleUser } | { status: 'unknown' | 'expired' | 'used' };

export interface AdminSessionRecord {
  idHash: string;
  tenant: TenantKey;
  /** Synchronizer token the console sends back in X-CSRF-Token on every write. */
  csrfToken: string;
  createdAt: number;
  expiresAt: number;
  /** Who signed in, carried over from the link (migration 19); absent: anonymous. */
  user?: ConsoleUser;
}

/** Links and sessions are kept this long past their expiry (to answer "expired", not "unknown"), then pruned. */
export const ADMIN_PRUNE_AFTER_MS = 24 * 60 * 60 * 1000;
