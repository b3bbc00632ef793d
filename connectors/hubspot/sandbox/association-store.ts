// Associations between records, with HubSpot's default v4 type ids (shared/reference/hubspot.md §6:
// contact->company primary 1 / unlabeled 279, reverse 2 / 280). A primary association always
// comes with the unlabeled one (§1.2 "Creating a primary association also creates the non-primary
// one"); a contact has at most one primary company.
import type { CrmObjectType } from './types.ts';

export interface AssociationTypeOut { category: 'HUBSPOT_DEFINED'; typeId: number; label: string | null }

// Default HUBSPOT_DEFINED type ids per direction (SDK src/enums/AssociationTypes.ts).
const TYPE_IDS: Record<string, { unlabeled: number; primary?: number }> = {
  'contacts/companies': { unlabeled: 279, primary: 1 }, 'companies/contacts': { unlabeled: 280, primary: 2 },
  'deals/contacts': { unlabeled: 3 }, 'contacts/deals': { unlabeled: 4 }, 'deals/companies': { unlabeled: 341, primary: 5 }, 'companies/deals': { unlabeled: 342, primary: 6 },
  'calls/contacts': { unlabeled: 194 }, 'contacts/calls': { unlabeled: 193 },
  'emails/contacts': { unlabeled: 198 }, 'contacts/emails': { unlabeled: 197 },
  'meetings/contacts': { unlabeled: 200 }, 'contacts/meetings': { unlabeled: 199 },
  'notes/contacts': { unlabeled: 202 }, 'contacts/notes': { unlabeled: 201 },
  'tasks/contacts': { unlabeled: 204 }, 'contacts/tasks': { unlabeled: 203 },
  'calls/companies': { unlabeled: 182 }, 'companies/calls': { unlabeled: 181 },
  'emails/companies': { unlabeled: 186 }, 'companies/emails': { unlabeled: 185 },
  'meetings/companies': { unlabeled: 188 }, 'companies/meetings': { unlabeled: 187 },
  'notes/companies': { unlabeled: 190 }, 'companies/notes': { unlabeled: 189 },
  'tasks/companies': { unlabeled: 192 }, 'companies/tasks': { unlabeled: 191 },
};

export const OBJECT_TYPE_IDS: Record<CrmObjectType, string> = {
  contacts: '0-1', companies: '0-2', deals: '0-3', calls: '0-48', emails: '0-49', meetings: '0-47', notes: '0-46', tasks: '0-27',
};

export function associationTypeIds(from: CrmObjectType, to: CrmObjectType): { unlabeled: number; primary?: number } | undefined {
  return TYPE_IDS[`${from}/${to}`];
}

interface Link { primary: boolean }

export interface LinkResult {
  /** The (unlabeled) association did not exist before. */
  created: boolean;
  /** The primary label was newly set. */
  primaryAdded: boolean;
  /** Company that lost its primary label to this one (contact<->company only). */
  previousPrimaryCompanyId?: string;
}

export interface AssociationStore {
  link(from: CrmObjectType, fromId: string, to: CrmObjectType, toId: string, primary: boolean): LinkResult;
  unlinkAll(type: CrmObjectType, id: string): void;
  /** Moves every association of `oldId` onto `newId` (merges). */
  rekey(type: CrmObjectType, oldId: string, newId: string): void;
  read(from: CrmObjectType, fromId: string, to: CrmObjectType): { toObjectId: number; associationTypes: AssociationTypeOut[] }[];
  primaryCompanyOf(contactId: string): string | undefined;
}

const key = (type: CrmObjectType, id: string): string => `${type}:${id}`;
const split = (k: string): [CrmObjectType, string] => {
  const at = k.indexOf(':');
  return [k.slice(0, at) as CrmObjectType, k.slice(at + 1)];
};

