// The portal's owners (GET /crm/v3/owners). Owner `id` and `userId` are deliberately different
// number ranges: HubSpot assigns with `id`, and writing a `userId` into hubspot_owner_id is an
// error (shared/reference/hubspot.md §6 "Owners").
import type { Owner, OwnerInput } from './types.ts';

export const DEFAULT_OWNERS: OwnerInput[] = [
  { email: 'alice.martin@example.com', firstName: 'Alice', lastName: 'Martin' },
  { email: 'bruno.diaz@example.com', firstName: 'Bruno', lastName: 'Diaz' },
  { email: 'chen.wei@example.com', firstName: 'Chen', lastName: 'Wei' },
];

// Arbitrary but disjoint ranges, shaped like real ids (owner ids are strings, userIds numbers).
const OWNER_ID_BASE = 71_000_000;
const USER_ID_BASE = 9_100_000;

export interface OwnerDirectory {
  list(): Owner[];
  get(id: string): Owner | undefined;
  getByUserId(userId: number): Owner | undefined;
  /** True when `id` is an active owner id (valid for hubspot_owner_id). */
  isAssignable(id: string): boolean;
  /** The user the sandbox's helper methods act as (CRM_UI changes): the first active owner. */
  actingUserId(): number;
}

export function createOwnerDirectory(inputs: OwnerInput[], createdAt: string): OwnerDirectory {
  const owners: Owner[] = inputs.map((input, index) => ({
    id: String(OWNER_ID_BASE + index + 1),
    email: input.email,
    type: 'PERSON',
    firstName: input.firstName ?? '',
    lastName: input.lastName ?? '',
    userId: USER_ID_BASE + index + 1,
    userIdIncludingInactive: USER_ID_BASE + index + 1,
    createdAt,
    updatedAt: createdAt,
    archived: input.archived ?? false,
    teams: [],
  }));
  const byId = new Map(owners.map((o) => [o.id, o]));
  return {
    list: () => owners.map((o) => ({ ...o, teams: [...o.teams] })),
    get: (id) => byId.get(id),
    getByUserId: (userId) => owners.find((o) => o.userId === userId),
    isAssignable: (id) => byId.get(id)?.archived === false,
    // Portal with no active owner: a plausible super-admin user id.
    actingUserId: () => owners.find((o) => !o.archived)?.userId ?? USER_ID_BASE,
  };
}
