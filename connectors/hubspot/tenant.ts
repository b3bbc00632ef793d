// Tenant keys for HubSpot: one tenant per portal (account), "hubspot:<portalId>".
import { numericIdOf, tenantKey } from '../../src/crm/tenant-key.ts';
import type { TenantKey } from '../../src/store/types.ts';

export function hubspotTenant(portalId: string | number): TenantKey {
  return tenantKey('hubspot', portalId);
}

/** The portal id of a HubSpot tenant key, or null when the key is not a HubSpot tenant. */
export function portalIdOf(tenant: TenantKey): string | null {
  return numericIdOf(tenant, 'hubspot');
}
