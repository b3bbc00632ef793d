// OAuth `state`: a signed, expiring, single-use-able token that carries our context (tenant
// hint, return URL) through the CRM's consent screen and back, and defeats CSRF on the callback.
//
// Format: "<payload base64url>.<HMAC-SHA256(secret, payload) base64url>". The payload is JSON
// with `iat` (issued at, epoch ms) and `nonce` (16 random bytes) added. Verification is
// constant-time, checks expiry, and returns null for anything wrong: a callback only needs to
// know "trust it or not". To make a state single-use, remember its nonce until it expires.
import { createHmac, randomBytes } from 'node:crypto';
import { safeEqual } from './safe-equal.ts';

export interface StatePayload {
  [key: string]: unknown;
  /** epoch ms when signed */
  iat: number;
  nonce: string;
}

export const MIN_STATE_SECRET_LENGTH = 16;
// Several app instances sign and verify; tolerate this much clock difference between them.
const CLOCK_SKEW_MS = 60_000;

/** Sign `payload`; a string `payload.nonce` is kept (e.g. one also set in a cookie), else one is made. */
export function signState(payload: object, secret: string, now: number): string {
  checkSecret(secret);
  const given = (payload as { nonce?: unknown }).nonce;
  const nonce = typeof given === 'string' && given.length > 0 ? given : randomBytes(16).toString('base64url');
  const body = Buffer.from(JSON.stringify({ ...payload, iat: now, nonce }), 'utf8').toString('base64url');
  return `${body}.${sign(body, secret)}`;
}

/** The payload if `token` was signed with `secret` no more than maxAgeMs ago; otherwise null. */
export function verifyState(token: string, secret: string, now: number, maxAgeMs: number): StatePayload | null {
  checkSecret(secret);
  if (typeof token !== 'string' || token.length > 8192) return null;
  const dot = token.indexOf('.');
  if (dot <= 0 || dot !== token.lastIndexOf('.')) return null;
  const body = token.slice(0, dot);
  // Compare the encoded strings, not decoded bytes: base64url decoding is lenient, and a state
  // must have exactly one valid spelling.
  if (!safeEqual(token.slice(dot + 1), sign(body, secret))) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return null;
  const { iat, nonce } = parsed as { iat?: unknown; nonce?: unknown };
  if (typeof iat !== 'number' || !Number.isFinite(iat) || typeof nonce !== 'string') return null;
  if (now - iat > maxAgeMs || iat - now > CLOCK_SKEW_MS) return null;
  return parsed as StatePayload;
}

function sign(body: string, secret: string): string {
  return createHmac('sha256', secret).update(body).digest('base64url');
}

function checkSecret(secret: string): void {
  if (typeof secret !== 'string' || secret.length < MIN_STATE_SECRET_LENGTH) {
    throw new RangeError(`OAuth state secret must be at least ${MIN_STATE_SECRET_LENGTH} characters (use a random value such as \`openssl rand -base64 32\`)`);
  }
}
