// Leads Inbox (§3.6) entity calls: GET / PATCH /v1/leads/{id} (Leads-Inbox leads are v1-only,
// §3.1 "Still v1-only"). lead-entities.ts decides which leads get which owner.
import type { Lead as PipedriveLead } from 'pipedrive/v1';
import { CrmError } from '../../src/errors.ts';
import type { PipedriveClientContext } from './client-context.ts';

/** GET /v1/leads/{id}; null when it does not exist. */
export async function readLeadEntity(ctx: PipedriveClientContext, id: string): Promise<PipedriveLead | null> {
  try {
    return (await ctx.http.request<PipedriveLead>({ method: 'GET', path: `/v1/leads/${encodeURIComponent(id)}`, op: 'get' })).data;
  } catch (err) {
    if (err instanceof CrmError && err.crmStatus === 404) return null;
    throw err;
  }
}

/** PATCH /v1/leads/{id} (owner and label ids, §3.6). */
export async function updateLeadEntity(
  ctx: PipedriveClientContext,
  id: string,
  patch: { owner_id?: number; label_ids?: string[] },
): Promise<PipedriveLead> {
  return (await ctx.http.request<PipedriveLead>({ method: 'PATCH', path: `/v1/leads/${encodeURIComponent(id)}`, body: patch, op: 'update' })).data;
}

/**
 * The person's owner onto a new lead (lead-entities.ts). A lead archived since its create event
 * cannot be edited (400, §3.6): when the PATCH is refused, the lead is read back, and an
 * archived lead is left as it is (it left the Leads Inbox); any other refusal stands.
 */
export async function patchLeadOwner(ctx: PipedriveClientContext, id: string, ownerId: number): Promise<void> {
  try {
    await updateLeadEntity(ctx, id, { owner_id: ownerId });
  } catch (err) {
    if (!(err instanceof CrmError) || err.crmStatus !== 400) throw err;
    const lead = await readLeadEntity(ctx, id);
    if (lead?.is_archived !== true) throw err;
  }
}
