// Validation + application of record writes, shared by the API routes (INTEGRATION changes) and
// the user-simulation helpers (CRM_UI changes), so both paths enforce the same HubSpot rules.
import { resolveAssociationTypeId } from './association-store.ts';
import type { SandboxContext } from './context.ts';
import { apiError } from './errors.ts';
import type { ErrorDetail, SandboxApiError } from './errors.ts';
import { describePropertyIssues, normalizePropertyValues } from './property-values.ts';
import type { PropertyIssue } from './property-values.ts';
import { ENGAGEMENT_TYPES } from './types.ts';
import type { ChangeOrigin, CrmObjectType, CrmRecord, EngagementObjectType } from './types.ts';

export interface AssociationInput {
  to: { id: string | number };
  types: { associationCategory?: string; associationTypeId: number }[];
}

export interface WriteProblem {
  status: number;
  category: string;
  message: string;
  errors?: ErrorDetail[];
}

interface PlannedLink { to: CrmObjectType; toId: string; primary: boolean }

export type CheckedCreate = { ok: true; values: Record<string, string>; links: PlannedLink[] } | { ok: false; problem: WriteProblem };
export type CheckedUpdate = { ok: true; record: CrmRecord; values: Record<string, string> } | { ok: false; problem: WriteProblem };

export function problemError(problem: WriteProblem): SandboxApiError {
  return apiError(problem.status, problem.category, problem.message, problem.errors ? { errors: problem.errors } : {});
}

function invalidProperties(ctx: SandboxContext, issues: PropertyIssue[]): WriteProblem {
  return {
    status: 400, category: 'VALIDATION_ERROR', message: describePropertyIssues(issues, ctx.portalId),
    errors: issues.map((i) => ({ message: i.message, code: i.code, context: { propertyName: [i.name] } })),
  };
}

function emailConflict(ctx: SandboxContext, values: Record<string, string>, selfId?: string, claimed?: Set<string>): WriteProblem | undefined {
  const email = values['email'];
  if (!email) return undefined;
  const existing = ctx.store.findBy('contacts', 'email', email);
  // §6 / observed 409 body: "Contact already exists. Existing ID: <id>"
  if (existing && existing.id !== selfId) return { status: 409, category: 'OBJECT_ALREADY_EXISTS', message: `Contact already exists. Existing ID: ${existing.id}` };
  if (claimed?.has(email.toLowerCase())) return { status: 409, category: 'OBJECT_ALREADY_EXISTS', message: `Duplicate email in batch input: ${email}` };
  return undefined;
}

function planLinks(ctx: SandboxContext, type: CrmObjectType, associations: AssociationInput[]): PlannedLink[] | WriteProblem {
  const links: PlannedLink[] = [];
  for (const association of associations) {
    const toId = String(association.to?.id ?? '');
    for (const t of association.types ?? []) {
      const resolved = resolveAssociationTypeId(type, Number(t.associationTypeId));
      if (!resolved || (t.associationCategory !== undefined && t.associationCategory !== 'HUBSPOT_DEFINED')) {
        return { status: 400, category: 'VALIDATION_ERROR', message: `${t.associationCategory ?? 'HUBSPOT_DEFINED'} association type ${t.associationTypeId} is not valid from ${type}` };
      }
      if (!ctx.store.get(resolved.to, toId)) {
        return { status: 400, category: 'VALIDATION_ERROR', message: `Association target ${resolved.to} ${toId} does not exist` };
      }
      links.push({ to: resolved.to, toId, primary: resolved.primary });
    }
  }
  return links;
}

/** Validates a create; `claimedEmails` catches duplicates inside one batch. */
export function checkCreate(ctx: SandboxContext, type: CrmObjectType, properties: unknown, associations: unknown, claimedEmails?: Set<string>): CheckedCreate {
  if (properties !== undefined && (typeof properties !== 'object' || properties === null || Array.isArray(properties))) {
    return { ok: false, problem: { status: 400, category: 'VALIDATION_ERROR', message: 'properties must be an object of property name to value' } };
  }
  const { values, issues } = normalizePropertyValues(type, (properties ?? {}) as Record<string, unknown>, ctx);
  // Engagements need an activity date (HubSpot engagements API: hs_timestamp is required).
  if (ENGAGEMENT_TYPES.includes(type as EngagementObjectType) && !values['hs_timestamp']) {
    issues.push({ name: 'hs_timestamp', code: 'REQUIRED_PROPERTY', message: 'Property "hs_timestamp" is required' });
  }
  if (issues.length > 0) return { ok: false, problem: invalidProperties(ctx, issues) };
  const conflict = type === 'contacts' ? emailConflict(ctx, values, undefined, claimedEmails) : undefined;
  if (conflict) return { ok: false, problem: conflict };
  if (associations !== undefined && !Array.isArray(associations)) {
    return { ok: false, problem: { status: 400, category: 'VALIDATION_ERROR', message: 'associations must be an array' } };
  }
  const links = planLinks(ctx, type, (associations ?? []) as AssociationInput[]);
  if (!Array.isArray(links)) return { ok: false, problem: links };
  if (type === 'contacts' && values['email']) claimedEmails?.add(values['email'].toLowerCase());
  return { ok: true, values, links };
}

export function applyCreate(ctx: SandboxContext, type: CrmObjectType, checked: { values: Record<string, string>; links: PlannedLink[] }, origin: ChangeOrigin): CrmRecord {
  const record = ctx.store.create(type, checked.values, origin);
  for (const link of checked.links) ctx.store.associate(type, record.id, link.to, link.toId, link.primary, origin);
  return record;
}

export function checkUpdate(ctx: SandboxContext, type: CrmObjectType, id: string, properties: unknown): CheckedUpdate {
  const record = ctx.store.get(type, id);
  if (!record) return { ok: false, problem: { status: 404, category: 'OBJECT_NOT_FOUND', message: 'Object not found.  objectId are usually numeric.' } };
  if (typeof properties !== 'object' || properties === null || Array.isArray(properties)) {
    return { ok: false, problem: { status: 400, category: 'VALIDATION_ERROR', message: 'properties must be an object of property name to value' } };
  }
  const { values, issues } = normalizePropertyValues(type, properties as Record<string, unknown>, ctx);
  if (issues.length > 0) return { ok: false, problem: invalidProperties(ctx, issues) };
  const conflict = type === 'contacts' ? emailConflict(ctx, values, record.id) : undefined;
  if (conflict) return { ok: false, problem: conflict };
  return { ok: true, record, values };
}
