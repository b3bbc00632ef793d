// Contact property changes that say what happened to a lead in HubSpot, beyond its data: the
// owner changed (hubspot_owner_id), its lifecycle stage or lead status moved (lifecyclestage,
// hs_lead_status; reference hubspot.md §8 default contact properties). The pipeline follows
// them per the tenant's openLeads config (src/outcomes/apply-crm-truth.ts).
import type { Interpretation } from '../../src/crm/interpret.ts';
import type { LeadStatusKind } from '../../src/store/types.ts';
import { OWNER_PROPERTY } from './mapping.ts';

const STATUS_PROPERTIES: Record<string, LeadStatusKind> = {
  lifecyclestage: 'lifecycle_stage',
  hs_lead_status: 'lead_status',
};

/** Contact properties the app subscribes to for this (manifest.ts), whatever the config maps. */
export const CRM_TRUTH_PROPERTIES: readonly string[] = [OWNER_PROPERTY, ...Object.keys(STATUS_PROPERTIES)];

interface PropertyChange {
  propertyName?: string;
  propertyValue?: string | number | boolean | null;
  sourceId?: string | number;
}

/** HubSpot's sourceId for a change made in the UI is "userId:<id>" (§1.2 changeSource). */
function userIdOf(sourceId: string | number | undefined): string | null {
  const m = typeof sourceId === 'string' ? /^userId:(\d+)$/.exec(sourceId) : null;
  return m ? m[1]! : null;
}

function valueOf(v: PropertyChange['propertyValue']): string | null {
  return v === undefined || v === null || v === '' ? null : String(v);
}

/** Record what a contact.propertyChange says about the lead's owner or status, if anything. */
export function noteHubspotCrmTruth(out: Interpretation, leadId: string, at: number, e: PropertyChange): void {
  if (e.propertyName === OWNER_PROPERTY) {
    out.ownerChanges.push({ leadId, ownerId: valueOf(e.propertyValue), at, userId: userIdOf(e.sourceId) });
    return;
  }
  const kind = e.propertyName ? STATUS_PROPERTIES[e.propertyName] : undefined;
  if (kind) out.statuses.push({ leadId, kind, recordId: '', value: valueOf(e.propertyValue), at });
}
