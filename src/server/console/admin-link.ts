// One-time sign-in links for the console (`lead-router admin-link`, the CRM settings hand-offs):
// single use, short expiry, stored hashed, bound to one tenant and, when the issuer knows it, to
// the user it signs in (ConsoleUser: the verified CRM user, or admin-link --as).
import type { ConsoleUser } from '../../store/console-types.ts';
import type { Store, TenantKey } from '../../store/types.ts';
import { hashSecret, newSecret } from './tokens.ts';

/** How long a printed link can be opened: long enough to copy it into a browser. */
export const ADMIN_LINK_TTL_MS = 10 * 60 * 1000;

export async function issueAdminLink(
  deps: { store: Pick<Store, 'createAdminLink'>; now: number },
  tenant: TenantKey,
  baseUrl: string,
  ttlMs = ADMIN_LINK_TTL_MS,
  user?: ConsoleUser,
): Promise<{ url: string; expiresAt: number }> {
  const token = newSecret();
  const expiresAt = deps.now + ttlMs;
  await deps.store.createAdminLink({ tokenHash: hashSecret(token), tenant, createdAt: deps.now, expiresAt, ...(user ? { user } : {}) });
  const url = new URL('/admin/login', baseUrl);
  url.searchParams.set('token', token);
  return { url: url.toString(), expiresAt };
}
