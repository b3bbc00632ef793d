// In-memory records of one portal. Every mutation reports what changed (CrmChange), which is what
// webhook subscriptions are matched against. Inputs are validated before they reach the store.
import type { AssociationStore } from './association-store.ts';
import { timestampProperties } from './property-definitions.ts';
import type { ChangeOrigin, CrmObjectType, CrmRecord } from './types.ts';

export type CrmChange =
  | { kind: 'creation'; type: CrmObjectType; id: string; origin: ChangeOrigin }
  | { kind: 'propertyChange'; type: CrmObjectType; id: string; name: string; value: string; origin: ChangeOrigin }
  | { kind: 'deletion'; type: CrmObjectType; id: string; origin: ChangeOrigin }
  | { kind: 'merge'; type: CrmObjectType; primaryObjectId: string; mergedObjectIds: string[]; newObjectId: string; numberOfPropertiesMoved: number; origin: ChangeOrigin }
  | { kind: 'associationChange'; contactId: string; companyId: string; primary: boolean; removed: boolean; origin: ChangeOrigin }
  | { kind: 'dealAssociationChange'; dealId: string; contactId: string; removed: boolean; origin: ChangeOrigin };

export interface CrmStore {
  create(type: CrmObjectType, values: Record<string, string>, origin: ChangeOrigin): CrmRecord;
  /** Applies values; returns the names whose value actually changed (no event for same-value writes). */
  update(type: CrmObjectType, id: string, values: Record<string, string>, origin: ChangeOrigin): string[];
  archive(type: CrmObjectType, id: string, origin: ChangeOrigin): boolean;
  /** Contact merge: a new record (new id) replaces both; old ids resolve to it (§6 "Merged contacts"). */
  mergeContacts(primaryId: string, mergedId: string, origin: ChangeOrigin): CrmRecord;
  /** Live record by id (merged-away ids resolve to the survivor; archived records are not returned). */
  get(type: CrmObjectType, id: string): CrmRecord | undefined;
  list(type: CrmObjectType): CrmRecord[];
  findBy(type: CrmObjectType, property: string, value: string): CrmRecord | undefined;
  associate(from: CrmObjectType, fromId: string, to: CrmObjectType, toId: string, primary: boolean, origin: ChangeOrigin): void;
}

// Distinct id ranges per kind of object (ids are numeric strings, as in HubSpot).
const ID_BASE: Record<CrmObjectType, number> = {
  contacts: 1_000_000, companies: 2_000_000, deals: 4_000_000, calls: 3_000_000, emails: 3_000_000, meetings: 3_000_000, notes: 3_000_000, tasks: 3_000_000,
};

