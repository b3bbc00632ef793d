import { describe, it, expect } from '@jest/globals';
import { createHmac } from 'node:crypto';
import {
  decodeHubspotUri,
  hubspotV3Headers,
  signHubspotV1,
  signHubspotV2,
  signHubspotV3,
  verifyHubspotSignature,
} from '../../../../connectors/hubspot/signature.ts';

// Reference hubspot.md §2.3: all vectors share this client secret.
const SECRET = 'yyyyyyyy-yyyy-yyyy-yyyy-yyyyyyyyyyyy';
const URI = 'https://www.example.com/webhook_uri';
const V1_BODY =
  '[{"eventId":1,"subscriptionId":12345,"portalId":62515,"occurredAt":1564113600000,"subscriptionType":"contact.creation","attemptNumber":0,"objectId":123,"changeSource":"CRM","changeFlag":"NEW","appId":54321}]';
const JSON_BODY = '{"example_field":"example_value"}';
const NOW = 1_700_000_000_000;

function v3(body: string, opts: { url?: string; ts?: number; secret?: string; method?: string } = {}) {
  const ts = opts.ts ?? NOW;
  return hubspotV3Headers({ method: opts.method ?? 'POST', url: opts.url ?? URI, body, clientSecret: opts.secret ?? SECRET, timestamp: ts });
}

function verify(
  headers: Record<string, string | string[] | undefined>,
  body: string,
  o: { url?: string; now?: number; method?: string; allowLegacy?: boolean } = {},
) {
  return verifyHubspotSignature({
    method: o.method ?? 'POST',
    url: o.url ?? URI,
    headers,
    rawBody: Buffer.from(body, 'utf8'),
    clientSecret: SECRET,
    now: o.now ?? NOW,
    allowLegacy: o.allowLegacy ?? true,
  });
}

describe('HubSpot signature vectors (reference §2.3)', () => {
  it('v1: docs FAQ / SDK vector', () => {
    const sig = '232db2615f3d666fe21a8ec971ac7b5402d33b9a925784df3ca654d05f4817de';
    expect(signHubspotV1({ body: V1_BODY, clientSecret: SECRET })).toBe(sig);
    expect(verify({ 'x-hubspot-signature': sig, 'x-hubspot-signature-version': 'v1' }, V1_BODY)).toEqual({ ok: true, version: 'v1' });
  });

  it('v2 GET with an empty body', () => {
    const sig = 'eee2dddcc73c94d699f5e395f4b9d454a069a6855fbfa152e91e88823087200e';
    expect(signHubspotV2({ method: 'GET', url: URI, body: '', clientSecret: SECRET })).toBe(sig);
    expect(verify({ 'X-HubSpot-Signature': sig, 'X-HubSpot-Signature-Version': 'v2' }, '', { method: 'GET' })).toEqual({
      ok: true,
      version: 'v2',
    });
  });

  it('v2 POST', () => {
    const sig = '9569219f8ba981ffa6f6f16aa0f48637d35d728c7e4d93d0d52efaa512af7900';
    expect(signHubspotV2({ method: 'POST', url: URI, body: JSON_BODY, clientSecret: SECRET })).toBe(sig);
    expect(verify({ 'x-hubspot-signature': sig, 'x-hubspot-signature-version': 'v2' }, JSON_BODY)).toEqual({ ok: true, version: 'v2' });
  });

  it('v3: python SDK fixed vector (timestamp 15000000, clock injected)', () => {
    const body = "{'example_field':'example_value'}";
    const sig = 'HPW73RUtKmcYoEDADG0s6MmGFWUzWJKAW07r8RDgcQw=';
    expect(signHubspotV3({ method: 'POST', url: URI, body, clientSecret: SECRET, timestamp: 15000000 })).toBe(sig);
    const headers = { 'x-hubspot-signature-v3': sig, 'x-hubspot-request-timestamp': '15000000' };
    expect(verify(headers, body, { now: 15000000 + 1000 })).toEqual({ ok: true, version: 'v3' });
    // The same request verified against the real clock is stale.
    expect(verify(headers, body).ok).toBe(false);
  });

  it('v3: locally computed vector', () => {
    const sig = 'rQEKkaNUiu+1qGF//O/pw4BCzstSqO1PyUnGICmf+7o=';
    expect(signHubspotV3({ method: 'POST', url: URI, body: JSON_BODY, clientSecret: SECRET, timestamp: 1700000000000 })).toBe(sig);
    expect(verify({ 'x-hubspot-signature-v3': sig, 'x-hubspot-request-timestamp': '1700000000000' }, JSON_BODY)).toEqual({
      ok: true,
      version: 'v3',
    });
  });
});

