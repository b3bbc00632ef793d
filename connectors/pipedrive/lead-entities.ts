// Leads Inbox (pipedrive.md §3.6): a lead has no fields of its own (it inherits the deal field
// set), so lead-router scores and routes the lead's PERSON, then gives a newly created lead its
// person's owner. The interpreter notes each new lead against its person; once the person's
// decision is written (CrmTenantClient.afterWrite), the lead gets the person's owner with one
// PATCH /v1/leads/{id} (v1 only, §3.1) when it differs. Leads-Inbox webhook rows are keyed by the
// person (events.ts), so a failed PATCH retries with the person's rows, and a replay after a
// crash notes the lead again: nothing here needs to outlive the process.
import { CrmError } from '../../src/errors.ts';
import type { WriteResult } from '../types.ts';

export interface NewLeadEntity {
  /** The lead's uuid. */
  leadId: string;
  personId: string;
  /** The lead's owner as the webhook showed it (skip the PATCH when it already matches). */
  ownerId: string | null;
}

export interface LeadEntityTracker {
  note(lead: NewLeadEntity): void;
  afterWrite(persons: { id: string; ownerId: string | null }[]): Promise<WriteResult[]>;
  /** Leads waiting for their person's decision (tests, metrics). */
  pending(): number;
}

export function createLeadEntityTracker(patchOwner: (leadId: string, ownerId: number) => Promise<unknown>): LeadEntityTracker {
  const byPerson = new Map<string, Map<string, NewLeadEntity>>();

  async function syncOne(lead: NewLeadEntity, ownerId: string): Promise<string | null> {
    if (lead.ownerId === ownerId) return null;
    try {
      await patchOwner(lead.leadId, Number(ownerId));
      return null;
    } catch (err) {
      if (err instanceof CrmError && err.crmStatus === 404) return null; // the lead was deleted or converted meanwhile
      throw err;
    }
  }

  return {
    note(lead) {
      const leads = byPerson.get(lead.personId) ?? new Map<string, NewLeadEntity>();
      leads.set(lead.leadId, lead);
      byPerson.set(lead.personId, leads);
    },

    async afterWrite(persons) {
      const results = await Promise.all(
        persons.map(async ({ id, ownerId }): Promise<WriteResult | null> => {
          const leads = byPerson.get(id);
          if (!leads) return null;
          // No owner to hand on (lead-router's own user still owns the person): leave the lead.
          if (ownerId === null || !/^\d+$/.test(ownerId)) {
            byPerson.delete(id);
            return null;
          }
          const errors: { error: string; retryable: boolean }[] = [];
          for (const lead of [...leads.values()]) {
            try {
              await syncOne(lead, ownerId);
              leads.delete(lead.leadId);
            } catch (err) {
              const retryable = !(err instanceof CrmError) || err.retryable;
              if (!retryable) leads.delete(lead.leadId);
              errors.push({ error: `lead ${lead.leadId}: ${(err as Error).message}`, retryable });
            }
          }
          if (leads.size === 0) byPerson.delete(id);
          if (!errors.length) return null;
          return { id, ok: false, retryable: errors.some((e) => e.retryable), error: errors.map((e) => e.error).join('; ') };
        }),
      );
      return results.filter((r): r is WriteResult => r !== null);
    },

    pending: () => [...byPerson.values()].reduce((n, m) => n + m.size, 0),
  };
}
