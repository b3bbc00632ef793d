// Per-install webhook credentials (OAuth mode). The Basic user names the company, so a
// delivery can be matched to its install from the Authorization header alone, before the body
// is parsed (architecture.md house style 3); the password is a random per-install secret
// (pipedrive.md "must do" 2: "a per-install secret").
import { randomBytes } from 'node:crypto';
import type { BasicCredentials } from './basic-auth.ts';

const PREFIX = 'lead-router-';

/** 32 random bytes: well above brute-force reach, and URL/header safe as base64url. */
const PASSWORD_BYTES = 32;

export function webhookUserFor(companyId: string): string {
  return `${PREFIX}${companyId}`;
}

/** The company id a webhook user names, or null for a user lead-router did not issue. */
export function companyIdFromWebhookUser(user: string): string | null {
  if (!user.startsWith(PREFIX)) return null;
  const id = user.slice(PREFIX.length);
  return /^\d+$/.test(id) ? id : null;
}

export function createWebhookCredentials(companyId: string, random: (n: number) => Buffer = randomBytes): BasicCredentials {
  return { user: webhookUserFor(companyId), password: random(PASSWORD_BYTES).toString('base64url') };
}
