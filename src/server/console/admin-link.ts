// One-time sign-in links for the console (`lead-router admin-link`): single use, short expiry,
// stored hashed, bound to one tenant.
import type { Store, TenantKey } from '../../store/types.ts';
import { hashSecret, newSecret } from './tokens.ts';

/** How long a printed link can be opened: long enough to copy it into a browser. */
export const ADMIN_LINK_TTL_MS = 10 * 60 * 1000;

export async function issueAdminLink(deps: { store: Pick<Store, 'createAdminLink'>; now: number }, tenant: TenantKey, baseUrl: string, ttlMs = ADMIN_LINK_TTL_MS): Promise<{ url: string; expiresAt: number }> {
  const token = newSecret();
  const expiresAt = deps.now + ttlMs;
  await deps.store.createAdminLink({ tokenHash: hashSecret(token), tenant, createdAt: deps.now, expiresAt });
  const url = new URL('/admin/login', baseUrl);
  url.searchParams.set('token', token);
  return { url: url.toString(), expiresAt };
}
