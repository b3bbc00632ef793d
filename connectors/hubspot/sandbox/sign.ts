// Webhook request signatures exactly as HubSpot computes them (shared/reference/hubspot.md §2.2).
// The sandbox signs its own deliveries; it deliberately does not import the connector's verifier,
// so a bug in one cannot hide the same bug in the other.
import { createHash, createHmac } from 'node:crypto';

/** v1: SHA-256 (plain hash, not HMAC) of clientSecret + body, hex (§2.2). */
export function signHubspotV1(clientSecret: string, body: string): string {
  return createHash('sha256').update(clientSecret + body, 'utf8').digest('hex');
}

/** v3: HMAC-SHA256 keyed with the client secret over method + URI + body + timestamp, base64 (§2.2). */
export function signHubspotV3(input: {
  clientSecret: string;
  method: string;
  url: string;
  body: string;
  timestamp: number | string;
}): string {
  const source = input.method + decodeSignatureUri(input.url) + input.body + String(input.timestamp);
  return createHmac('sha256', input.clientSecret).update(source, 'utf8').digest('base64');
}

// §2.2: receivers decode exactly these escapes before hashing, so HubSpot signs the decoded form.
const DECODED_ESCAPES: Record<string, string> = {
  '%3A': ':', '%2F': '/', '%3F': '?', '%40': '@', '%21': '!', '%24': '$',
  '%27': "'", '%28': '(', '%29': ')', '%2A': '*', '%2C': ',', '%3B': ';',
};

/** Decodes only the 12 escapes listed in §2.2 (case-insensitive hex); everything else stays as sent. */
export function decodeSignatureUri(url: string): string {
  return url.replace(/%(3A|2F|3F|40|21|24|27|28|29|2A|2C|3B)/gi, (m) => DECODED_ESCAPES[m.toUpperCase()] ?? m);
}
