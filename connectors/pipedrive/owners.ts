// listOwners: GET /v1/users (users are v1-only, §3.1 "Still v1-only"). Every listing also
// refreshes the owner ids that read as "unassigned" (intake-owner.ts), which readLeads needs.
import type { CrmOwner } from '../../src/crm/types.ts';
import type { PipedriveClientContext } from './client-context.ts';
import { intakeOwnerIds, type PipedriveUserRow } from './intake-owner.ts';

export async function listPipedriveOwners(ctx: PipedriveClientContext): Promise<CrmOwner[]> {
  const res = await ctx.http.request<(PipedriveUserRow & { name?: string; active_flag?: boolean; is_deleted?: boolean })[] | null>({
    method: 'GET',
    path: '/v1/users',
    op: 'list',
  });
  ctx.intake = intakeOwnerIds(res.data ?? [], ctx.config);
  return (res.data ?? []).map((u) => ({
    id: String(u.id),
    email: u.email ?? '',
    active: u.active_flag !== false && u.is_deleted !== true,
    ...(u.name ? { name: u.name } : {}),
  }));
}

/** Lists the owners once per client to learn the intake owner ids (single-flight; readLeads). */
export function loadIntakeOwners(ctx: PipedriveClientContext): Promise<unknown> {
  return (ctx.intakeLoad ??= listPipedriveOwners(ctx).finally(() => (ctx.intakeLoad = null)));
}
