// listOwners: GET /crm/v3/owners, paginated by paging.next.after (reference §6 "Owners").
// The id to write into hubspot_owner_id is the owner `id`, never `userId` (checklist 8).
import type { CrmOwner } from '../../src/crm/types.ts';
import { CrmError } from '../../src/errors.ts';
import type { HubspotHttp } from './http.ts';

/** §6: "500 is commonly cited" as the max page size (not confirmed; HubSpot caps it if lower). */
export const OWNERS_PAGE_SIZE = 500;
const MAX_PAGES = 200;

interface OwnersPage {
  results?: { id?: string | number; email?: string | null; firstName?: string | null; lastName?: string | null; archived?: boolean }[];
  paging?: { next?: { after?: string } };
}

export async function listHubspotOwners(http: HubspotHttp): Promise<CrmOwner[]> {
  const owners: CrmOwner[] = [];
  const seen = new Set<string>();
  let after: string | undefined;
  for (let page = 0; ; page++) {
    if (page >= MAX_PAGES) throw new CrmError(`HubSpot GET /crm/v3/owners: paging did not end after ${MAX_PAGES} pages`, { retryable: false });
    const qs: Record<string, string> = { limit: String(OWNERS_PAGE_SIZE), archived: 'false' };
    if (after) qs.after = after;
    const res = await http.call<OwnersPage>({ method: 'GET', path: '/crm/v3/owners', qs });
    for (const o of res.body?.results ?? []) {
      if (o.id === undefined || seen.has(String(o.id))) continue;
      seen.add(String(o.id));
      const name = [o.firstName, o.lastName].filter(Boolean).join(' ').trim();
      owners.push({ id: String(o.id), email: o.email ?? '', active: o.archived !== true, ...(name ? { name } : {}) });
    }
    const next = res.body?.paging?.next?.after;
    if (!next || next === after) return owners;
    after = next;
  }
}
