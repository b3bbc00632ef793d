import { describe, it, expect } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { createTokenCipher, DecryptError } from '../../../src/crypto/token-cipher.ts';
import { EnvError } from '../../../src/errors.ts';

const keyBytes = randomBytes(32);
const b64Key = keyBytes.toString('base64');
const hexKey = keyBytes.toString('hex');

describe('createTokenCipher', () => {
  it('round-trips tokens, including empty and non-ASCII ones', () => {
    const c = createTokenCipher(b64Key);
    for (const text of ['pat-na1-0000-1111', '', 'ünïcødé ✓ 令牌', 'x'.repeat(10_000)]) {
      expect(c.decrypt(c.encrypt(text))).toBe(text);
    }
  });

  it('writes "v1.<iv>.<tag>.<ct>" in base64url with a fresh 12-byte IV each time', () => {
    const c = createTokenCipher(b64Key);
    const a = c.encrypt('same secret');
    const b = c.encrypt('same secret');
    expect(a).not.toBe(b);
    const parts = a.split('.');
    expect(parts).toHaveLength(4);
    expect(parts[0]).toBe('v1');
    for (const p of parts.slice(1)) expect(p).toMatch(/^[A-Za-z0-9_-]*$/);
    expect(Buffer.from(parts[1]!, 'base64url')).toHaveLength(12);
    expect(Buffer.from(parts[2]!, 'base64url')).toHaveLength(16);
    expect(a).not.toContain('same secret');
  });

  it('accepts the same key as base64, base64url or hex', () => {
    const encrypted = createTokenCipher(b64Key).encrypt('token');
    expect(createTokenCipher(hexKey).decrypt(encrypted)).toBe('token');
    expect(createTokenCipher(keyBytes.toString('base64url')).decrypt(encrypted)).toBe('token');
    expect(createTokenCipher(`  ${b64Key}\n`).decrypt(encrypted)).toBe('token'); // pasted with whitespace
  });

  it('detects tampering with any part', () => {
    const c = createTokenCipher(b64Key);
    const token = c.encrypt('refresh-token-123');
    const parts = token.split('.');
    for (const i of [1, 2, 3]) {
      const raw = Buffer.from(parts[i]!, 'base64url');
      raw[0] = raw[0]! ^ 0x01;
      const tampered = parts.map((p, j) => (j === i ? raw.toString('base64url') : p)).join('.');
      expect(() => c.decrypt(tampered)).toThrow(DecryptError);
      expect(() => c.decrypt(tampered)).toThrow(/authentication failed/);
    }
  });

  it('fails clearly with the wrong key, naming the env var', () => {
    const token = createTokenCipher(b64Key).encrypt('token');
    const other = createTokenCipher(randomBytes(32).toString('base64'));
    expect(() => other.decrypt(token)).toThrow(/LEAD_ROUTER_ENCRYPTION_KEY is not the key it was encrypted with/);
  });

  it('binds an optional context (tenant): a token copied to another tenant does not decrypt', () => {
    const c = createTokenCipher(b64Key);
    const token = c.encrypt('token', 'hubspot:1');
    expect(c.decrypt(token, 'hubspot:1')).toBe('token');
    expect(() => c.decrypt(token, 'hubspot:2')).toThrow(DecryptError);
    expect(() => c.decrypt(token)).toThrow(DecryptError);
  });

  it.each([
    ['not a token', /expected "v1.<iv>.<tag>.<ciphertext>", got 1/],
    ['v2.a.b.c', /unknown format version "v2"/],
    ['v1.!!.b.c', /malformed/],
    ['v1.AAAA.AAAA.AAAA', /malformed/], // wrong IV and tag lengths
  ])('rejects the bad format %p', (input, message) => {
    expect(() => createTokenCipher(b64Key).decrypt(input)).toThrow(message);
  });

  it.each([
    ['16 bytes base64', randomBytes(16).toString('base64'), /got 16 bytes/],
    ['31 bytes hex', randomBytes(31).toString('hex'), /got 31 bytes/],
    ['a passphrase', 'correct horse battery staple', /neither base64 nor hex/],
    ['empty', '', /got nothing/],
  ])('rejects a key that is %s with an EnvError explaining the fix', (_name, key, detail) => {
    let err: unknown;
    try {
      createTokenCipher(key);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(EnvError);
    expect((err as EnvError).variables).toEqual(['LEAD_ROUTER_ENCRYPTION_KEY']);
    expect((err as Error).message).toMatch(/LEAD_ROUTER_ENCRYPTION_KEY must be 32 random bytes/);
    expect((err as Error).message).toMatch(detail);
    expect((err as Error).message).toContain('openssl rand -base64 32');
    if (key) expect((err as Error).message).not.toContain(key);
  });
});
