// The email lookup key: how the console finds a lead by email without the store keeping
// emails. SHA-256 over the tenant and the trimmed, lower-cased address, so the same address
// in two tenants gives two keys. A pseudonym, not a secret: whoever can guess an address can
// compute its key; it keeps addresses out of the database, its backups and its logs.
import { createHash } from 'node:crypto';
import type { FieldValue } from '../engine/types.ts';

const DOMAIN = 'lead-router/email-lookup/v1';

/** The first address in a field value ("a@x.test", "a@x.test, b@y.test"); null when there is none. */
export function firstEmail(value: FieldValue | undefined): string | null {
  if (typeof value !== 'string') return null;
  const found = value.split(/[\s,;]+/).find((part) => part.includes('@'));
  return found ? found.trim().toLowerCase() : null;
}

export function emailLookupKey(tenant: string, email: string): string {
  return createHash('sha256').update(`${DOMAIN}\u0000${tenant}\u0000${email.trim().toLowerCase()}`).digest('hex');
}

/** The key of the lead's email field (config alias `email`), or null when the lead has none. */
export function leadEmailKey(tenant: string, fields: Record<string, FieldValue | undefined>): string | null {
  const email = firstEmail(fields.email);
  return email ? emailLookupKey(tenant, email) : null;
}
