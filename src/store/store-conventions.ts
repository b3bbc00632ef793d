// Conventions both stores share, so they behave the same.

/** getAudit without a limit returns this many records (latest first). */
export const DEFAULT_AUDIT_LIMIT = 100;

/**
 * Cursor keys that start with "<tenant>:" belong to that tenant and are deleted with it
 * (e.g. "hubspot:123:backfill:contacts"). The trailing colon keeps "hubspot:1" from
 * matching "hubspot:12:...".
 */
export function tenantCursorPrefix(tenant: string): string {
  return `${tenant}:`;
}

/** PostgreSQL schema names lead-router accepts: unquoted-identifier style, so no quoting surprises. */
export const POSTGRES_SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;
