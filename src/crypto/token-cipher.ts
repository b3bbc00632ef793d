// Encryption at rest for CRM OAuth / API tokens: AES-256-GCM (authenticated: a changed byte or
// a wrong key fails loudly instead of yielding garbage).
//
// Format: "v1.<iv>.<tag>.<ciphertext>", each part base64url. The version prefix lets a later
// format or key scheme coexist with stored v1 values. A fresh random 12-byte IV per message
// (the GCM nonce size NIST SP 800-38D recommends); never reuse an IV with the same key.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { EnvError, LeadRouterError } from '../errors.ts';

export const ENCRYPTION_KEY_VAR = 'LEAD_ROUTER_ENCRYPTION_KEY';

const VERSION = 'v1';
const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const ALGORITHM = 'aes-256-gcm';

export interface TokenCipher {
  /** `context` (e.g. the tenant id) is authenticated, not stored: decrypt needs the same one. */
  encrypt(plaintext: string, context?: string): string;
  decrypt(token: string, context?: string): string;
}

/** Stored value cannot be decrypted: altered, wrong key, wrong context or not our format. */
export class DecryptError extends LeadRouterError {
  constructor(message: string) {
    super('INTERNAL', message);
  }
}

/** `key`: 32 random bytes as base64 (44 chars) or hex (64 chars), from LEAD_ROUTER_ENCRYPTION_KEY. */
export function createTokenCipher(key: string): TokenCipher {
  const keyBytes = parseKey(key);
  const aad = (context: string | undefined): Buffer => Buffer.from(`lead-router:${VERSION}:${context ?? ''}`, 'utf8');

  return {
    encrypt(plaintext, context) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv(ALGORITHM, keyBytes, iv, { authTagLength: TAG_BYTES });
      cipher.setAAD(aad(context));
      const ct = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return [VERSION, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), ct.toString('base64url')].join('.');
    },
    decrypt(token, context) {
      const parts = typeof token === 'string' ? token.split('.') : [];
      if (parts.length !== 4) {
        throw new DecryptError(`Cannot decrypt stored token: expected "${VERSION}.<iv>.<tag>.<ciphertext>", got ${parts.length} dot-separated parts`);
      }
      const [version, ivPart, tagPart, ctPart] = parts as [string, string, string, string];
      if (version !== VERSION) {
        throw new DecryptError(`Cannot decrypt stored token: unknown format version "${version.slice(0, 8)}" (this build reads ${VERSION})`);
      }
      const iv = decodePart(ivPart);
      const tag = decodePart(tagPart);
      const ct = decodePart(ctPart);
      if (!iv || iv.length !== IV_BYTES || !tag || tag.length !== TAG_BYTES || !ct) {
        throw new DecryptError('Cannot decrypt stored token: malformed iv, tag or ciphertext');
      }
      const decipher = createDecipheriv(ALGORITHM, keyBytes, iv, { authTagLength: TAG_BYTES });
      decipher.setAAD(aad(context));
      decipher.setAuthTag(tag);
      try {
        return Buffer.concat([decipher.update(ct), decipher.final()]).toString('utf8');
      } catch {
        throw new DecryptError(
          `Cannot decrypt stored token: authentication failed. It was altered, or ${ENCRYPTION_KEY_VAR} is not the key it was encrypted with (restore the old key, or reconnect the CRM to store a fresh token).`,
        );
      }
    },
  };
}

function parseKey(key: string): Buffer {
  const k = typeof key === 'string' ? key.trim() : '';
  let bytes: Buffer | undefined;
  // An even-length run of hex digits is read as hex (a 32-byte base64 key ends in "=", and an
  // unpadded base64url one has odd length), so a short hex key gets an accurate message.
  if (/^[0-9a-fA-F]+$/.test(k) && k.length % 2 === 0) bytes = Buffer.from(k, 'hex');
  else if (/^[A-Za-z0-9+/_-]+={0,2}$/.test(k)) bytes = Buffer.from(k, k.includes('-') || k.includes('_') ? 'base64url' : 'base64');
  if (!bytes || bytes.length !== KEY_BYTES) {
    // Never echo the key itself, only what is wrong with it.
    const got = bytes ? `${bytes.length} bytes` : k ? `${k.length} characters that are neither base64 nor hex` : 'nothing';
    throw new EnvError(
      [ENCRYPTION_KEY_VAR],
      `${ENCRYPTION_KEY_VAR} must be ${KEY_BYTES} random bytes, base64 (44 characters) or hex (64 characters); got ${got}. Generate one with: openssl rand -base64 32`,
    );
  }
  return bytes;
}

function decodePart(part: string): Buffer | undefined {
  return /^[A-Za-z0-9_-]*$/.test(part) ? Buffer.from(part, 'base64url') : undefined;
}
