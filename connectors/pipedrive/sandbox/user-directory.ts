// The company's users (candidate owners): GET /v1/users, /v1/users/{id}, /v1/users/me
// (pipedrive.md §3.4). Active users are the paid seats that size the daily token budget (§4).
import type { UserInput } from './types.ts';
import { v1Time } from './time.ts';

export interface SandboxUser {
  id: number;
  name: string;
  email: string;
  active: boolean;
  isAdmin: boolean;
}

export const DEFAULT_USERS: UserInput[] = [
  { email: 'anna.admin@acme.test', name: 'Anna Admin', is_admin: true },
  { email: 'ben.novak@acme.test', name: 'Ben Novak' },
  { email: 'cara.weber@acme.test', name: 'Cara Weber' },
  { email: 'dan.former@acme.test', name: 'Dan Former', active: false },
];

/** User ids look like real ones and never collide with person / organization ids. */
const FIRST_USER_ID = 12_094_821;

export interface UserDirectory {
  list(): SandboxUser[];
  get(id: number): SandboxUser | undefined;
  isActive(id: unknown): boolean;
  /** The first admin: owner of the API token and of UI actions by default. */
  primaryAdmin(): SandboxUser;
  seats(): number;
  toApi(user: SandboxUser, meId?: number): Record<string, unknown>;
}

export function createUserDirectory(inputs: UserInput[], startedAt: number): UserDirectory {
  if (inputs.length === 0) throw new Error('createPipedriveSandbox: `users` must name at least one user');
  const anyAdmin = inputs.some((u) => u.is_admin === true);
  const users: SandboxUser[] = inputs.map((u, i) => ({
    id: FIRST_USER_ID + i,
    name: u.name,
    email: u.email,
    active: u.active ?? true,
    isAdmin: u.is_admin ?? (!anyAdmin && i === 0),
  }));
  const admin = users.find((u) => u.isAdmin && u.active);
  if (!admin) throw new Error('createPipedriveSandbox: at least one active admin user is required (is_admin: true)');
  const byId = new Map(users.map((u) => [u.id, u]));

  return {
    list: () => users.map((u) => ({ ...u })),
    get: (id) => byId.get(id),
    isActive: (id) => typeof id === 'number' && byId.get(id)?.active === true,
    primaryAdmin: () => admin,
    seats: () => users.filter((u) => u.active).length,
    toApi(user, meId) {
      // SDK v1 BaseUser, plus is_admin.
      return {
        id: user.id, name: user.name, default_currency: 'EUR', locale: 'en_US', lang: 1, email: user.email, phone: null,
        activated: user.active, last_login: v1Time(startedAt), created: v1Time(startedAt), modified: v1Time(startedAt),
        has_created_company: user.id === users[0]?.id,
        access: [{ app: 'sales', admin: user.isAdmin, permission_set_id: user.isAdmin ? 'admin' : 'regular-user' }],
        active_flag: user.active, timezone_name: 'Europe/Prague', timezone_offset: '+01:00', role_id: 1, icon_url: null,
        is_you: user.id === meId, is_deleted: false, is_admin: user.isAdmin,
      };
    },
  };
}
