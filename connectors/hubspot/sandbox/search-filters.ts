// CRM search semantics (POST /crm/v3/objects/{type}/search): filterGroups are ORed, filters in a
// group ANDed; limits from shared/reference/hubspot.md §5 "Search API".
import { validationError } from './errors.ts';
import type { PropertyRegistry } from './property-registry.ts';
import type { CrmObjectType, CrmRecord } from './types.ts';

export const SEARCH_MAX_LIMIT = 200; // §5 "200 records per page"
export const SEARCH_MAX_RESULTS = 10_000; // §5 "10,000 results per query (a 400 if you page beyond)"
const MAX_GROUPS = 5; // §5 "5 filterGroups × 6 filters"
const MAX_FILTERS_PER_GROUP = 6;
const OPERATORS = new Set(['EQ', 'NEQ', 'LT', 'LTE', 'GT', 'GTE', 'BETWEEN', 'IN', 'NOT_IN', 'HAS_PROPERTY', 'NOT_HAS_PROPERTY', 'CONTAINS_TOKEN', 'NOT_CONTAINS_TOKEN']);

export interface SearchFilter { propertyName: string; operator: string; value?: unknown; highValue?: unknown; values?: unknown[] }
export interface SearchSort { propertyName: string; direction: 'ASCENDING' | 'DESCENDING' }

export function parseFilterGroups(raw: unknown): SearchFilter[][] {
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) throw validationError('filterGroups must be an array');
  if (raw.length > MAX_GROUPS) throw validationError(`Too many filter groups (${raw.length}); the maximum is ${MAX_GROUPS}`);
  return raw.map((group: { filters?: unknown }) => {
    const filters = Array.isArray(group?.filters) ? group.filters as SearchFilter[] : [];
    if (filters.length > MAX_FILTERS_PER_GROUP) throw validationError(`Too many filters in a group (${filters.length}); the maximum is ${MAX_FILTERS_PER_GROUP}`);
    for (const f of filters) {
      if (typeof f?.propertyName !== 'string' || !OPERATORS.has(String(f.operator))) {
        throw validationError(`Invalid filter ${JSON.stringify(f)}: needs propertyName and an operator among ${[...OPERATORS].join(', ')}`);
      }
    }
    return filters;
  });
}

export function parseSorts(raw: unknown): SearchSort[] {
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) throw validationError('sorts must be an array');
  return raw.map((s: unknown) => {
    if (typeof s === 'string') return { propertyName: s.replace(/^-/, ''), direction: s.startsWith('-') ? 'DESCENDING' : 'ASCENDING' };
    const o = s as { propertyName?: unknown; direction?: unknown };
    return { propertyName: String(o?.propertyName ?? 'hs_object_id'), direction: o?.direction === 'DESCENDING' ? 'DESCENDING' : 'ASCENDING' };
  });
}

function comparable(registry: PropertyRegistry, type: CrmObjectType, name: string, value: unknown): number | string {
  const definition = registry.get(type, name);
  const text = String(value);
  if (definition?.type === 'datetime' || definition?.type === 'date') {
    const ms = /^-?\d+$/.test(text) ? Number(text) : Date.parse(text);
    return Number.isFinite(ms) ? ms : text.toLowerCase();
  }
  if (definition?.type === 'number' && text.trim() !== '' && Number.isFinite(Number(text))) return Number(text);
  return text.toLowerCase(); // HubSpot string matching is case-insensitive
}

function compare(a: number | string, b: number | string): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0;
}

function matches(registry: PropertyRegistry, record: CrmRecord, filter: SearchFilter): boolean {
  const stored = record.properties[filter.propertyName];
  const has = stored !== undefined && stored !== '';
  if (filter.operator === 'HAS_PROPERTY') return has;
  if (filter.operator === 'NOT_HAS_PROPERTY') return !has;
  const c = (v: unknown): number | string => comparable(registry, record.type, filter.propertyName, v);
  if (filter.operator === 'NEQ') return !has || compare(c(stored), c(filter.value)) !== 0;
  if (filter.operator === 'NOT_IN') return !has || !(filter.values ?? []).some((v) => compare(c(stored), c(v)) === 0);
  if (filter.operator === 'NOT_CONTAINS_TOKEN') return !has || !tokenMatch(stored, filter.value);
  if (!has) return false;
  const left = c(stored);
  switch (filter.operator) {
    case 'EQ': return compare(left, c(filter.value)) === 0;
    case 'LT': return compare(left, c(filter.value)) < 0;
    case 'LTE': return compare(left, c(filter.value)) <= 0;
    case 'GT': return compare(left, c(filter.value)) > 0;
    case 'GTE': return compare(left, c(filter.value)) >= 0;
    case 'BETWEEN': return compare(left, c(filter.value)) >= 0 && compare(left, c(filter.highValue)) <= 0;
    case 'IN': return (filter.values ?? []).some((v) => compare(left, c(v)) === 0);
    case 'CONTAINS_TOKEN': return tokenMatch(stored, filter.value);
    default: return false;
  }
}

function tokenMatch(stored: string, pattern: unknown): boolean {
  const escaped = String(pattern).toLowerCase().replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*');
  const re = new RegExp(`^${escaped}$`);
  return stored.toLowerCase().split(/[\s@.,;]+/).some((token) => re.test(token)) || re.test(stored.toLowerCase());
}

export function searchRecords(registry: PropertyRegistry, records: CrmRecord[], groups: SearchFilter[][], sorts: SearchSort[], query: string | undefined): CrmRecord[] {
  let found = groups.length === 0 ? records : records.filter((r) => groups.some((g) => g.every((f) => matches(registry, r, f))));
  if (query) {
    const q = query.toLowerCase();
    found = found.filter((r) => ['email', 'firstname', 'lastname', 'phone', 'company', 'name', 'domain'].some((p) => r.properties[p]?.toLowerCase().includes(q)));
  }
  const sort = sorts[0] ?? { propertyName: 'hs_object_id', direction: 'ASCENDING' };
  const sign = sort.direction === 'DESCENDING' ? -1 : 1;
  return [...found].sort((a, b) => {
    const x = a.properties[sort.propertyName];
    const y = b.properties[sort.propertyName];
    if (x === undefined || y === undefined) return x === y ? Number(a.id) - Number(b.id) : x === undefined ? 1 : -1;
    return sign * compare(comparable(registry, a.type, sort.propertyName, x), comparable(registry, a.type, sort.propertyName, y)) || Number(a.id) - Number(b.id);
  });
}
