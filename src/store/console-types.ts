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

export interface AdminLinkRecord {
  tokenHash: string;
  tenant: TenantKey;
  createdAt: number;
  expiresAt: number;
}

/** Why a link did not sign anyone in: never seen, past its expiry, or already used. */
export type AdminLinkResult = { status: 'ok'; tenant: TenantKey } | { status: 'unknown' | 'expired' | 'used' };

export interface AdminSessionRecord {
  idHash: string;
  tenant: TenantKey;
  /** Synchronizer token the console sends back in X-CSRF-Token on every write. */
  csrfToken: string;
  createdAt: number;
  expiresAt: number;
}

/** Links and sessions are kept this long past their expiry (to answer "expired", not "unknown"), then pruned. */
export const ADMIN_PRUNE_AFTER_MS = 24 * 60 * 60 * 1000;
