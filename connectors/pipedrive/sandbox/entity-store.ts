// The company's records (persons, organizations, activities, leads, deals) and the change feed that
// webhooks are built from: every create / change / delete emits one Change with the full state
// before and after, who made it and how (API or app), so `previous` can hold only what changed
// (pipedrive.md §1.2: "one edit produces one change webhook").
import { randomUUID } from 'node:crypto';
import type { ChangeSource, Entity } from './types.ts';

export interface StoredRecord {
  id: number | string;
  /** epoch ms */
  add_time: number;
  update_time: number;
  is_deleted: boolean;
  custom_fields: Record<string, unknown>;
  [key: string]: unknown;
}

export interface Origin { source: ChangeSource; actorId: number }

export interface Change {
  entity: Entity;
  action: 'create' | 'change' | 'delete';
  id: number | string;
  before: StoredRecord | null;
  after: StoredRecord | null;
  origin: Origin;
  at: number;
  /** One id per change: the webhook meta.id (idempotency key) of every delivery of it. */
  eventId: string;
  correlationId: string;
  mergedToId?: number;
  mergedFromId?: number;
}

export interface EntityStore {
  get(entity: Entity, id: number | string): StoredRecord | undefined;
  /** Non-deleted records in creation order. */
  all(entity: Entity): StoredRecord[];
  create(entity: Entity, fields: Record<string, unknown>, custom: Record<string, unknown>, origin: Origin): StoredRecord;
  /**
   * Applies the patch; emits a change only when a value really changed (then update_time moves),
   * or always with `force` (the surviving side of a merge).
   */
  update(entity: Entity, id: number | string, fields: Record<string, unknown>, custom: Record<string, unknown>, origin: Origin,
    extra?: Pick<Change, 'mergedFromId'> & { force?: boolean }): { record: StoredRecord; changed: boolean };
  remove(entity: Entity, id: number | string, origin: Origin, extra?: Pick<Change, 'mergedToId'>): StoredRecord;
  /** A deleted custom field's values disappear from every record (no webhooks). */
  dropCustom(entity: Entity, code: string): void;
}

/** Id ranges apart, so a person id passed as an organization id is a 404, not a silent mix-up. */
const FIRST_ID: Record<Exclude<Entity, 'lead'>, number> = { person: 1, organization: 10_001, activity: 100_001, deal: 1_000_001 };

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

export function createEntityStore(opts: { now: () => number; emit: (change: Change) => void }): EntityStore {
  const tables: Record<Entity, Map<string, StoredRecord>> = { person: new Map(), organization: new Map(), activity: new Map(), lead: new Map(), deal: new Map() };
  const next: Record<Exclude<Entity, 'lead'>, number> = { ...FIRST_ID };
  const key = (id: number | string) => String(id);

  function emit(change: Omit<Change, 'at' | 'eventId' | 'correlationId'>, at: number): void {
    opts.emit({ ...change, at, eventId: randomUUID(), correlationId: randomUUID() });
  }

  function live(entity: Entity, id: number | string): StoredRecord {
    const record = tables[entity].get(key(id));
    if (!record || record.is_deleted) throw new Error(`${entity} ${id} does not exist`);
    return record;
  }

  return {
    get(entity, id) {
      const record = tables[entity].get(key(id));
      return record && !record.is_deleted ? record : undefined;
    },
    all: (entity) => [...tables[entity].values()].filter((r) => !r.is_deleted),
    create(entity, fields, custom, origin) {
      const at = opts.now();
      const id = entity === 'lead' ? randomUUID() : next[entity]++;
      const record: StoredRecord = { ...fields, id, add_time: (fields['add_time'] as number | undefined) ?? at, update_time: at, is_deleted: false, custom_fields: { ...custom } };
      tables[entity].set(key(id), record);
      emit({ entity, action: 'create', id, before: null, after: structuredClone(record), origin }, at);
      return record;
    },
    update(entity, id, fields, custom, origin, { force = false, ...extra } = {}) {
      const record = live(entity, id);
      const before = structuredClone(record);
      let changed = false;
      for (const [k, v] of Object.entries(fields)) {
        if (!same(record[k], v)) { record[k] = v; changed = true; }
      }
      for (const [k, v] of Object.entries(custom)) {
        if (!same(record.custom_fields[k] ?? null, v)) { record.custom_fields[k] = v; changed = true; }
      }
      if (!changed && !force) return { record, changed };
      const at = opts.now();
      record.update_time = at;
      emit({ entity, action: 'change', id: record.id, before, after: structuredClone(record), origin, ...extra }, at);
      return { record, changed };
    },
    remove(entity, id, origin, extra = {}) {
      const record = live(entity, id);
      const before = structuredClone(record);
      const at = opts.now();
      record.is_deleted = true;
      record.update_time = at;
      emit({ entity, action: 'delete', id: record.id, before, after: null, origin, ...extra }, at);
      return record;
    },
    dropCustom(entity, code) {
      for (const r of tables[entity].values()) delete r.custom_fields[code];
    },
  };
}
