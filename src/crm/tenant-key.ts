// Tenant keys: one tenant per installed HubSpot portal or Pipedrive company, "<crm>:<id>"
// (e.g. "hubspot:62515", "pipedrive:13176340"). The only place that builds or parses them.
import type { CrmKind, TenantKey } from '../store/types.ts';

export const CRM_KINDS: readonly CrmKind[] = ['hubspot', 'pipedrive'];

export function tenantKey(crm: CrmKind, externalId: string | number): TenantKey {
  return `${crm}:${externalId}`;
}

/** The CRM and its own id (portal id, company id) of a tenant key; null when malformed. */
export function parseTenantKey(key: string): { crm: CrmKind; externalId: string } | null {
  const colon = key.indexOf(':');
  const crm = key.slice(0, colon) as CrmKind;
  const externalId = key.slice(colon + 1);
  if (colon < 0 || !CRM_KINDS.includes(crm) || externalId === '') return null;
  return { crm, externalId };
}

/** The CRM of a tenant key; throws for a key that names no known CRM. */
export function crmOf(key: string): CrmKind {
  const parsed = parseTenantKey(key);
  if (!parsed) throw new Error(`Unknown tenant key "${key}"`);
  return parsed.crm;
}

/** The CRM's own numeric id in a tenant key of that CRM, or null (another CRM, malformed). */
export function numericIdOf(key: string, crm: CrmKind): string | null {
  const parsed = parseTenantKey(key);
  return parsed && parsed.crm === crm && /^\d+$/.test(parsed.externalId) ? parsed.externalId : null;
}
