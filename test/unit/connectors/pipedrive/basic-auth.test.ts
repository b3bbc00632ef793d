import { describe, expect, it } from '@jest/globals';
import {
  basicAuthHeader,
  parseBasicAuth,
  verifyBasicAuth,
  verifyUninstallAuth,
} from '../../../../connectors/pipedrive/basic-auth.ts';
import { AuthError } from '../../../../src/errors.ts';

const expected = { user: 'lead-router-8087566', password: 's3cret-pa:ss' };

describe('verifyBasicAuth', () => {
  it('accepts the install\'s credentials (password may contain a colon)', () => {
    expect(() => verifyBasicAuth(basicAuthHeader(expected.user, expected.password), expected)).not.toThrow();
    expect(parseBasicAuth(basicAuthHeader('u', 'a:b:c'))).toEqual({ user: 'u', password: 'a:b:c' });
  });

  it('accepts a lower-case scheme and the first of repeated headers', () => {
    const value = basicAuthHeader(expected.user, expected.password).replace('Basic', 'basic');
    expect(() => verifyBasicAuth([value, 'Basic eA=='], expected)).not.toThrow();
  });

  it.each([
    ['a wrong password', basicAuthHeader(expected.user, 'wrong'), /do not match/],
    ['a wrong user', basicAuthHeader('lead-router-1', expected.password), /do not match/],
    ['another company\'s credentials', basicAuthHeader('lead-router-999', 'their-secret'), /do not match/],
    ['a missing header', undefined, /Missing Authorization header/],
    ['an empty header', '', /Missing Authorization header/],
    ['a Bearer token', 'Bearer abc', /not HTTP Basic/],
    ['malformed base64', 'Basic !!!notbase64', /not valid base64/],
    ['base64 of bad length', 'Basic abcde', /not valid base64/],
    ['no colon', `Basic ${Buffer.from('justuser').toString('base64')}`, /colon/],
  ])('rejects %s with AuthError', (_what, header, message) => {
    let error: unknown;
    try {
      verifyBasicAuth(header, expected);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AuthError);
    expect((error as AuthError).status).toBe(401);
    expect((error as Error).message).toMatch(message);
  });

  it('never echoes the credentials in the error', () => {
    expect(() => verifyBasicAuth(basicAuthHeader(expected.user, 'guess-123'), expected)).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining('guess-123') }),
    );
  });

  it('refuses to verify against empty expected credentials (misconfiguration)', () => {
    expect(() => verifyBasicAuth(basicAuthHeader('', ''), { user: '', password: '' })).toThrow(/not configured/);
  });
});

describe('verifyUninstallAuth', () => {
  it('accepts Basic client_id:client_secret', () => {
    expect(() => verifyUninstallAuth(basicAuthHeader('client-1', 'secret-1'), 'client-1', 'secret-1')).not.toThrow();
  });

  it('rejects another app\'s secret, or no header', () => {
    expect(() => verifyUninstallAuth(basicAuthHeader('client-1', 'nope'), 'client-1', 'secret-1')).toThrow(AuthError);
    expect(() => verifyUninstallAuth(undefined, 'client-1', 'secret-1')).toThrow(AuthError);
  });
});
