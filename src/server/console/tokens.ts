// Secrets of the console sign-in: 32 random bytes, base64url. The store keeps only their
// SHA-256, so a leaked database (or backup) holds no usable link or session.
import { createHash, randomBytes } from 'node:crypto';

export function newSecret(): string {
  return randomBytes(32).toString('base64url');
}

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/** A well-formed secret: 43 base64url characters (anything else is refused before the store). */
export function looksLikeSecret(value: unknown): value is string {
  return typeof value === 'string' && /^[A-Za-z0-9_-]{43}$/.test(value);
}
