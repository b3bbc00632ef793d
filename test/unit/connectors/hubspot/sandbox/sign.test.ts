import { describe, expect, it } from '@jest/globals';
import { decodeSignatureUri, signHubspotV1, signHubspotV3 } from '../../../../../connectors/hubspot/sandbox/sign.ts';

// Vectors from shared/reference/hubspot.md §2.3 (verified there with python and node).
const SECRET = 'yyyyyyyy-yyyy-yyyy-yyyy-yyyyyyyyyyyy';

describe('HubSpot webhook signatures', () => {
  it('v1 matches the docs / SDK test vector', () => {
    const body = '[{"eventId":1,"subscriptionId":12345,"portalId":62515,"occurredAt":1564113600000,"subscriptionType":"contact.creation","attemptNumber":0,"objectId":123,"changeSource":"CRM","changeFlag":"NEW","appId":54321}]';
    expect(signHubspotV1(SECRET, body)).toBe('232db2615f3d666fe21a8ec971ac7b5402d33b9a925784df3ca654d05f4817de');
  });

  it('v3 matches the python SDK fixed vector and the locally computed one', () => {
    const url = 'https://www.example.com/webhook_uri';
    expect(signHubspotV3({ clientSecret: SECRET, method: 'POST', url, body: "{'example_field':'example_value'}", timestamp: 15000000 }))
      .toBe('HPW73RUtKmcYoEDADG0s6MmGFWUzWJKAW07r8RDgcQw=');
    expect(signHubspotV3({ clientSecret: SECRET, method: 'POST', url, body: '{"example_field":"example_value"}', timestamp: 1700000000000 }))
      .toBe('rQEKkaNUiu+1qGF//O/pw4BCzstSqO1PyUnGICmf+7o=');
  });

  it('decodes exactly the 12 escapes HubSpot lists and nothing else', () => {
    expect(decodeSignatureUri('https://x.test/a%3Ab%2Fc%3fd%40e%21f%24g%27h%28i%29j%2Ak%2Cl%3Bm')).toBe("https://x.test/a:b/c?d@e!f$g'h(i)j*k,l;m");
    expect(decodeSignatureUri('https://x.test/p?q=a%20b%26c')).toBe('https://x.test/p?q=a%20b%26c');
  });
});
