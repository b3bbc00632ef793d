// OAuth scopes each API needs (shared/reference/hubspot.md §3 "Scopes this app needs").
// Engagement objects are covered by the contact scopes here.
import type { CrmObjectType } from './types.ts';

export function objectScopes(type: CrmObjectType, access: 'read' | 'write'): string[] {
  const base = type === 'companies' ? 'crm.objects.companies' : 'crm.objects.contacts';
  return access === 'read' ? [`${base}.read`, `${base}.write`] : [`${base}.write`];
}

export function schemaScopes(type: CrmObjectType, access: 'read' | 'write'): string[] {
  const base = type === 'companies' ? 'crm.schemas.companies' : 'crm.schemas.contacts';
  return access === 'read' ? [`${base}.read`, `${base}.write`] : [`${base}.write`];
}

export const OWNER_SCOPES = ['crm.objects.owners.read'];
