// Tenant keys for Pipedrive: one tenant per company, "pipedrive:<company_id>".
import { numericIdOf, tenantKey } from '../../src/crm/tenant-key.ts';
import type { TenantKey } from '../../src/store/types.ts';

export function pipedriveTenant(companyId: string | number): TenantKey {
  return tenantKey('pipedrive', companyId);
}

/** The company id of a Pipedrive tenant key, or null when the key is not a Pipedrive tenant. */
export function companyIdOf(tenant: TenantKey): string | null {
  return numericIdOf(tenant, 'pipedrive');
}
