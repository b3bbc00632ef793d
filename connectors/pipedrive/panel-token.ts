// The JSON panel's `token` query parameter: a JWT (HS256) signed with the panel's JWT secret,
// or the app's client_secret when none is set; its payload names the user and company
// (pipedrive.md §6, devcommunity threads 7347 and 7668). Take the tenant from it, never from
// the plain `companyId` query parameter. The token is not an API access token.
import { createHmac } from 'node:crypto';
import { AuthError } from '../../src/errors.ts';
import { safeEqual } from '../../src/crypto/safe-equal.ts';

type Obj = Record<string, unknown>;

function decodeJson(part: string, what: string): Obj {
  try {
    const v = JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as unknown;
    if (typeof v === 'object' && v !== null && !Array.isArray(v)) return v as Obj;
  } catch {
    // fall through
  }
  throw new AuthError(`Panel token ${what} is not base64url JSON`);
}

/**
 * Clock skew tolerated on `exp` / `nbf`: 30 s. Pipedrive's app-extension tokens live 5 minutes
 * (app-extensions-sdk README, "Get signed token"), so 30 s is a tenth of a token's life: enough
 * for an NTP-synced server a few seconds off, too little to stretch a stolen token usefully.
 */
export const PANEL_TOKEN_SKEW_MS = 30_000;

const idOf = (v: unknown): string | null => (typeof v === 'number' || (typeof v === 'string' && v !== '') ? String(v) : null);

/**
 * Verify the panel JWT: HS256 only (no "none", no algorithm switching), constant-time signature
 * check, then the lifetime: `exp` is REQUIRED (a token without it would be valid forever, so a
 * leaked panel URL would be a permanent key to that company's panel) and must lie in the
 * future; `nbf`, when present, in the past; both in seconds, with PANEL_TOKEN_SKEW_MS leeway.
 * Returns the user and company; throws AuthError otherwise.
 */
export function verifyPanelToken(token: unknown, secret: string, now: number): { userId: string; companyId: string } {
  if (!secret) throw new AuthError('Panel JWT secret is not configured (panel secret, or the app client secret)');
  if (typeof token !== 'string' || token === '') throw new AuthError('Panel request lacks the "token" query parameter');
  const parts = token.split('.');
  if (parts.length !== 3 || parts.some((p) => !/^[A-Za-z0-9_-]*$/.test(p))) throw new AuthError('Panel token is not a JWT');
  const [h, p, sig] = parts as [string, string, string];
  const header = decodeJson(h, 'header');
  if (header.alg !== 'HS256') throw new AuthError(`Panel token algorithm "${String(header.alg)}" is not accepted (HS256 only)`);
  const expected = createHmac('sha256', secret).update(`${h}.${p}`).digest('base64url');
  if (!safeEqual(sig, expected)) throw new AuthError('Panel token signature is invalid');
  const payload = decodeJson(p, 'payload');
  if (payload.exp === undefined) throw new AuthError('Panel token has no expiry ("exp" claim); tokens without one are refused');
  if (typeof payload.exp !== 'number' || !Number.isFinite(payload.exp)) throw new AuthError('Panel token "exp" claim is not a number of seconds');
  if (now >= payload.exp * 1000 + PANEL_TOKEN_SKEW_MS) throw new AuthError('Panel token has expired');
  if (payload.nbf !== undefined && (typeof payload.nbf !== 'number' || now < payload.nbf * 1000 - PANEL_TOKEN_SKEW_MS)) throw new AuthError('Panel token is not valid yet');
  const userId = idOf(payload.userId);
  const companyId = idOf(payload.companyId);
  if (!userId || !companyId) throw new AuthError('Panel token payload lacks userId / companyId');
  return { userId, companyId };
}
