// readDeals: the current state of deals as outcomes of their contacts. Won / lost is not a deal
// property: it is the deal's stage, whose meaning comes from its pipeline (GET
// /crm/v3/pipelines/deals: a stage's metadata.isClosed "true" with probability "1.0" is
// closed-won, with "0.0" closed-lost; custom pipelines name their stages freely). Calls: the
// pipelines (cached 10 minutes, refreshed at once when a deal is in a stage we do not know),
// deals batch read (100 per call, §6), deal -> contact associations (1,000 per call, §6).
// listDeals (backfill --outcomes) pages GET /crm/v3/objects/deals (100 per page) the same way.
import type { DealOutcome } from '../../src/crm/interpret.ts';
import type { OutcomeStatus } from '../../src/store/types.ts';
import { readAssociations } from './associations.ts';
import type { HubspotHttp } from './http.ts';
import { parseTimestamp } from './mapping.ts';
import { batchReadObjects } from './read-leads.ts';
import { LIST_PAGE_MAX } from './list-leads.ts';

interface DealRecord { id: string; properties: Record<string, string | null | undefined>; createdAt?: string }
interface ListPage { results?: { id?: string | number; properties?: Record<string, string | null>; createdAt?: string }[]; paging?: { next?: { after?: string } } }

export const DEAL_PROPERTIES = ['dealstage', 'pipeline', 'amount', 'deal_currency_code', 'closedate', 'createdate', 'closed_lost_reason', 'hs_lastmodifieddate'];
/** Pipelines change rarely (an admin edits stages); a stage we do not know refreshes them at once. */
export const PIPELINE_CACHE_MS = 10 * 60_000;

interface PipelinesResponse {
  results?: { id?: string; stages?: { id?: string; metadata?: { isClosed?: string | boolean; probability?: string | number } }[] }[];
}

/** stage id -> what a deal in it means. */
export type StageMeanings = Map<string, OutcomeStatus>;

export function stageMeanings(body: PipelinesResponse | null | undefined): StageMeanings {
  const out: StageMeanings = new Map();
  for (const p of body?.results ?? []) {
    for (const s of p.stages ?? []) {
      if (!s.id) continue;
      const closed = String(s.metadata?.isClosed ?? 'false') === 'true';
      const probability = Number(s.metadata?.probability ?? NaN);
      // A closed stage is won at probability 1 and lost otherwise (closed stages are 0 or 1).
      out.set(String(s.id), !closed ? 'open' : probability >= 1 ? 'won' : 'lost');
    }
  }
  return out;
}

export function createDealReader(http: HubspotHttp, now: () => number) {
  let cache: { meanings: StageMeanings; at: number } | null = null;
  async function meanings(stages: string[]): Promise<StageMeanings> {
    const fresh = cache !== null && now() - cache.at < PIPELINE_CACHE_MS;
    if (cache && fresh && stages.every((s) => cache!.meanings.has(s))) return cache.meanings;
    const res = await http.call<PipelinesResponse>({ method: 'GET', path: '/crm/v3/pipelines/deals' });
    cache = { meanings: stageMeanings(res.body), at: now() };
    return cache.meanings;
  }

  /** The deals as outcomes, with their contacts (one association call) and stage meanings. */
  async function toOutcomes(deals: DealRecord[]): Promise<DealOutcome[]> {
    if (deals.length === 0) return [];
    const byStage = await meanings([...new Set(deals.map((d) => d.properties['dealstage'] ?? '').filter((s) => s !== ''))]);
    const contacts = await readAssociations(http, 'deals', 'contacts', deals.map((d) => d.id));
    return deals.map((d) => {
      const p = d.properties;
      const status = byStage.get(p['dealstage'] ?? '') ?? 'open';
      const amount = p['amount'] === null || p['amount'] === undefined || p['amount'] === '' ? null : Number(p['amount']);
      return {
        dealId: d.id,
        leadIds: [...new Set((contacts.get(d.id) ?? []).map((t) => t.toObjectId))],
        status,
        amount: amount !== null && Number.isFinite(amount) ? amount : null,
        currency: p['deal_currency_code'] || null,
        createdAt: parseTimestamp(p['createdate']) ?? parseTimestamp(d.createdAt),
        closedAt: status === 'open' ? null : (parseTimestamp(p['closedate']) ?? parseTimestamp(p['hs_lastmodifieddate']) ?? now()),
        lostReason: status === 'lost' ? p['closed_lost_reason'] || null : null,
        observedAt: parseTimestamp(p['hs_lastmodifieddate']) ?? now(),
      };
    });
  }

  return {
    async readDeals(ids: string[]): Promise<Map<string, DealOutcome>> {
      const wanted = [...new Set(ids.map(String).filter((id) => id !== ''))];
      if (wanted.length === 0) return new Map();
      const outcomes = await toOutcomes(await batchReadObjects(http, 'deals', wanted, DEAL_PROPERTIES));
      return new Map(outcomes.map((o) => [o.dealId, o]));
    },
    async listDeals(o: { cursor: string | null; limit: number }): Promise<{ deals: DealOutcome[]; next: string | null }> {
      const qs: Record<string, string> = { limit: String(Math.max(1, Math.min(LIST_PAGE_MAX, Math.floor(o.limit) || 1))), archived: 'false', properties: DEAL_PROPERTIES.join(',') };
      if (o.cursor) qs.after = o.cursor;
      const res = await http.call<ListPage>({ method: 'GET', path: '/crm/v3/objects/deals', qs });
      const records = (res.body?.results ?? []).flatMap((r) =>
        r.id === undefined ? [] : [{ id: String(r.id), properties: r.properties ?? {}, ...(r.createdAt ? { createdAt: r.createdAt } : {}) }]);
      return { deals: await toOutcomes(records), next: res.body?.paging?.next?.after ?? null };
    },
  };
}
