// What a Pipedrive change says about a lead beyond its data (pipedrive.md §1.2: a v2 `change`
// carries `previous` with ONLY the changed fields; v1 carries full `current` / `previous`):
// the person's owner changed, a Leads-Inbox lead's owner changed (the lead is worked through its
// person, so it is the person's reassignment), a lead was archived (or restored). The pipeline
// follows them per the tenant's openLeads config (src/outcomes/apply-crm-truth.ts). Our own
// owner writes come back as `api` changes of our fields only and never get here (events.ts).
import type { Interpretation } from '../../src/crm/interpret.ts';

type Obj = Record<string, unknown>;

function str(v: unknown): string | null {
  if (v === null || v === undefined || v === '') return null;
  if (typeof v === 'object' && 'value' in v) return str((v as { value: unknown }).value);
  if (typeof v === 'object' && 'id' in v) return str((v as { id: unknown }).id);
  return String(v);
}

/** A field changed in this event: v2 lists it in `previous`; v1 has both full states. */
function changed(key: string, data: Obj, previous: Obj | null | undefined, v1: boolean): boolean {
  if (!previous || !(key in previous)) return false;
  return !v1 || JSON.stringify(str(previous[key])) !== JSON.stringify(str(data[key]));
}

export interface ChangeEvent {
  entity: string;
  /** The lead-router lead (person id) the event is about. */
  leadId: string;
  data: Obj;
  previous: Obj | null | undefined;
  v1: boolean;
  at: number;
  userId: string | null;
}

/** Note owner changes (person, Leads-Inbox lead) and lead archive / restore in `out`. */
export function notePipedriveCrmTruth(out: Interpretation, e: ChangeEvent): void {
  if ((e.entity === 'person' || e.entity === 'lead') && changed('owner_id', e.data, e.previous, e.v1)) {
    const before = e.previous && 'owner_id' in e.previous ? { previousOwnerId: str(e.previous['owner_id']) } : {};
    out.ownerChanges.push({ leadId: e.leadId, ownerId: str(e.data['owner_id']), at: e.at, userId: e.userId, ...before });
  }
  if (e.entity === 'lead' && changed('is_archived', e.data, e.previous, e.v1)) {
    const recordId = str(e.data['id']);
    if (recordId) out.statuses.push({ leadId: e.leadId, kind: 'lead_archived', recordId, value: e.data['is_archived'] === true ? 'true' : 'false', at: e.at });
  }
}
