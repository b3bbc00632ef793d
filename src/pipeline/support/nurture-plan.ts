// The nurture actions a decision asks for (Evaluation.nurture), reduced to what the CRM does not
// hold yet, like the rest of the write plan. HubSpot list membership cannot be read in the
// batch read, so it is asked for on every decision of a nurtured contact: adding a member
// is idempotent, and it costs at most one call per list per batch of 100 (a failed add is
// retried with the lead's inbox rows instead of being lost). A lead that re-engages (routed to
// sales) gets its program's Pipedrive label taken off, its other labels kept; HubSpot's marks
// stay (the lifecycle stage only moves forward; list membership is marketing's history).
import type { CrmLeadSnapshot, LeadUpdate, NurtureWrite } from '../../crm/types.ts';
import type { Evaluation } from '../../engine/types.ts';
import type { CrmKind } from '../../store/types.ts';

/** HubSpot's default lifecycle stages in order; a contact only moves forward (a customer is never set back to lead). */
const LIFECYCLE_ORDER = ['subscriber', 'lead', 'marketingqualifiedlead', 'salesqualifiedlead', 'opportunity', 'customer', 'evangelist'];

function forward(current: string | null | undefined, next: string): boolean {
  if (!current) return true;
  if (current === next) return false;
  const from = LIFECYCLE_ORDER.indexOf(current);
  const to = LIFECYCLE_ORDER.indexOf(next);
  // An unknown stage (custom, or "other") is someone's deliberate choice: leave it.
  return from >= 0 && to > from;
}

/** A re-engaged lead leaves nurture: its program's Pipedrive label comes off, the other labels stay. */
function planUnlabel(crm: CrmKind, snapshot: CrmLeadSnapshot, e: Evaluation): NurtureWrite | null {
  const label = e.reengagedFrom?.pipedrive?.label;
  const labels = snapshot.nurture?.labels;
  if (crm !== 'pipedrive' || !label || !labels) return null; // labels unknown: never overwrite them
  const kept = labels.filter((l) => l.name.toLowerCase() !== label.toLowerCase());
  return kept.length < labels.length ? { unlabel: { name: label, keepIds: kept.map((l) => l.id) } } : null;
}

export function planNurture(crm: CrmKind, snapshot: CrmLeadSnapshot, e: Evaluation): NurtureWrite | null {
  const mark = e.nurture;
  if (!mark) return planUnlabel(crm, snapshot, e);
  const state = snapshot.nurture ?? {};
  const out: NurtureWrite = {};
  if (crm === 'hubspot' && mark.hubspot) {
    const { lifecycleStage, leadStatus, listId } = mark.hubspot;
    if (lifecycleStage && forward(state.lifecycleStage, lifecycleStage)) out.lifecycleStage = lifecycleStage;
    if (leadStatus && (state.leadStatus ?? null) !== leadStatus) out.leadStatus = leadStatus;
    if (listId) out.listId = listId;
  }
  // label_ids is replaced as a whole: without the person's labels read, writing would drop them.
  if (crm === 'pipedrive' && mark.pipedrive && state.labels) {
    const labels = state.labels;
    const name = mark.pipedrive.label;
    if (!labels.some((l) => l.name.toLowerCase() === name.toLowerCase())) out.label = { name, keepIds: labels.map((l) => l.id) };
  }
  return Object.keys(out).length ? out : null;
}

/** The lead's planned write with its nurture actions added (a write of its own when nothing else changed). */
export function withNurture(update: LeadUpdate | null, crm: CrmKind, snapshot: CrmLeadSnapshot, e: Evaluation): LeadUpdate | null {
  const nurture = planNurture(crm, snapshot, e);
  if (!nurture) return update;
  return { ...(update ?? { id: snapshot.id, values: {} }), nurture };
}
