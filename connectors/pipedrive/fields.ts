// Field metadata per company: GET /api/v2/personFields and /api/v2/organizationFields (cursor
// pagination; field_name, field_code, field_type, is_custom_field, options), cached with a
// TTL. Custom-field keys are 40-character hashes that differ per company (pipedrive.md §3.3),
// so every client (one per company) keeps its own catalog. Loads are single-flight.
import type { PipedriveHttp } from './http.ts';
import type { FieldEntity, PipedriveField } from './types.ts';

/** Field definitions change rarely (an admin adds a field or option); 10 minutes bounds staleness. */
export const DEFAULT_FIELDS_TTL_MS = 10 * 60_000;
/** Max page size of v2 list endpoints (§3.2 "limit ... max 500"). */
const PAGE_LIMIT = 500;

const PATHS: Record<FieldEntity, string> = {
  person: '/api/v2/personFields',
  organization: '/api/v2/organizationFields',
};

export interface FieldCatalog {
  /** The entity's fields, from cache when fresh; `fresh: true` bypasses the cache. */
  get(entity: FieldEntity, opts?: { fresh?: boolean }): Promise<PipedriveField[]>;
  invalidate(entity?: FieldEntity): void;
}

export async function fetchFields(http: PipedriveHttp, entity: FieldEntity): Promise<PipedriveField[]> {
  const out: PipedriveField[] = [];
  let cursor: string | undefined;
  do {
    const page = await http.request<PipedriveField[] | null>({ method: 'GET', path: PATHS[entity], query: { limit: PAGE_LIMIT, cursor }, op: 'list' });
    out.push(...(page.data ?? []));
    cursor = page.additional_data?.next_cursor ?? undefined;
  } while (cursor);
  return out;
}

export function createFieldCatalog(opts: { http: PipedriveHttp; ttlMs?: number; now?: () => number }): FieldCatalog {
  const ttlMs = opts.ttlMs ?? DEFAULT_FIELDS_TTL_MS;
  const now = opts.now ?? Date.now;
  const cache = new Map<FieldEntity, { at: number; fields: PipedriveField[] }>();
  const loading = new Map<FieldEntity, Promise<PipedriveField[]>>();

  const fresh = (entity: FieldEntity) => {
    const hit = cache.get(entity);
    return hit && now() - hit.at < ttlMs ? hit.fields : null;
  };

  function load(entity: FieldEntity): Promise<PipedriveField[]> {
    const inFlight = loading.get(entity);
    if (inFlight) return inFlight;
    const p = fetchFields(opts.http, entity)
      .then((fields) => {
        cache.set(entity, { at: now(), fields });
        return fields;
      })
      .finally(() => loading.delete(entity));
    loading.set(entity, p);
    return p;
  }

  return {
    async get(entity, o) {
      if (!o?.fresh) {
        const hit = fresh(entity);
        if (hit) return hit;
      }
      return load(entity);
    },
    invalidate(entity) {
      if (entity) cache.delete(entity);
      else cache.clear();
    },
  };
}
