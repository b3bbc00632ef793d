// Which tenant `lead-router config ...` works on: --tenant (a tenant key such as hubspot:123,
// or just the portal / company id when it is unambiguous), else the only tenant the store and
// environment know (single-tenant mode). Unknown tenants are refused with the known ones.
import type { AppEnv } from '../env.ts';
import { InputError } from '../errors.ts';
import type { Store, TenantKey } from '../store/types.ts';

/** Installs, tenants with config versions, and the tenant named by the environment (private app / API token). */
export async function knownTenants(store: Store, env: AppEnv): Promise<TenantKey[]> {
  const known = new Set<TenantKey>((await store.listInstalls()).map((i) => i.tenant));
  for (const tenant of (await store.activeConfigVersions()).keys()) known.add(tenant);
  if (env.hubspot?.mode === 'private' && env.hubspot.portalId) known.add(`hubspot:${env.hubspot.portalId}`);
  if (env.pipedrive?.mode === 'api_token' && env.pipedrive.companyId) known.add(`pipedrive:${env.pipedrive.companyId}`);
  return [...known].sort();
}

export async function resolveConfigTenant(store: Store, env: AppEnv, explicit?: string): Promise<TenantKey> {
  const known = await knownTenants(store, env);
  const list = known.length ? ` (known: ${known.join(', ')})` : '';
  if (explicit !== undefined) {
    const wanted = explicit.trim();
    const matches = wanted.includes(':') ? known.filter((t) => t === wanted) : known.filter((t) => t.slice(t.indexOf(':') + 1) === wanted);
    if (matches.length === 1) return matches[0]!;
    if (matches.length > 1) throw new InputError(`--tenant ${wanted} is ambiguous: use the full tenant key, one of ${matches.join(', ')}`);
    throw new InputError(
      `unknown tenant "${wanted}"${list || ': no tenant is installed'}. ` +
        'Use a tenant key such as hubspot:<portal id> or pipedrive:<company id> of an installed tenant (or the one set by HUBSPOT_PORTAL_ID / PIPEDRIVE_COMPANY_ID).',
    );
  }
  if (known.length === 1) return known[0]!;
  if (known.length === 0) {
    throw new InputError(
      'no tenant known: install the app, or set HUBSPOT_PORTAL_ID / PIPEDRIVE_COMPANY_ID for a private app, then pass --tenant hubspot:<portal id>. ' +
        'Without tenants the config file applies: edit it and check it with "lead-router validate".',
    );
  }
  throw new InputError(`${known.length} tenants: choose one with --tenant${list}`);
}
