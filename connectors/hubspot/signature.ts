// HubSpot request signatures (docs/reference hubspot.md §2). v3 is the only one accepted by
// default: HMAC-SHA256 (key = app client secret) over method + URI + raw body + timestamp,
// base64. v1/v2 (plain SHA-256, hex) carry no timestamp, so a captured delivery verifies
// forever (replay), and v1 does not even cover the URL: they are accepted only when the
// operator opts in (`allowLegacy`, HUBSPOT_ALLOW_LEGACY_SIGNATURES) and the v3 headers are
// absent. Everything is computed over the raw body bytes and compared in constant time.
import { createHash, createHmac } from 'node:crypto';
import { safeEqual } from '../../src/crypto/safe-equal.ts';
import { getHeader, type HeaderMap } from './headers.ts';

/** §2.2: "Reject the request if the timestamp is older than 5 minutes". */
export const MAX_SIGNATURE_AGE_MS = 300_000;
/**
 * HubSpot documents no rule for timestamps in the future; the checklist (§ "What the app must
 * do", 1) says to reject "one too far in the future". One minute covers ordinary clock drift
 * between HubSpot and us without letting a captured request be replayed much later.
 */
export const MAX_FUTURE_SKEW_MS = 60_000;

export type HubspotSignatureVersion = 'v1' | 'v2' | 'v3';
export type SignatureCheck = { ok: true; version: HubspotSignatureVersion } | { ok: false; reason: string };

export interface VerifyHubspotSignatureOptions {
  method: string;
  /** The public URL HubSpot called (scheme + host + path + query, original order). */
  url: string;
  headers: HeaderMap;
  rawBody: Buffer;
  clientSecret: string;
  /** epoch ms (injectable clock) */
  now: number;
  maxAgeMs?: number;
  maxFutureSkewMs?: number;
  /** Accept v1/v2 (no timestamp: replayable) when v3 is absent. Default false. */
  allowLegacy?: boolean;
}

// §2.2: decode only these 12 escapes in the URI before signing. Hex digits are
// case-insensitive in percent-encoding (RFC 3986 §2.1), so %3a decodes like %3A.
const URI_ESCAPES: Record<string, string> = {
  '%3A': ':', '%2F': '/', '%3F': '?', '%40': '@', '%21': '!', '%24': '$',
  '%27': "'", '%28': '(', '%29': ')', '%2A': '*', '%2C': ',', '%3B': ';',
};
const URI_ESCAPE_RE = /%(3A|2F|3F|40|21|24|27|28|29|2A|2C|3B)/gi;

/** The URI exactly as HubSpot signs it for v3 (§2.2). Other escapes (e.g. %20) stay encoded. */
export function decodeHubspotUri(url: string): string {
  return url.replace(URI_ESCAPE_RE, (m) => URI_ESCAPES[m.toUpperCase()] ?? m);
}

function toBuffer(body: Buffer | string): Buffer {
  return typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
}

export interface SignV3Options {
  method: string;
  url: string;
  body: Buffer | string;
  clientSecret: string;
  /** epoch ms, sent as X-HubSpot-Request-Timestamp */
  timestamp: number | string;
}

/** v3 signature (base64) as HubSpot computes it; the URL is decoded per §2.2 first. */
export function signHubspotV3(o: SignV3Options): string {
  return createHmac('sha256', o.clientSecret)
    .update(Buffer.from(`${o.method.toUpperCase()}${decodeHubspotUri(o.url)}`, 'utf8'))
    .update(toBuffer(o.body))
    .update(Buffer.from(String(o.timestamp), 'utf8'))
    .digest('base64');
}

/** Headers a v3-signed HubSpot delivery carries (for tests, the sandbox and dev tools). */
export function hubspotV3Headers(o: SignV3Options): Record<string, string> {
  return {
    'x-hubspot-signature-v3': signHubspotV3(o),
    'x-hubspot-request-timestamp': String(o.timestamp),
  };
}

