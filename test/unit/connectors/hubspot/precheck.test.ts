// The header-only checks the webhook route runs before reading a HubSpot body.
import { describe, expect, it } from '@jest/globals';
import { precheckHubspot } from '../../../../connectors/hubspot/precheck.ts';
import { hubspotV3Headers, signHubspotV1 } from '../../../../connectors/hubspot/signature.ts';

const NOW = 1_700_000_000_000;
const SECRET = 'precheck-secret-0123456789';
const v3 = (ts: number) => hubspotV3Headers({ method: 'POST', url: 'https://x.test/webhooks/hubspot', body: '[]', clientSecret: SECRET, timestamp: ts });

describe('precheckHubspot', () => {
  it('passes a well-formed v3 header inside the window (the signature itself is checked after the body)', () => {
    expect(precheckHubspot(v3(NOW - 1000), { now: NOW })).toBeNull();
    // A wrong but well-formed signature passes the precheck: only the body can tell.
    expect(precheckHubspot({ ...v3(NOW), 'x-hubspot-signature-v3': 'A'.repeat(43) + '=' }, { now: NOW })).toBeNull();
  });

  it.each([
    ['no signature header', {}, /missing X-HubSpot-Signature-v3/],
    ['a stale timestamp', v3(NOW - 301_000), /stale/],
    ['a future timestamp', v3(NOW + 120_000), /future/],
    ['no timestamp', { 'x-hubspot-signature-v3': v3(NOW)['x-hubspot-signature-v3']! }, /missing X-HubSpot-Request-Timestamp/],
    ['a malformed v3 signature', { ...v3(NOW), 'x-hubspot-signature-v3': 'AAAA' }, /malformed X-HubSpot-Signature-v3/],
    ['a v1 signature (legacy not allowed)', { 'x-hubspot-signature': signHubspotV1({ body: '[]', clientSecret: SECRET }) }, /only v3/],
  ])('refuses %s', (_name, headers, reason) => {
    expect(precheckHubspot(headers as Record<string, string>, { now: NOW })?.reason).toMatch(reason);
  });

  it('passes a well-formed v1/v2 header only when legacy signatures are allowed', () => {
    const v1 = { 'x-hubspot-signature': signHubspotV1({ body: '[]', clientSecret: SECRET }), 'x-hubspot-signature-version': 'v1' };
    expect(precheckHubspot(v1, { now: NOW, allowLegacy: true })).toBeNull();
    expect(precheckHubspot({ 'x-hubspot-signature': 'zz' }, { now: NOW, allowLegacy: true })?.reason).toMatch(/malformed/);
  });
});
