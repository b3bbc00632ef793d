// The portal's property schema per object type: built-ins plus properties and groups created
// through the properties API (POST /crm/v3/properties/{objectType}[/groups]).
import { BUILT_IN_GROUPS, listBuiltInProperties } from './property-definitions.ts';
import type { PropertyDefinition } from './property-definitions.ts';
import type { CrmObjectType } from './types.ts';
import { CRM_OBJECT_TYPES } from './types.ts';

export interface PropertyGroup { name: string; label: string; displayOrder: number; archived: boolean }

export interface PropertyRegistry {
  get(type: CrmObjectType, name: string): PropertyDefinition | undefined;
  list(type: CrmObjectType): PropertyDefinition[];
  add(type: CrmObjectType, definition: PropertyDefinition): void;
  getGroup(type: CrmObjectType, name: string): PropertyGroup | undefined;
  listGroups(type: CrmObjectType): PropertyGroup[];
  addGroup(type: CrmObjectType, group: PropertyGroup): void;
}

export function createPropertyRegistry(createdAt: string): PropertyRegistry {
  const properties = new Map<CrmObjectType, Map<string, PropertyDefinition>>();
  const groups = new Map<CrmObjectType, Map<string, PropertyGroup>>();
  for (const type of CRM_OBJECT_TYPES) {
    properties.set(type, new Map(listBuiltInProperties(type, createdAt).map((p) => [p.name, p])));
    groups.set(type, new Map(BUILT_IN_GROUPS[type].map(([name, label], displayOrder) => [name, { name, label, displayOrder, archived: false }])));
  }
  const of = <T>(map: Map<CrmObjectType, Map<string, T>>, type: CrmObjectType): Map<string, T> => {
    const found = map.get(type);
    if (!found) throw new Error(`unknown object type ${type}`);
    return found;
  };
  return {
    get: (type, name) => of(properties, type).get(name),
    list: (type) => [...of(properties, type).values()],
    add: (type, definition) => { of(properties, type).set(definition.name, definition); },
    getGroup: (type, name) => of(groups, type).get(name),
    listGroups: (type) => [...of(groups, type).values()],
    addGroup: (type, group) => { of(groups, type).set(group.name, group); },
  };
}
