// Tenant keys for HubSpot: one tenant per portal (account), "hubspot:<portalId>".
import type { TenantKey } from '../../src/store/types.ts';

const TENANT_RE = /^hubspot:(\d+)$/;

export function hubspotTenant(portalId: string | number): TenantKey {
  return `hubspot:${portalId}`;
}

/** The portal id of a HubSpot tenant key, or null when the key is not a HubSpot tenant. */
export function portalIdOf(tenant: TenantKey): string | null {
  return TENANT_RE.exec(tenant)?.[1] ?? null;
}
