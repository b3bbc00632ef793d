// What HubSpot events mean for the pipeline (reference hubspot.md §1.2, checklist 5):
// contact changes rescore the contact; deletion / privacy deletion purge it; merge re-keys to
// the surviving id; company changes rescore the company's contacts; a call / meeting / email
// logged by a rep is the lead's first touch; behaviour counters become ledger events; a deal
// created, moved to another stage, re-valued or linked to a contact is read (client.readDeals:
// won / lost from its pipeline's stages) and becomes an outcome of its contacts; owner, lifecycle
// stage and lead status changes are noted for the open-leads bookkeeping (crm-truth.ts).
import type { DealOutcome, Interpretation } from '../../src/crm/interpret.ts';
import { emptyInterpretation } from '../../src/crm/interpret.ts';
import type { CrmConnector, CrmTenantClient } from '../../src/crm/types.ts';
import type { InboxRow } from '../../src/store/types.ts';
import { CrmError } from '../../src/errors.ts';
import { noteHubspotCrmTruth } from './crm-truth.ts';

/**
 * HubSpot reflects behaviour in calculated counters (§8); each increment seen through a
 * contact.propertyChange event becomes one timestamped ledger event, so engagement decays.
 * A jump of several units in one change (imports, backfills) is recorded as one event.
 */
export const HUBSPOT_BEHAVIOUR_COUNTERS: Record<string, string> = {
  hs_email_open: 'email_open',
  hs_email_click: 'email_click',
  hs_analytics_num_page_views: 'page_view',
  num_conversion_events: 'form_submission',
  hs_email_replied: 'email_reply',
};

/** Engagement objects that count as a rep's first touch. */
const TOUCH_TYPES = new Set(['call', 'meeting', 'email']);

interface RawEvent {
  objectId?: number | string;
  propertyName?: string;
  propertyValue?: string;
  sourceId?: string | number;
  primaryObjectId?: number | string;
  newObjectId?: number | string;
  mergedObjectIds?: (number | string)[];
  associationType?: string;
  fromObjectId?: number | string;
  toObjectId?: number | string;
  occurredAt?: number;
}

export function createHubspotInterpreter(): Pick<CrmConnector, 'interpret'> {
  return {
    async interpret(rows: InboxRow[], client: CrmTenantClient): Promise<Interpretation> {
      const out = emptyInterpretation();
      const engagements = new Map<string, { id: string; at: number }[]>(); // type -> ids
      const deals = new Map<string, number[]>(); // deal id -> its rows (settled with the chunk)
      for (const row of rows) {
        const e = row.payload as RawEvent;
        const [object, action] = splitKind(row.kind);
        if (object === 'contact') {
          if (action === 'deletion' || action === 'privacyDeletion') out.purge.add(row.objectId);
          else if (action === 'merge') {
            const to = String(e.newObjectId ?? e.primaryObjectId ?? row.objectId);
            for (const from of e.mergedObjectIds ?? []) if (String(from) !== to) out.merges.push({ from: String(from), to });
            out.rescore.add(to);
          } else if (action === 'associationChange') {
            out.rescore.add(String(e.fromObjectId ?? row.objectId));
          } else {
            out.rescore.add(row.objectId);
            const type = action === 'propertyChange' && e.propertyName ? HUBSPOT_BEHAVIOUR_COUNTERS[e.propertyName] : undefined;
            if (type && Number(e.propertyValue ?? 0) > 0) {
              out.behaviour.push({ leadId: row.objectId, event: { type, at: row.occurredAt, id: row.dedupeKey } });
            }
            if (action === 'propertyChange') noteHubspotCrmTruth(out, row.objectId, row.occurredAt, e);
          }
        } else if (object === 'company') {
          if (action === 'associationChange' && e.associationType === 'COMPANY_TO_CONTACT' && e.toObjectId !== undefined) {
            out.rescore.add(String(e.toObjectId));
          } else if (action === 'propertyChange' || action === 'restore' || action === 'merge') out.companies.add(row.objectId);
          // creation: a new company has no contacts yet; deletion: its contacts change on their own.
          else out.noop.push(row.id);
        } else if (object === 'deal') {
          // Deletions leave the outcome as it was last seen (a deleted deal is not a lost one).
          if (action === 'deletion') out.noop.push(row.id);
          else {
            const id = action === 'associationChange' ? String(e.fromObjectId ?? row.objectId) : row.objectId;
            deals.set(id, [...(deals.get(id) ?? []), row.id]);
          }
        } else if (object.startsWith('engagement.')) {
          const type = object.slice('engagement.'.length);
          if (action === 'creation' && TOUCH_TYPES.has(type)) {
            const list = engagements.get(type) ?? [];
            list.push({ id: row.objectId, at: row.occurredAt });
            engagements.set(type, list);
          } else out.noop.push(row.id);
        } else out.noop.push(row.id);
      }
      if (engagements.size && client.engagementLeadIds) {
        for (const [type, list] of engagements) {
          const byId = await client.engagementLeadIds(type, list.map((l) => l.id));
          for (const { id, at } of list) {
            for (const leadId of byId.get(id) ?? []) {
              out.touches.push({ leadId, at });
              out.behaviour.push({ leadId, event: { type, at, id: `engagement:${id}` } });
            }
          }
        }
      }
      if (deals.size && client.readDeals) {
        const read = await readDealsOrNothing(client.readDeals.bind(client), [...deals.keys()]);
        for (const [id, rows] of deals) {
          const outcome = read.get(id);
          if (outcome && outcome.leadIds.length > 0) out.outcomes.push(outcome);
          else out.noop.push(...rows); // deleted since, or not linked to a contact yet
        }
      } else for (const rows of deals.values()) out.noop.push(...rows);
      return out;
    },
  };
}

function splitKind(kind: string): [string, string] {
  const i = kind.lastIndexOf('.');
  return [kind.slice(0, i), kind.slice(i + 1)];
}

/**
 * Deal reads must never hold up lead routing: a refusal that retrying cannot fix (403: a portal
 * installed before the deals scope was added, until it re-authorizes) settles the deal rows as
 * no-ops (`backfill --outcomes` reads those deals later); a retryable failure still retries the
 * chunk, as every other CRM read does.
 */
async function readDealsOrNothing(read: (ids: string[]) => Promise<Map<string, DealOutcome>>, ids: string[]): Promise<Map<string, DealOutcome>> {
  try {
    return await read(ids);
  } catch (err) {
    if (err instanceof CrmError && !err.retryable) return new Map();
    throw err;
  }
}
