// What Pipedrive events mean for the pipeline (reference pipedrive.md §1.2, §3.6):
// person create/change rescore the person; delete purges it (a delete carrying merged_to_id is
// a merge); organization changes rescore the organization's persons; an activity the rep logs
// (call / meeting / email) is the first touch and an engagement event; other activity types
// (e.g. a "webinar" activity type) are engagement events for the ledger; a deal created or
// changed is an outcome of its person (deal-outcome.ts); person / lead owner changes and leads
// archived are noted for the open-leads bookkeeping (crm-truth.ts).
import type { Interpretation } from '../../src/crm/interpret.ts';
import { emptyInterpretation } from '../../src/crm/interpret.ts';
import type { CrmConnector, CrmTenantClient } from '../../src/crm/types.ts';
import type { InboxRow } from '../../src/store/types.ts';
import { pipedriveDealOutcome } from './deal-outcome.ts';
import { notePipedriveCrmTruth } from './crm-truth.ts';

/** Activity types that count as a rep's first touch. */
const TOUCH_TYPES = new Set(['call', 'meeting', 'email']);

interface V2Payload {
  meta?: { action?: string; entity?: string; entity_id?: string | number; merged_to_id?: string | number; merged_from_id?: string | number; user_id?: string | number };
  v?: number;
  data?: Record<string, unknown> | null;
  previous?: Record<string, unknown> | null;
  // v1
  current?: Record<string, unknown> | null;
}

function str(v: unknown): string | null {
  if (v === null || v === undefined || v === '') return null;
  if (typeof v === 'object' && v !== null && 'value' in v) return str((v as { value: unknown }).value);
  return String(v);
}

function change(row: InboxRow, p: V2Payload, data: Record<string, unknown>, entity: string, leadId: string) {
  const user = p.meta?.user_id ?? (row.payload as { meta?: { user_id?: unknown } }).meta?.user_id;
  return { entity, leadId, data, previous: p.previous, v1: p.v === 1, at: row.occurredAt, userId: user === undefined || user === null ? null : String(user) };
}

export function createPipedriveInterpreter(): Pick<CrmConnector, 'interpret'> {
  return {
    async interpret(rows: InboxRow[], _client: CrmTenantClient): Promise<Interpretation> {
      const out = emptyInterpretation();
      for (const row of rows) {
        const p = (row.payload ?? {}) as V2Payload;
        const data = p.data ?? p.current ?? null;
        const [entity, action] = row.kind.split('.') as [string, string];
        if (entity === 'person') {
          const mergedTo = str(p.meta?.merged_to_id ?? (row.payload as { merged_to_id?: unknown }).merged_to_id);
          if (action === 'merge' || (action === 'delete' && mergedTo)) {
            if (mergedTo) out.merges.push({ from: row.objectId, to: mergedTo });
            else out.noop.push(row.id);
            if (mergedTo) out.rescore.add(mergedTo);
          } else if (action === 'delete') out.purge.add(row.objectId);
          else {
            out.rescore.add(row.objectId);
            if (action === 'change' && data) notePipedriveCrmTruth(out, change(row, p, data, 'person', row.objectId));
          }
        } else if (entity === 'organization') {
          if (action === 'delete') out.noop.push(row.id);
          else out.companies.add(row.objectId);
        } else if (entity === 'activity') {
          const personId = str(data?.person_id);
          const type = str(data?.type);
          if (!personId || !type || action === 'delete') {
            out.noop.push(row.id);
            continue;
          }
          const at = row.occurredAt;
          if (TOUCH_TYPES.has(type)) out.touches.push({ leadId: personId, at });
          out.behaviour.push({ leadId: personId, event: { type, at, id: `activity:${row.objectId}` } });
        } else if (entity === 'lead') {
          // Leads Inbox: the lead is scored and routed through its person (leads have no custom
          // fields of their own, §3.6); a NEW lead then takes the person's owner (lead-entities.ts).
          // Later lead changes only rescore the person: a rep who reassigns a lead keeps it so.
          const personId = str(data?.person_id);
          if (!personId || action === 'delete') {
            out.noop.push(row.id);
            continue;
          }
          out.rescore.add(personId);
          if (action === 'change') notePipedriveCrmTruth(out, change(row, p, data!, 'lead', personId));
          const leadId = str(data?.id) ?? str(p.meta?.entity_id);
          if (action === 'create' && leadId && data?.is_archived !== true) out.followers.push({ leadId: personId, recordId: leadId, ownerId: str(data?.owner_id) });
        } else if (entity === 'deal') {
          const outcome = action === 'delete' ? null : pipedriveDealOutcome(row.objectId, data, row.occurredAt);
          if (outcome) out.outcomes.push(outcome);
          else out.noop.push(row.id);
        } else out.noop.push(row.id);
      }
      return out;
    },
  };
}
