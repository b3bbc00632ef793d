// Tenant keys for Pipedrive: one tenant per company, "pipedrive:<company_id>".
import type { TenantKey } from '../../src/store/types.ts';

const TENANT_RE = /^pipedrive:(\d+)$/;

export function pipedriveTenant(companyId: string | number): TenantKey {
  return `pipedrive:${companyId}`;
}

/** The company id of a Pipedrive tenant key, or null when the key is not a Pipedrive tenant. */
export function companyIdOf(tenant: TenantKey): string | null {
  return TENANT_RE.exec(tenant)?.[1] ?? null;
}
