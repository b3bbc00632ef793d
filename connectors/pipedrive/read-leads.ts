// readLeads: persons are leads. Reads batch up to 100 ids per call (§3.5): the persons, then
// their organizations, both from the v2 endpoints only (the v1 ones are out of support since
// Aug 1, 2026, §3.1), and each person's first Leads-Inbox lead when the config reads lead.*
// fields (person-lead.ts, v1-only). Deleted records and ids Pipedrive does not return are absent.
import type { CrmLeadSnapshot } from '../../src/crm/types.ts';
import { isId, pipedriveFieldPlan, type PipedriveClientContext } from './client-context.ts';
import { toLeadSnapshot } from './lead-snapshot.ts';
import { withNurtureLabels } from './nurture-label.ts';
import { loadIntakeOwners } from './owners.ts';
import { readFirstLeads } from './person-lead.ts';
import type { PipedriveRecord } from './types.ts';

/** `ids=` takes up to 100 ids (§3.2). */
const IDS_PER_CALL = 100;

const chunk = <T>(xs: T[], n: number): T[][] => Array.from({ length: Math.ceil(xs.length / n) }, (_, i) => xs.slice(i * n, i * n + n));

export async function listByIds(
  ctx: PipedriveClientContext,
  path: string,
  ids: string[],
  customKeys: string[] | null,
  include: string[] = [],
): Promise<PipedriveRecord[]> {
  const pages = await Promise.all(
    chunk(ids, IDS_PER_CALL).map((part) =>
      ctx.http.request<PipedriveRecord[] | null>({
        method: 'GET',
        path,
        op: 'list',
        query: { ids: part.join(','), custom_fields: customKeys?.join(','), include_fields: include.join(',') || undefined },
      }),
    ),
  );
  return pages.flatMap((p) => p.data ?? []).filter((r) => !r.is_deleted);
}

export async function readPipedriveLeads(ctx: PipedriveClientContext, ids: string[]): Promise<Map<string, CrmLeadSnapshot>> {
  const out = new Map<string, CrmLeadSnapshot>();
  const wanted = [...new Set(ids)].filter(isId);
  if (!wanted.length) return out;
  const plan = await pipedriveFieldPlan(ctx);
  const persons = await listByIds(ctx, '/api/v2/persons', wanted, plan.customKeys.person, plan.personIncludeFields);
  const orgIds = [...new Set(persons.map((p) => p.org_id).filter((id): id is number => typeof id === 'number'))].map(String);
  const orgs = orgIds.length ? await listByIds(ctx, '/api/v2/organizations', orgIds, plan.customKeys.organization) : [];
  const orgById = new Map(orgs.map((o) => [o.id, o]));
  const leads = plan.leadReads.length ? await readFirstLeads(ctx, persons.map((p) => String(p.id))) : new Map<string, never>();
  if (ctx.intake === null) await loadIntakeOwners(ctx); // once per client
  for (const p of persons) {
    const org = p.org_id == null ? undefined : orgById.get(p.org_id);
    out.set(String(p.id), toLeadSnapshot(p, org, plan, ctx.intake ?? new Set(), leads.get(String(p.id))));
  }
  await withNurtureLabels(ctx, persons, out);
  return out;
}