describe('verifyHubspotSignature rejects tampering', () => {
  const good = v3(JSON_BODY);

  it('a changed body byte', () => {
    const r = verify(good, '{"example_field":"example_valuf"}');
    expect(r).toEqual({ ok: false, reason: 'v3 signature mismatch' });
  });

  it('a trailing newline (raw bytes, not parsed JSON)', () => {
    expect(verify(good, `${JSON_BODY}\n`).ok).toBe(false);
  });

  it('a different URL (path, query, scheme)', () => {
    expect(verify(good, JSON_BODY, { url: 'https://www.example.com/webhook_uri2' }).ok).toBe(false);
    expect(verify(good, JSON_BODY, { url: `${URI}?a=1` }).ok).toBe(false);
    expect(verify(good, JSON_BODY, { url: 'http://www.example.com/webhook_uri' }).ok).toBe(false);
  });

  it('a different method', () => {
    expect(verify(good, JSON_BODY, { method: 'PUT' }).ok).toBe(false);
  });

  it('a changed timestamp header (it is signed)', () => {
    const r = verify({ ...good, 'x-hubspot-request-timestamp': String(NOW - 1) }, JSON_BODY);
    expect(r).toEqual({ ok: false, reason: 'v3 signature mismatch' });
  });

  it('the wrong client secret', () => {
    const r = verify(v3(JSON_BODY, { secret: 'zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz' }), JSON_BODY);
    expect(r.ok).toBe(false);
  });

  it('a truncated signature (different length)', () => {
    const r = verify({ ...good, 'x-hubspot-signature-v3': good['x-hubspot-signature-v3']!.slice(0, 20) }, JSON_BODY);
    expect(r).toEqual({ ok: false, reason: 'v3 signature mismatch' });
  });

  it('a stale timestamp: older than 5 minutes', () => {
    const ts = NOW - 300_001;
    const r = verify(v3(JSON_BODY, { ts }), JSON_BODY);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(/stale/);
    // Exactly 5 minutes old is still accepted.
    expect(verify(v3(JSON_BODY, { ts: NOW - 300_000 }), JSON_BODY).ok).toBe(true);
  });

  it('a timestamp in the future beyond the allowed skew', () => {
    const r = verify(v3(JSON_BODY, { ts: NOW + 60_001 }), JSON_BODY);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(/future/);
    expect(verify(v3(JSON_BODY, { ts: NOW + 30_000 }), JSON_BODY).ok).toBe(true);
  });

  it('a missing or malformed timestamp', () => {
    const { 'x-hubspot-request-timestamp': _ts, ...noTs } = good;
    const missing = verify(noTs, JSON_BODY);
    expect(missing.ok).toBe(false);
    if (!missing.ok) expect(missing.reason).toMatch(/missing X-HubSpot-Request-Timestamp/);
    const seconds = verify({ ...good, 'x-hubspot-request-timestamp': '1.7e12' }, JSON_BODY);
    expect(seconds.ok).toBe(false);
  });

  it('no signature headers at all', () => {
    const r = verify({ 'content-type': 'application/json' }, JSON_BODY);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(/missing/);
  });

  it('does not fall back to v1 when a v3 header is present but wrong', () => {
    const v1 = signHubspotV1({ body: JSON_BODY, clientSecret: SECRET });
    const r = verify(
      { 'x-hubspot-signature-v3': 'AAAA', 'x-hubspot-request-timestamp': String(NOW), 'x-hubspot-signature': v1, 'x-hubspot-signature-version': 'v1' },
      JSON_BODY,
    );
    expect(r.ok).toBe(false);
  });

  it('a version mismatch: a v1 signature labelled v2, an unknown version', () => {
    const v1 = signHubspotV1({ body: JSON_BODY, clientSecret: SECRET });
    expect(verify({ 'x-hubspot-signature': v1, 'x-hubspot-signature-version': 'v2' }, JSON_BODY)).toEqual({
      ok: false,
      reason: 'v2 signature mismatch',
    });
    const unknown = verify({ 'x-hubspot-signature': v1, 'x-hubspot-signature-version': 'v9' }, JSON_BODY);
    expect(unknown.ok).toBe(false);
    if (!unknown.ok) expect(unknown.reason).toMatch(/unsupported/);
    // Without a version header, HubSpot's SDK default (v1) applies.
    expect(verify({ 'x-hubspot-signature': v1 }, JSON_BODY)).toEqual({ ok: true, version: 'v1' });
  });

  it('refuses a valid v1/v2 signature unless legacy signatures are allowed (the default)', () => {
    const v1 = signHubspotV1({ body: V1_BODY, clientSecret: SECRET });
    const v2 = signHubspotV2({ method: 'POST', url: URI, body: JSON_BODY, clientSecret: SECRET });
    for (const [headers, body] of [
      [{ 'x-hubspot-signature': v1, 'x-hubspot-signature-version': 'v1' }, V1_BODY],
      [{ 'x-hubspot-signature': v2, 'x-hubspot-signature-version': 'v2' }, JSON_BODY],
    ] as const) {
      const r = verifyHubspotSignature({ method: 'POST', url: URI, headers, rawBody: Buffer.from(body), clientSecret: SECRET, now: NOW });
      expect(r).toEqual({ ok: false, reason: expect.stringMatching(/only v3 .*HUBSPOT_ALLOW_LEGACY_SIGNATURES=true/) });
      expect(verify(headers, body, { allowLegacy: false }).ok).toBe(false);
    }
    // v3 is unaffected by the setting.
    expect(verify(v3(JSON_BODY), JSON_BODY, { allowLegacy: false })).toEqual({ ok: true, version: 'v3' });
  });

  it('an empty client secret never verifies', () => {
    const r = verifyHubspotSignature({ method: 'POST', url: URI, headers: v3(JSON_BODY, { secret: '' }), rawBody: Buffer.from(JSON_BODY), clientSecret: '', now: NOW });
    expect(r.ok).toBe(false);
  });
});

