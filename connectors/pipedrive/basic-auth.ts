// HTTP Basic authentication: the only documented way Pipedrive authenticates webhook deliveries
// (`http_auth_user` / `http_auth_password` set at registration, pipedrive.md §1.5) and the
// OAuth uninstall callback (Basic client_id:client_secret, §2 "Uninstall callback").
import { AuthError } from '../../src/errors.ts';
import { safeEqual } from '../../src/crypto/safe-equal.ts';

export interface BasicCredentials {
  user: string;
  password: string;
}

type HeaderValue = string | string[] | undefined;

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/** The first value of a (possibly repeated) header. */
export function headerValue(value: HeaderValue): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/**
 * Decode `Authorization: Basic base64(user:password)`. Throws AuthError naming what is wrong;
 * never echoes the credentials themselves.
 */
export function parseBasicAuth(authorization: HeaderValue): BasicCredentials {
  const header = headerValue(authorization)?.trim();
  if (!header) throw new AuthError('Missing Authorization header: Pipedrive sends HTTP Basic credentials with every delivery');
  const match = /^Basic\s+(\S+)$/i.exec(header);
  if (!match?.[1]) throw new AuthError('Authorization header is not HTTP Basic ("Basic <base64(user:password)>")');
  const encoded = match[1];
  if (encoded.length % 4 !== 0 || !BASE64.test(encoded)) {
    throw new AuthError('Authorization header is malformed: the Basic credentials are not valid base64');
  }
  const decoded = Buffer.from(encoded, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) throw new AuthError('Authorization header is malformed: the Basic credentials lack a "user:password" colon');
  return { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

/** Constant-time check of both parts (no short-circuit: both comparisons always run). */
export function credentialsMatch(given: BasicCredentials, expected: BasicCredentials): boolean {
  const userOk = safeEqual(given.user, expected.user);
  const passwordOk = safeEqual(given.password, expected.password);
  return userOk && passwordOk;
}

/** Verify a webhook delivery's Basic credentials against the install's webhook credentials. */
export function verifyBasicAuth(authorization: HeaderValue, expected: BasicCredentials): void {
  if (!expected.user || !expected.password) {
    throw new AuthError('Webhook credentials are not configured for this Pipedrive install (webhook user and password are required)');
  }
  if (!credentialsMatch(parseBasicAuth(authorization), expected)) {
    throw new AuthError('Pipedrive webhook credentials do not match this install');
  }
}

/**
 * Verify the OAuth uninstall callback (`DELETE` on the callback URL): Pipedrive authenticates it
 * with Basic base64(client_id:client_secret), as in pipedrive/example-apps `oauth/uninstall.js`.
 */
export function verifyUninstallAuth(authorization: HeaderValue, clientId: string, clientSecret: string): void {
  if (!clientId || !clientSecret) throw new AuthError('OAuth client id and secret are required to verify the uninstall callback');
  if (!credentialsMatch(parseBasicAuth(authorization), { user: clientId, password: clientSecret })) {
    throw new AuthError('Uninstall callback credentials do not match this app\'s client_id:client_secret');
  }
}

/** The header value for outgoing Basic auth (OAuth token endpoint, tests). */
export function basicAuthHeader(user: string, password: string): string {
  return `Basic ${Buffer.from(`${user}:${password}`, 'utf8').toString('base64')}`;
}
