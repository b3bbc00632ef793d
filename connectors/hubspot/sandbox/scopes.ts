// OAuth scopes each API needs (shared/reference/hubspot.md §3 "Scopes this app needs").
// Engagement objects are covered by the contact scopes here.
import type { CrmObjectType } from './types.ts';

export function objectScopes(type: CrmObjectType, access: 'read' | 'write'): string[] {
  const base = type === 'companies' ? 'crm.objects.companies' : type === 'deals' ? 'crm.objects.deals' : 'crm.objects.contacts';
  return access === 'read' ? [`${base}.read`, `${base}.write`] : [`${base}.write`];
}

export function schemaScopes(type: CrmObjectType, access: 'read' | 'write'): string[] {
  const base = type === 'companies' ? 'crm.schemas.companies' : type === 'deals' ? 'crm.schemas.deals' : 'crm.schemas.contacts';
  return access === 'read' ? [`${base}.read`, `${base}.write`] : [`${base}.write`];
}

export const OWNER_SCOPES = ['crm.objects.owners.read'];
/** Deal pipelines: readable with the deals scope (and, per the v1 docs, the contacts scope). */
export const DEAL_PIPELINE_SCOPES = ['crm.objects.deals.read', 'crm.objects.deals.write', 'crm.objects.contacts.read'];