export function createAssociationStore(): AssociationStore {
  const links = new Map<string, Map<string, Link>>();
  const neighbours = (k: string): Map<string, Link> => {
    let found = links.get(k);
    if (!found) links.set(k, (found = new Map()));
    return found;
  };
  const companiesOf = (contactId: string): [string, Link][] =>
    [...neighbours(key('contacts', contactId))].filter(([k]) => k.startsWith('companies:'));

  function setPrimary(contactId: string, companyId: string): string | undefined {
    let previous: string | undefined;
    for (const [k, link] of companiesOf(contactId)) {
      const [, id] = split(k);
      if (id !== companyId && link.primary) { link.primary = false; previous = id; }
    }
    return previous;
  }

  return {
    link(from, fromId, to, toId, primary) {
      const a = key(from, fromId);
      const b = key(to, toId);
      let link = neighbours(a).get(b);
      const created = !link;
      if (!link) {
        link = { primary: false };
        neighbours(a).set(b, link);
        neighbours(b).set(a, link);
      }
      const result: LinkResult = { created, primaryAdded: false };
      if (primary && !link.primary && associationTypeIds(from, to)?.primary !== undefined) {
        const contactId = from === 'contacts' ? fromId : toId;
        const companyId = from === 'contacts' ? toId : fromId;
        const previous = setPrimary(contactId, companyId);
        if (previous !== undefined) result.previousPrimaryCompanyId = previous;
        link.primary = true;
        result.primaryAdded = true;
      }
      return result;
    },
    unlinkAll(type, id) {
      const k = key(type, id);
      for (const other of neighbours(k).keys()) links.get(other)?.delete(k);
      links.delete(k);
    },
    rekey(type, oldId, newId) {
      const oldKey = key(type, oldId);
      const newKey = key(type, newId);
      for (const [other, link] of neighbours(oldKey)) {
        links.get(other)?.delete(oldKey);
        // call rekey for the winner first: its links (and primary company) take precedence
        const merged = neighbours(newKey).get(other) ?? link;
        neighbours(newKey).set(other, merged);
        neighbours(other).set(newKey, merged);
      }
      links.delete(oldKey);
      if (type === 'contacts') {
        const primaries = companiesOf(newId).filter(([, l]) => l.primary);
        for (const [, l] of primaries.slice(1)) l.primary = false;
      }
    },
    read(from, fromId, to) {
      const ids = associationTypeIds(from, to);
      if (!ids) return [];
      const out: { toObjectId: number; associationTypes: AssociationTypeOut[] }[] = [];
      for (const [k, link] of neighbours(key(from, fromId))) {
        const [type, id] = split(k);
        if (type !== to) continue;
        const types: AssociationTypeOut[] = [];
        if (link.primary && ids.primary !== undefined) types.push({ category: 'HUBSPOT_DEFINED', typeId: ids.primary, label: 'Primary' });
        types.push({ category: 'HUBSPOT_DEFINED', typeId: ids.unlabeled, label: null });
        out.push({ toObjectId: Number(id), associationTypes: types });
      }
      return out.sort((x, y) => x.toObjectId - y.toObjectId);
    },
    primaryCompanyOf(contactId) {
      const found = companiesOf(contactId).find(([, l]) => l.primary);
      return found ? split(found[0])[1] : undefined;
    },
  };
}

/** Which object type (and whether primary) a HUBSPOT_DEFINED type id from `from` points to. */
export function resolveAssociationTypeId(from: CrmObjectType, typeId: number): { to: CrmObjectType; primary: boolean } | undefined {
  for (const [pair, ids] of Object.entries(TYPE_IDS)) {
    const [source, target] = pair.split('/') as [CrmObjectType, CrmObjectType];
    if (source !== from) continue;
    if (ids.unlabeled === typeId) return { to: target, primary: false };
    if (ids.primary === typeId) return { to: target, primary: true };
  }
  return undefined;
}

/** Every (from, to) pair with default association types. */
export function listAssociationPairs(): [CrmObjectType, CrmObjectType][] {
  return Object.keys(TYPE_IDS).map((pair) => pair.split('/') as [CrmObjectType, CrmObjectType]);
}
