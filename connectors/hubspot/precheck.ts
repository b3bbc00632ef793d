// What can be refused from a HubSpot delivery's headers alone, before its body is read: the
// signature header of an accepted version, well-formed, and (v3) a timestamp inside the
// 5-minute window (reference hubspot.md §2.1-2.2). The signature itself covers the body, so it
// is verified after the (capped) read, by the connector's verify().
import type { Rejection } from '../../src/crm/types.ts';
import { getHeader, type HeaderMap } from './headers.ts';
import { checkTimestampWindow } from './signature.ts';

/** HMAC-SHA256 is 32 bytes: 44 base64 characters (v3); SHA-256 hex is 64 characters (v1/v2). */
const V3_SIGNATURE = /^[A-Za-z0-9+/]{43}=$/;
const LEGACY_SIGNATURE = /^[0-9a-fA-F]{64}$/;

/**
 * A HubSpot batch holds at most 100 events (§1.3). An event envelope is ~300 bytes; a
 * propertyChange adds the property value (a text property can hold up to 65,536 characters,
 * but the properties lead-router scores are short). 1 MiB fits 100 events with ~10 KB values
 * each; anything larger is not a HubSpot delivery.
 */
export const HUBSPOT_MAX_BODY_BYTES = 1024 * 1024;

export function precheckHubspot(headers: HeaderMap, o: { now: number; allowLegacy?: boolean }): Rejection | null {
  const v3 = getHeader(headers, 'x-hubspot-signature-v3');
  if (v3 !== undefined) {
    if (!V3_SIGNATURE.test(v3.trim())) return { reason: 'malformed X-HubSpot-Signature-v3 (expected a base64 HMAC-SHA256)' };
    const window = checkTimestampWindow(getHeader(headers, 'x-hubspot-request-timestamp'), o);
    return window ? { reason: window } : null;
  }
  const legacy = getHeader(headers, 'x-hubspot-signature');
  if (legacy === undefined) return { reason: 'missing X-HubSpot-Signature-v3 header' };
  if (!o.allowLegacy) {
    return { reason: 'only v3 signatures are accepted (v1/v2 can be replayed; HUBSPOT_ALLOW_LEGACY_SIGNATURES=true accepts them)' };
  }
  return LEGACY_SIGNATURE.test(legacy.trim()) ? null : { reason: 'malformed X-HubSpot-Signature (expected SHA-256 hex)' };
}
