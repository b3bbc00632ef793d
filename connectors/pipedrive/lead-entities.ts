// Leads Inbox (pipedrive.md §3.6): a lead has no fields of its own (it inherits the deal field
// set), so lead-router scores and routes the lead's PERSON, then gives a newly created lead its
// person's owner. The interpreter names each new lead as a follower of its person
// (Interpretation.followers); the pipeline carries it with the person's held events and, once the
// person's decision is written, hands it here (CrmTenantClient.afterWrite): the lead gets the
// person's owner with one PATCH /v1/leads/{id} (v1 only, §3.1) when it differs. Leads-Inbox
// webhook rows are keyed by the person (events.ts), so a failed PATCH retries with the person's
// rows, and a replay after a crash names the lead again: nothing is kept between calls.
import type { OwnerFollower } from '../../src/crm/interpret.ts';
import { CrmError } from '../../src/errors.ts';
import type { WriteResult } from '../../src/crm/types.ts';

export type PatchLeadOwner = (leadId: string, ownerId: number) => Promise<unknown>;

/** Give each person's new leads the person's owner; per-person failures as WriteResults. */
export async function syncLeadOwners(
  patchOwner: PatchLeadOwner,
  persons: { id: string; ownerId: string | null; followers: OwnerFollower[] }[],
): Promise<WriteResult[]> {
  const results = await Promise.all(
    persons.map(async ({ id, ownerId, followers }): Promise<WriteResult | null> => {
      // No owner to hand on (lead-router's own user still owns the person): leave the lead.
      if (ownerId === null || !/^\d+$/.test(ownerId)) return null;
      const errors: { error: string; retryable: boolean }[] = [];
      const seen = new Set<string>();
      for (const lead of followers) {
        if (seen.has(lead.recordId) || lead.ownerId === ownerId) continue;
        seen.add(lead.recordId);
        try {
          await patchOwner(lead.recordId, Number(ownerId));
        } catch (err) {
          if (err instanceof CrmError && err.crmStatus === 404) continue; // deleted or converted meanwhile
          const retryable = !(err instanceof CrmError) || err.retryable;
          errors.push({ error: `lead ${lead.recordId}: ${(err as Error).message}`, retryable });
        }
      }
      if (!errors.length) return null;
      return { id, ok: false, retryable: errors.some((e) => e.retryable), error: errors.map((e) => e.error).join('; ') };
    }),
  );
  return results.filter((r): r is WriteResult => r !== null);
}