export function createCrmStore(deps: { now: () => number; emit: (change: CrmChange) => void; associations: AssociationStore }): CrmStore {
  const records = new Map<string, CrmRecord>(); // key "type:id"
  const mergedInto = new Map<string, string>(); // "contacts:oldId" -> newId
  const counters = new Map<number, number>();
  const nextId = (type: CrmObjectType): string => {
    const base = ID_BASE[type];
    const n = (counters.get(base) ?? 0) + 1;
    counters.set(base, n);
    return String(base + n);
  };
  const iso = (ms: number): string => new Date(ms).toISOString();

  function resolve(type: CrmObjectType, id: string): CrmRecord | undefined {
    let current = id;
    for (let hops = 0; hops < 100 && mergedInto.has(`${type}:${current}`); hops++) current = mergedInto.get(`${type}:${current}`) as string;
    const record = records.get(`${type}:${current}`);
    return record && !record.archived ? record : undefined;
  }

  function create(type: CrmObjectType, values: Record<string, string>, origin: ChangeOrigin): CrmRecord {
    const at = deps.now();
    const id = nextId(type);
    const stamps = timestampProperties(type);
    const properties: Record<string, string> = {};
    for (const [name, value] of Object.entries(values)) if (value !== '') properties[name] = value;
    properties[stamps.created] ??= iso(at);
    properties[stamps.modified] = iso(at);
    properties['hs_object_id'] = id;
    const record: CrmRecord = { id, type, properties, createdAt: at, updatedAt: at, archived: false };
    records.set(`${type}:${id}`, record);
    deps.emit({ kind: 'creation', type, id, origin });
    for (const [name, value] of Object.entries(properties)) deps.emit({ kind: 'propertyChange', type, id, name, value, origin });
    return record;
  }

  function update(type: CrmObjectType, id: string, values: Record<string, string>, origin: ChangeOrigin): string[] {
    const record = resolve(type, id);
    if (!record) throw new Error(`${type} ${id} does not exist`);
    const changed = Object.keys(values).filter((name) => (record.properties[name] ?? '') !== values[name]);
    if (changed.length === 0) return [];
    const at = deps.now();
    for (const name of changed) {
      const value = values[name] as string;
      if (value === '') delete record.properties[name];
      else record.properties[name] = value;
    }
    record.updatedAt = at;
    record.properties[timestampProperties(type).modified] = iso(at);
    for (const name of changed) deps.emit({ kind: 'propertyChange', type, id: record.id, name, value: values[name] as string, origin });
    return changed;
  }

  function mergeContacts(primaryId: string, mergedId: string, origin: ChangeOrigin): CrmRecord {
    const winner = resolve('contacts', primaryId);
    const loser = resolve('contacts', mergedId);
    if (!winner || !loser || winner === loser) throw new Error('merge needs two distinct live contacts');
    const at = deps.now();
    const id = nextId('contacts');
    let moved = 0;
    const properties = { ...winner.properties };
    for (const [name, value] of Object.entries(loser.properties)) {
      if (properties[name] === undefined) { properties[name] = value; moved++; }
    }
    properties['hs_object_id'] = id;
    properties['lastmodifieddate'] = iso(at);
    properties['hs_merged_object_ids'] = [winner.id, loser.id].join(';');
    const record: CrmRecord = { id, type: 'contacts', properties, createdAt: winner.createdAt, updatedAt: at, archived: false };
    records.set(`contacts:${id}`, record);
    for (const old of [winner, loser]) {
      records.delete(`contacts:${old.id}`);
      mergedInto.set(`contacts:${old.id}`, id);
      deps.associations.rekey('contacts', old.id, id);
    }
    deps.emit({ kind: 'merge', type: 'contacts', primaryObjectId: winner.id, mergedObjectIds: [loser.id], newObjectId: id, numberOfPropertiesMoved: moved, origin });
    return record;
  }

  function associate(from: CrmObjectType, fromId: string, to: CrmObjectType, toId: string, primary: boolean, origin: ChangeOrigin): void {
    const result = deps.associations.link(from, fromId, to, toId, primary);
    const deal = from === 'deals' && to === 'contacts' ? [fromId, toId] : from === 'contacts' && to === 'deals' ? [toId, fromId] : undefined;
    if (deal && result.created) deps.emit({ kind: 'dealAssociationChange', dealId: deal[0]!, contactId: deal[1]!, removed: false, origin });
    const pair = from === 'contacts' && to === 'companies' ? [fromId, toId] : from === 'companies' && to === 'contacts' ? [toId, fromId] : undefined;
    if (!pair) return; // only contact<->company association changes are delivered as webhooks here
    const [contactId, companyId] = pair as [string, string];
    if (result.previousPrimaryCompanyId !== undefined) {
      deps.emit({ kind: 'associationChange', contactId, companyId: result.previousPrimaryCompanyId, primary: true, removed: true, origin });
    }
    if (result.created) deps.emit({ kind: 'associationChange', contactId, companyId, primary: false, removed: false, origin });
    if (result.primaryAdded) deps.emit({ kind: 'associationChange', contactId, companyId, primary: true, removed: false, origin });
  }

  return {
    create,
    update,
    archive(type, id, origin) {
      const record = resolve(type, id);
      if (!record) return false;
      record.archived = true;
      record.updatedAt = deps.now();
      deps.associations.unlinkAll(type, record.id);
      deps.emit({ kind: 'deletion', type, id: record.id, origin });
      return true;
    },
    mergeContacts,
    get: resolve,
    list: (type) => [...records.values()].filter((r) => r.type === type && !r.archived).sort((a, b) => Number(a.id) - Number(b.id)),
    findBy(type, property, value) {
      const wanted = value.toLowerCase();
      return [...records.values()].find((r) => r.type === type && !r.archived && r.properties[property]?.toLowerCase() === wanted);
    },
    associate,
  };
}
