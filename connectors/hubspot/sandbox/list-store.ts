// Lists (segments) of the HubSpot sandbox, Lists API v3: a list definition (ILS listId, name,
// objectTypeId, processingType) and its memberships. Only MANUAL and SNAPSHOT lists take
// memberships through the API; DYNAMIC lists are HubSpot's to fill (guides/api/crm/lists).
export type ProcessingType = 'MANUAL' | 'DYNAMIC' | 'SNAPSHOT';
export const PROCESSING_TYPES: readonly ProcessingType[] = ['MANUAL', 'DYNAMIC', 'SNAPSHOT'];

export interface SandboxList {
  listId: string;
  name: string;
  objectTypeId: string;
  processingType: ProcessingType;
  createdAt: string;
  updatedAt: string;
  /** record id -> membership time (ISO) */
  members: Map<string, string>;
}

export interface ListStore {
  create(input: { name: string; objectTypeId: string; processingType: ProcessingType }, at: string): SandboxList;
  get(listId: string): SandboxList | undefined;
  byName(objectTypeId: string, name: string): SandboxList | undefined;
  /** Record ids that are members (test helper and GET memberships). */
  members(listId: string): string[];
}

export function createListStore(): ListStore {
  const lists = new Map<string, SandboxList>();
  let next = 1;
  return {
    create(input, at) {
      const list: SandboxList = { ...input, listId: String(next++), createdAt: at, updatedAt: at, members: new Map() };
      lists.set(list.listId, list);
      return list;
    },
    get: (listId) => lists.get(listId),
    byName: (objectTypeId, name) => [...lists.values()].find((l) => l.objectTypeId === objectTypeId && l.name.toLowerCase() === name.toLowerCase()),
    members: (listId) => [...(lists.get(listId)?.members.keys() ?? [])],
  };
}

export function listToApi(l: SandboxList): Record<string, unknown> {
  return {
    listId: l.listId, name: l.name, objectTypeId: l.objectTypeId, processingType: l.processingType,
    processingStatus: 'COMPLETE', listVersion: 1, createdAt: l.createdAt, updatedAt: l.updatedAt, size: l.members.size,
  };
}
