// List parameters of v2 endpoints (pipedrive.md §3.2): ids= (at most 100), owner_id=, org_id=,
// updated_since= / updated_until= (RFC 3339), sort_by (id | update_time | add_time),
// sort_direction, limit (default 100, max 500) and an opaque cursor (keyset: stable while
// records are added). v1 lists page with start / limit and sort "field ASC, other DESC".
import type { StoredRecord } from './entity-store.ts';
import { badRequest } from './errors.ts';
import { parseTime } from './time.ts';

export const MAX_IDS = 100; // §3.2 "ids (up to 100 IDs)"
export const MAX_LIMIT = 500; // §3.2 "limit (default 100, max 500)"
const DEFAULT_LIMIT = 100;
const SORT_FIELDS = ['id', 'update_time', 'add_time'] as const;
type SortField = (typeof SORT_FIELDS)[number];

type Query = Record<string, unknown>;

export function queryString(query: Query, name: string): string | undefined {
  const v = query[name];
  const first = Array.isArray(v) ? v[0] : v;
  return typeof first === 'string' && first !== '' ? first : undefined;
}

export function queryInt(query: Query, name: string): number | undefined {
  const s = queryString(query, name);
  if (s === undefined) return undefined;
  if (!/^\d+$/.test(s)) throw badRequest(`${name} must be a non-negative integer, got "${s}"`);
  return Number(s);
}

export function queryBool(query: Query, name: string): boolean | undefined {
  const s = queryString(query, name);
  if (s === undefined) return undefined;
  if (s === 'true' || s === '1') return true;
  if (s === 'false' || s === '0') return false;
  throw badRequest(`${name} must be true or false, got "${s}"`);
}

/** ids=1,2,3 (at most 100): a 400 beyond that, as Pipedrive validates the list. */
export function queryIds(query: Query): Set<string> | undefined {
  const s = queryString(query, 'ids');
  if (s === undefined) return undefined;
  const ids = s.split(',').map((x) => x.trim()).filter((x) => x !== '');
  if (ids.length > MAX_IDS) throw badRequest(`ids accepts at most ${MAX_IDS} ids, got ${ids.length}`);
  if (!ids.every((x) => /^\d+$/.test(x))) throw badRequest('ids must be a comma-separated list of integer ids');
  return new Set(ids);
}

function queryTime(query: Query, name: string): number | undefined {
  const s = queryString(query, name);
  if (s === undefined) return undefined;
  const ms = parseTime(s);
  if (ms === null) throw badRequest(`${name} must be an RFC 3339 date-time (e.g. 2025-01-01T10:20:00Z), got "${s}"`);
  return ms;
}

/** Applies updated_since / updated_until (update_time >= since, < until). */
export function filterUpdated(records: StoredRecord[], query: Query): StoredRecord[] {
  const since = queryTime(query, 'updated_since');
  const until = queryTime(query, 'updated_until');
  return records.filter((r) => (since === undefined || r.update_time >= since) && (until === undefined || r.update_time < until));
}

interface Cursor { v: number; id: number }

const encode = (c: Cursor) => Buffer.from(JSON.stringify(c)).toString('base64url');
function decode(s: string): Cursor {
  try {
    const c = JSON.parse(Buffer.from(s, 'base64url').toString('utf8')) as Cursor;
    if (typeof c.v === 'number' && typeof c.id === 'number') return c;
  } catch { /* fall through */ }
  throw badRequest('cursor is invalid: pass additional_data.next_cursor from the previous page as is');
}

/** One page in the requested order, and the cursor of the next page (null on the last). */
export function pageV2(records: StoredRecord[], query: Query): { items: StoredRecord[]; nextCursor: string | null } {
  const sortBy = (queryString(query, 'sort_by') ?? 'id') as SortField;
  if (!SORT_FIELDS.includes(sortBy)) throw badRequest(`sort_by must be one of ${SORT_FIELDS.join(', ')}, got "${sortBy}"`);
  const dir = queryString(query, 'sort_direction') ?? 'asc';
  if (dir !== 'asc' && dir !== 'desc') throw badRequest(`sort_direction must be asc or desc, got "${dir}"`);
  const limit = queryInt(query, 'limit') ?? DEFAULT_LIMIT;
  if (limit < 1 || limit > MAX_LIMIT) throw badRequest(`limit must be between 1 and ${MAX_LIMIT}, got ${limit}`);
  const key = (r: StoredRecord): Cursor => ({ v: sortBy === 'id' ? Number(r.id) : (r[sortBy] as number), id: Number(r.id) });
  const sign = dir === 'asc' ? 1 : -1;
  const cmp = (a: Cursor, b: Cursor) => sign * (a.v - b.v || a.id - b.id);
  const sorted = records.map((r) => ({ r, k: key(r) })).sort((a, b) => cmp(a.k, b.k));
  const raw = queryString(query, 'cursor');
  const after = raw === undefined ? undefined : decode(raw);
  const rest = after ? sorted.filter((x) => cmp(x.k, after) > 0) : sorted;
  const page = rest.slice(0, limit);
  const last = page.at(-1);
  return { items: page.map((x) => x.r), nextCursor: rest.length > limit && last ? encode(last.k) : null };
}

/** v1 paging: start / limit, additional_data.pagination (§3.1 v1 conventions). */
export function pageV1<T>(items: T[], query: Query): { items: T[]; pagination: Record<string, unknown> } {
  const start = queryInt(query, 'start') ?? 0;
  const limit = Math.min(queryInt(query, 'limit') ?? DEFAULT_LIMIT, MAX_LIMIT);
  const page = items.slice(start, start + limit);
  const more = start + limit < items.length;
  return { items: page, pagination: { start, limit, more_items_in_collection: more, ...(more ? { next_start: start + limit } : {}) } };
}

/** v1 `sort` ("add_time ASC, id DESC": field names from `fields`, mode ASC or DESC); unsorted: as stored. */
export function sortV1(items: StoredRecord[], query: Query, fields: readonly string[]): StoredRecord[] {
  const sort = queryString(query, 'sort');
  if (sort === undefined) return items;
  const keys = sort.split(',').map((part) => {
    const m = /^\s*(\w+)(?:\s+(ASC|DESC))?\s*$/i.exec(part);
    if (!m || !fields.includes(m[1]!)) throw badRequest(`sort must be "<field> ASC|DESC" with a field of ${fields.join(', ')}, got "${sort}"`);
    return { field: m[1]!, dir: m[2]?.toUpperCase() === 'DESC' ? -1 : 1 };
  });
  const cmp = (a: unknown, b: unknown) => (a === b ? 0 : a === null || a === undefined ? 1 : b === null || b === undefined ? -1 : a < b ? -1 : 1);
  return [...items].sort((a, b) => {
    for (const k of keys) {
      const c = cmp(a[k.field], b[k.field]) * k.dir;
      if (c) return c;
    }
    return 0;
  });
}
