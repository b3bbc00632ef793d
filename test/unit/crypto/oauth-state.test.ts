import { describe, it, expect } from '@jest/globals';
import { signState, verifyState } from '../../../src/crypto/oauth-state.ts';

const secret = 'test-secret-0123456789abcdef';
const MIN = 60_000;
const t0 = Date.parse('2025-06-01T12:00:00Z');

describe('signState / verifyState', () => {
  it('round-trips the payload with iat and a random nonce added', () => {
    const token = signState({ tenant: 'hubspot:1', returnTo: '/setup' }, secret, t0);
    expect(token).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    const payload = verifyState(token, secret, t0 + MIN, 10 * MIN);
    expect(payload).toMatchObject({ tenant: 'hubspot:1', returnTo: '/setup', iat: t0 });
    expect(payload?.nonce).toMatch(/^[A-Za-z0-9_-]{22}$/);
    const again = verifyState(signState({ tenant: 'hubspot:1', returnTo: '/setup' }, secret, t0), secret, t0, MIN);
    expect(again?.nonce).not.toBe(payload?.nonce);
  });

  it('keeps a caller-provided nonce (e.g. one also stored in a cookie)', () => {
    const token = signState({ nonce: 'cookie-nonce' }, secret, t0);
    expect(verifyState(token, secret, t0, MIN)?.nonce).toBe('cookie-nonce');
  });

  it('expires after maxAgeMs and rejects states from the far future', () => {
    const token = signState({}, secret, t0);
    expect(verifyState(token, secret, t0 + 10 * MIN, 10 * MIN)).not.toBeNull();
    expect(verifyState(token, secret, t0 + 10 * MIN + 1, 10 * MIN)).toBeNull();
    expect(verifyState(token, secret, t0 - 30_000, 10 * MIN)).not.toBeNull(); // small clock skew between instances
    expect(verifyState(token, secret, t0 - 10 * MIN, 10 * MIN)).toBeNull();
  });

  it('rejects tampered payloads and signatures, and other secrets', () => {
    const token = signState({ tenant: 'hubspot:1' }, secret, t0);
    const [body, sig] = token.split('.') as [string, string];
    const forged = Buffer.from(JSON.stringify({ tenant: 'hubspot:666', iat: t0, nonce: 'x' })).toString('base64url');
    expect(verifyState(`${forged}.${sig}`, secret, t0, MIN)).toBeNull();
    const flipped = sig.slice(0, -2) + (sig.at(-2) === 'A' ? 'B' : 'A') + sig.at(-1);
    expect(verifyState(`${body}.${flipped}`, secret, t0, MIN)).toBeNull();
    expect(verifyState(`${body}.${sig}x`, secret, t0, MIN)).toBeNull();
    expect(verifyState(token, 'another-secret-0123456789', t0, MIN)).toBeNull();
  });

  it.each(['', 'nodot', 'a.b.c', '.sig', 'x'.repeat(10_000)])('returns null for the malformed state %p', (token) => {
    expect(verifyState(token, secret, t0, MIN)).toBeNull();
  });

  it('returns null for a validly signed body that is not a state (no iat / nonce)', async () => {
    const { createHmac } = await import('node:crypto');
    const body = Buffer.from(JSON.stringify({ tenant: 'x' })).toString('base64url');
    const sig = createHmac('sha256', secret).update(body).digest('base64url');
    expect(verifyState(`${body}.${sig}`, secret, t0, MIN)).toBeNull();
  });

  it('refuses a short secret', () => {
    expect(() => signState({}, 'short', t0)).toThrow(/at least 16 characters/);
  });
});