/** v1: SHA-256 hex of clientSecret + body (§2.2; not an HMAC). */
export function signHubspotV1(o: { body: Buffer | string; clientSecret: string }): string {
  return createHash('sha256').update(Buffer.from(o.clientSecret, 'utf8')).update(toBuffer(o.body)).digest('hex');
}

/** v2: SHA-256 hex of clientSecret + method + URI + body (§2.2; body empty when absent). */
export function signHubspotV2(o: { method: string; url: string; body: Buffer | string; clientSecret: string }): string {
  return createHash('sha256')
    .update(Buffer.from(`${o.clientSecret}${o.method.toUpperCase()}${o.url}`, 'utf8'))
    .update(toBuffer(o.body))
    .digest('hex');
}

/**
 * Why a v3 timestamp is refused (missing, malformed, outside the 5-minute window), or null.
 * Needs no body, so the webhook route checks it before reading one (precheck.ts).
 */
export function checkTimestampWindow(
  timestamp: string | undefined,
  o: { now: number; maxAgeMs?: number; maxFutureSkewMs?: number },
): string | null {
  if (timestamp === undefined || timestamp === '') return 'missing X-HubSpot-Request-Timestamp header';
  if (!/^\d{1,16}$/.test(timestamp.trim())) return 'malformed X-HubSpot-Request-Timestamp (expected epoch ms)';
  const age = o.now - Number(timestamp.trim());
  if (age > (o.maxAgeMs ?? MAX_SIGNATURE_AGE_MS)) return `stale request timestamp (${age} ms old)`;
  if (-age > (o.maxFutureSkewMs ?? MAX_FUTURE_SKEW_MS)) return `request timestamp ${-age} ms in the future`;
  return null;
}

function verifyV3(o: VerifyHubspotSignatureOptions, signature: string): SignatureCheck {
  const timestamp = getHeader(o.headers, 'x-hubspot-request-timestamp');
  const window = checkTimestampWindow(timestamp, o); // null only when timestamp is set
  if (window) return { ok: false, reason: window };
  const expected = signHubspotV3({ method: o.method, url: o.url, body: o.rawBody, clientSecret: o.clientSecret, timestamp: timestamp! });
  return safeEqual(signature.trim(), expected) ? { ok: true, version: 'v3' } : { ok: false, reason: 'v3 signature mismatch' };
}

function verifyLegacy(o: VerifyHubspotSignatureOptions, signature: string): SignatureCheck {
  // The version header says which algorithm signed X-HubSpot-Signature (§2.1). The official
  // SDK defaults to v1 when it is absent; CRM webhook deliveries are labelled v1.
  const version = (getHeader(o.headers, 'x-hubspot-signature-version') ?? 'v1').trim().toLowerCase();
  let expected: string;
  if (version === 'v1') expected = signHubspotV1({ body: o.rawBody, clientSecret: o.clientSecret });
  else if (version === 'v2') expected = signHubspotV2({ method: o.method, url: o.url, body: o.rawBody, clientSecret: o.clientSecret });
  else return { ok: false, reason: `unsupported X-HubSpot-Signature-Version "${version}"` };
  return safeEqual(signature.trim().toLowerCase(), expected) ? { ok: true, version } : { ok: false, reason: `${version} signature mismatch` };
}

/**
 * Verify a HubSpot request before its body is parsed. Never throws: returns why it failed so
 * the caller can log it (and answer 401).
 */
export function verifyHubspotSignature(o: VerifyHubspotSignatureOptions): SignatureCheck {
  if (!o.clientSecret) return { ok: false, reason: 'no client secret configured' };
  const v3 = getHeader(o.headers, 'x-hubspot-signature-v3');
  if (v3 !== undefined) return verifyV3(o, v3);
  const legacy = getHeader(o.headers, 'x-hubspot-signature');
  if (legacy !== undefined && !o.allowLegacy) {
    return { ok: false, reason: 'only v3 signatures are accepted (v1/v2 can be replayed; HUBSPOT_ALLOW_LEGACY_SIGNATURES=true accepts them)' };
  }
  if (legacy !== undefined) return verifyLegacy(o, legacy);
  return { ok: false, reason: 'missing X-HubSpot-Signature-v3 / X-HubSpot-Signature headers' };
}
