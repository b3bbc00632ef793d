// The email lookup key: the same address (any case, padded) gives the same key within a
// tenant, another key in another tenant, and the key never contains the address.
import { describe, expect, it } from '@jest/globals';
import { emailLookupKey, firstEmail, leadEmailKey } from '../../../src/crypto/email-lookup.ts';

describe('email lookup key', () => {
  it('normalizes case and spaces, and differs per tenant', () => {
    const key = emailLookupKey('hubspot:1', 'Jana@Pharma.example');
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect(emailLookupKey('hubspot:1', '  jana@pharma.EXAMPLE ')).toBe(key);
    expect(emailLookupKey('hubspot:2', 'jana@pharma.example')).not.toBe(key);
    expect(key).not.toContain('jana');
  });

  it.each([
    ['a@x.test', 'a@x.test'],
    ['A@X.test, b@y.test', 'a@x.test'],
    ['name; b@y.test', 'b@y.test'],
    ['no address', null],
    ['', null],
    [42, null],
    [null, null],
    [undefined, null],
  ])('reads the first address of %j', (value, expected) => {
    expect(firstEmail(value as string)).toBe(expected);
  });

  it("keys a lead's email field, or nothing without one", () => {
    expect(leadEmailKey('hubspot:1', { email: 'A@x.test' })).toBe(emailLookupKey('hubspot:1', 'a@x.test'));
    expect(leadEmailKey('hubspot:1', { job_title: 'CFO' })).toBeNull();
  });
});