describe('v3 URI decoding (§2.2)', () => {
  it('decodes exactly the 12 listed escapes, in either hex case, and nothing else', () => {
    expect(decodeHubspotUri('https://h/p?x=%3A%2F%3F%40%21%24%27%28%29%2A%2C%3B')).toBe("https://h/p?x=:/?@!$'()*,;");
    expect(decodeHubspotUri('https://h/p?x=%3a%2f')).toBe('https://h/p?x=:/');
    expect(decodeHubspotUri('https://h/p?x=a%20b%26c%3Dd%25')).toBe('https://h/p?x=a%20b%26c%3Dd%25');
  });

  it('verifies a request HubSpot signed over the decoded URI while we received it encoded', () => {
    const received = 'https://app.example.com/hooks/hubspot?portal=62515&redirect=https%3A%2F%2Fx.test%2Fa%20b';
    const decoded = 'https://app.example.com/hooks/hubspot?portal=62515&redirect=https://x.test/a%20b';
    // HubSpot signs the decoded form (computed here without our decoder).
    const sig = createHmac('sha256', SECRET).update(`POST${decoded}${JSON_BODY}${NOW}`).digest('base64');
    const headers = { 'x-hubspot-signature-v3': sig, 'x-hubspot-request-timestamp': String(NOW) };
    expect(verify(headers, JSON_BODY, { url: received })).toEqual({ ok: true, version: 'v3' });
    // %20 is not one of the 12: decoding it would break the signature.
    expect(verify(headers, JSON_BODY, { url: received.replace('%20', ' ') }).ok).toBe(false);
  });

  it('hashes the raw bytes, including non-UTF-8 ones', () => {
    const raw = Buffer.from([0x5b, 0xff, 0xfe, 0x5d]);
    const headers = hubspotV3Headers({ method: 'POST', url: URI, body: raw, clientSecret: SECRET, timestamp: NOW });
    expect(verifyHubspotSignature({ method: 'POST', url: URI, headers, rawBody: raw, clientSecret: SECRET, now: NOW }).ok).toBe(true);
    const lossy = Buffer.from(raw.toString('utf8'), 'utf8');
    expect(verifyHubspotSignature({ method: 'POST', url: URI, headers, rawBody: lossy, clientSecret: SECRET, now: NOW }).ok).toBe(false);
  });
});
