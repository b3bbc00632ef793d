// CRM owners per tenant, cached: config emails <-> CRM owner ids. Refreshed on a TTL (owners
// change rarely; HubSpot checklist 8: cache GET /crm/v3/owners per portal and refresh).
// Archived / inactive CRM users are not eligible: they map to no id.
import type { CrmOwner, CrmTenantClient } from '../../crm/types.ts';

export interface OwnerDirectory {
  /** CRM owner id -> lower-cased email, for active owners. */
  emailOf(id: string | null): string | null;
  /** lower-cased email -> CRM owner id (active only). */
  idOf(email: string | null): string | null;
  /** Config emails without an active CRM owner (reported once per refresh). */
  unresolved(configEmails: string[]): string[];
}

interface Entry {
  at: number;
  byId: Map<string, string>;
  byEmail: Map<string, string>;
}

export function createOwnerDirectoryCache(opts: { ttlMs?: number; now: () => number }) {
  const ttl = opts.ttlMs ?? 10 * 60_000;
  const cache = new Map<string, Entry>();
  const inflight = new Map<string, Promise<Entry>>();

  function build(owners: CrmOwner[]): Entry {
    const byId = new Map<string, string>();
    const byEmail = new Map<string, string>();
    for (const o of owners) {
      if (!o.active || !o.email) continue;
      const email = o.email.toLowerCase();
      byId.set(String(o.id), email);
      byEmail.set(email, String(o.id));
    }
    return { at: opts.now(), byId, byEmail };
  }

  async function load(client: CrmTenantClient): Promise<Entry> {
    const hit = cache.get(client.tenant);
    if (hit && opts.now() - hit.at < ttl) return hit;
    let p = inflight.get(client.tenant);
    if (!p) {
      p = client
        .listOwners()
        .then(build)
        .then((e) => {
          cache.set(client.tenant, e);
          return e;
        })
        .finally(() => inflight.delete(client.tenant));
      inflight.set(client.tenant, p);
    }
    try {
      return await p;
    } catch (err) {
      if (hit) return hit; // stale beats nothing when the CRM is briefly unavailable
      throw err;
    }
  }

  return {
    async get(client: CrmTenantClient): Promise<OwnerDirectory> {
      const e = await load(client);
      return {
        emailOf: (id) => (id === null ? null : (e.byId.get(String(id)) ?? null)),
        idOf: (email) => (email === null ? null : (e.byEmail.get(email.toLowerCase()) ?? null)),
        unresolved: (emails) => emails.filter((m) => !e.byEmail.has(m.toLowerCase())),
      };
    },
    invalidate(tenant: string): void {
      cache.delete(tenant);
    },
  };
}
export type OwnerDirectoryCache = ReturnType<typeof createOwnerDirectoryCache>;
