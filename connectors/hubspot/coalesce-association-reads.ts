// Associations v4 batch reads take 1,000 inputs per call (reference hubspot.md §6), but the
// pipeline reads leads 100 at a time. So association reads that wait in the tenant's scheduler
// at the same time are merged into one call: a read joins the call of the same kind that is
// still queued (not yet started) if the merged inputs stay within 1,000, and each caller gets
// back the results for its own ids. Nothing is delayed to wait for company: the first read is
// queued at once, and the others ride along only while it waits anyway (rate limit, other
// calls ahead of it). Paging follow-ups (inputs with `after`) go through unchanged.
import { ASSOCIATION_BATCH_READ_MAX } from './associations.ts';
import type { HubspotHttp, HubspotRequest, HubspotResponse } from './http.ts';

const BATCH_READ = /^\/crm\/v4\/associations\/[^/]+\/[^/]+\/batch\/read$/;

interface Group {
  ids: Set<string>;
  /** Set when the call starts: the inputs it was sent with (the same on retries). */
  sent: { id: string }[] | null;
  response: Promise<HubspotResponse<unknown>>;
}

interface ReadBody {
  results?: { from?: { id?: string | number } }[];
  errors?: { context?: { fromObjectId?: (string | number)[] } }[];
  [key: string]: unknown;
}

/** Only the inputs without `after` (first pages) can share a call. */
function plainIds(req: HubspotRequest): string[] | null {
  if (req.method !== 'POST' || !BATCH_READ.test(req.path) || req.buildBody) return null;
  const inputs = (req.body as { inputs?: unknown } | undefined)?.inputs;
  if (!Array.isArray(inputs) || inputs.length === 0) return null;
  const ids: string[] = [];
  for (const input of inputs as { id?: unknown; after?: unknown }[]) {
    if (input?.id === undefined || input.after !== undefined || Object.keys(input).length !== 1) return null;
    ids.push(String(input.id));
  }
  return ids;
}

/** The caller's share of a merged response: its results and its 207 error rows. */
function shareOf(res: HubspotResponse<unknown>, ids: Set<string>): HubspotResponse<unknown> {
  const body = res.body as ReadBody | null;
  if (!body || typeof body !== 'object') return res;
  const results = (body.results ?? []).filter((r) => ids.has(String(r.from?.id)));
  const errors = body.errors?.filter((e) => (e.context?.fromObjectId ?? []).some((id) => ids.has(String(id))));
  const share: ReadBody = { ...body, results };
  if (errors) Object.assign(share, { errors, numErrors: errors.length });
  return { ...res, body: share };
}

export function coalesceAssociationReads(http: HubspotHttp, max: number = ASSOCIATION_BATCH_READ_MAX): HubspotHttp {
  const open = new Map<string, Group>(); // path -> the queued call new reads may join

  function start(key: string, req: HubspotRequest, ids: string[]): Group {
    const g = { ids: new Set(ids), sent: null } as Omit<Group, 'response'> & Partial<Group>;
    open.set(key, g as Group);
    g.response = http.call({
      ...req,
      body: undefined,
      buildBody: () => {
        if (open.get(key) === g) open.delete(key); // started: later reads open a new call
        g.sent ??= [...g.ids].map((id) => ({ id }));
        return { inputs: g.sent };
      },
    });
    return g as Group;
  }

  function join(req: HubspotRequest, ids: string[]): Promise<HubspotResponse<unknown>> {
    const key = `${req.lane ?? 'default'} ${req.path}`;
    const queued = open.get(key);
    let group: Group;
    if (queued && queued.sent === null && queued.ids.size + ids.filter((id) => !queued.ids.has(id)).length <= max) {
      for (const id of ids) queued.ids.add(id);
      group = queued;
    } else {
      group = start(key, req, ids);
    }
    const mine = new Set(ids);
    return group.response.then((res) => shareOf(res, mine));
  }

  return {
    call<T>(req: HubspotRequest): Promise<HubspotResponse<T>> {
      const ids = plainIds(req);
      if (!ids || ids.length > max) return http.call<T>(req);
      return join(req, ids) as Promise<HubspotResponse<T>>;
    },
  };
}
